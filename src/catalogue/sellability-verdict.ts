// The one sale rule. The catalogue checker, the offline snapshot and the registry's one-product answer
// (GET /v1/sellable) all judge a product with this function. It starts from what the registry knows about
// the product under the regime and adds what the regime's own rule (SaleRule, from the rulebooks) changes:
// - withdrawn by its manufacturer: never sellable;
// - not in the registry, never declared, or not assessed under the regime: nobody can confirm it complies,
//   so it is not sellable where the regime restricts sales, and sellable (with the reason) where it does not;
// - "only labelled products may be sold" (2019 Options A and C): no label under the regime, or a revoked or
//   suspended one, stops the sale whatever the assessment says; a cross on the shield is still a label;
// - otherwise the assessment's own `sellable` stands. A support period that has ended by `at` does not by
//   itself stop a sale under any regime modelled here, but the reason says so.
import { dateInWords } from '../calendar.js';
import { listRegimes } from '../regimes/list-regimes.js';
import { regimeShortName } from '../regimes/roles.js';
import { saleRuleFor, type SaleRule } from './sale-rule.js';
import type { LabelFacts, LabelStatus, RegimeFacts, RowOutcome, SellabilityFacts } from './types.js';

/** Regimes under which "only labelled products may be sold" (from the bundled rulebooks, when first imported). */
export const LABELLING_REGIMES: ReadonlySet<string> = new Set(
  listRegimes()
    .map((r) => saleRuleFor(r.id))
    .filter((rule) => rule.onlyLabelled)
    .map((rule) => rule.regime),
);

export interface SellabilityVerdict {
  sellable: boolean;
  outcome: RowOutcome;
  /** One short sentence for a shop assistant. */
  reason: string;
  supportEndDate: string | null;
  labelId: string | null;
  labelStatus: LabelStatus | null;
}

export function sellabilityVerdict(
  facts: SellabilityFacts | null,
  regime: string,
  at: string,
  rule: SaleRule = saleRuleFor(regime),
): SellabilityVerdict {
  const short = regimeShortName(rule.regime);
  const free = rule.restrictsSales ? '' : `; ${short} does not restrict sales`;
  if (facts === null)
    return verdict(
      !rule.restrictsSales,
      'unknown-product',
      `${rule.restrictsSales ? 'Do not sell' : 'OK to sell'}: not in the registry, so nobody can confirm it complies${free}`,
      null,
      null,
    );
  const regimeFacts: RegimeFacts | undefined = facts.regimes[regime];
  const label = regimeFacts?.label !== undefined ? regimeFacts.label : facts.label;
  if (regimeFacts === undefined)
    return verdict(
      !rule.restrictsSales,
      'not-assessed',
      `${rule.restrictsSales ? 'Do not sell' : 'OK to sell'}: not assessed under ${short}${free}`,
      null,
      label,
    );
  const supportEndDate = regimeFacts.supportEndDate;
  if (regimeFacts.outcome === 'withdrawn')
    return verdict(
      false,
      'withdrawn',
      `Do not sell: ${lowerFirst(regimeFacts.reasons[0] ?? 'withdrawn by the manufacturer')}`,
      supportEndDate,
      label,
    );
  if (regimeFacts.outcome === 'not-declared') {
    return verdict(
      !rule.restrictsSales,
      'not-declared',
      `${rule.restrictsSales ? 'Do not sell' : 'OK to sell'}: the manufacturer has not declared it meets the security rules${free}`,
      supportEndDate,
      label,
    );
  }
  if (rule.onlyLabelled) {
    const blocked = labelBlocksSale(label !== null && label.regime === regime ? label : null);
    if (blocked !== null) return verdict(false, blocked.outcome, blocked.reason, supportEndDate, label);
  }
  if (!regimeFacts.sellable) {
    const why = regimeFacts.reasons[0] ?? 'it does not meet the security requirements';
    return verdict(false, regimeFacts.outcome, `Do not sell: ${lowerFirst(why)}`, supportEndDate, label);
  }
  // Sellable though the assessment failed: either the rules only ask for a label and the product has one (a
  // cross on the shield informs, it does not ban), or the rules do not restrict sales at all.
  const what =
    regimeFacts.outcome === 'out-of-scope'
      ? 'OK to sell: not covered by these rules'
      : regimeFacts.outcome === 'pass'
        ? 'OK to sell: meets the security rules'
        : rule.onlyLabelled
          ? `OK to sell: it has the security label, though ${label?.shield === 'cross' ? 'its shield shows a cross: ' : ''}it does not meet every rule`
          : rule.restrictsSales
            ? 'OK to sell: the rules allow its sale, though it does not meet every requirement'
            : `OK to sell: it does not meet these rules, but ${short} does not restrict sales`;
  const until =
    supportEndDate === null
      ? ''
      : supportEndDate < at
        ? `; security updates ended ${supportEndDate}`
        : `; security updates until ${supportEndDate}`;
  return verdict(true, regimeFacts.outcome, what + until, supportEndDate, label);
}

function verdict(
  sellable: boolean,
  outcome: RowOutcome,
  reason: string,
  supportEndDate: string | null,
  label: LabelFacts | null,
): SellabilityVerdict {
  return { sellable, outcome, reason, supportEndDate, labelId: label?.id ?? null, labelStatus: label?.status ?? null };
}

function labelBlocksSale(label: LabelFacts | null): { outcome: RowOutcome; reason: string } | null {
  if (label === null) return { outcome: 'no-label', reason: 'Do not sell: the product has no security label' };
  if (label.status === 'revoked')
    return { outcome: 'label-revoked', reason: `Do not sell: security label revoked${since(label)}` };
  if (label.status === 'suspended')
    return { outcome: 'label-suspended', reason: `Do not sell: security label suspended${since(label)}` };
  return null;
}

/** " on 2 December 2026: <reason>" when the facts carry them; the reason is cut short to keep one line. */
function since(label: LabelFacts): string {
  const on = label.statusAt ? ` on ${dateInWords(label.statusAt)}` : '';
  const why = label.statusReason?.trim() ?? '';
  return `${on}${why ? `: ${why.length > 70 ? `${why.slice(0, 69)}…` : why}` : ''}`;
}

function lowerFirst(text: string): string {
  return text.length > 0 ? text[0]!.toLowerCase() + text.slice(1) : text;
}
