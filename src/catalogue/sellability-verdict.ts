// The sale rule a row is judged by. It starts from what the registry's assessment says under the regime and
// adds what a label's state changes:
// - no facts at all: the product is not in the registry, so it cannot be confirmed (not sellable);
// - no facts for the regime: the product was never assessed under it (not sellable);
// - under the labelling regimes (2019 Options A and C) only labelled products may be sold, so a product
//   without a label, or whose label is revoked or suspended, is not sellable whatever the assessment says;
// - otherwise the assessment's own `sellable` stands. A support period that has ended by `at` does not by
//   itself stop a sale under any regime modelled here, but the reason says so.
import type { LabelFacts, LabelStatus, RegimeFacts, RowOutcome, SellabilityFacts } from './types.js';

/** Regimes under which "only labelled products may be sold". */
export const LABELLING_REGIMES: ReadonlySet<string> = new Set(['uk-2019-option-a', 'uk-2019-option-c']);

export interface SellabilityVerdict {
  sellable: boolean;
  outcome: RowOutcome;
  reason: string;
  supportEndDate: string | null;
  labelId: string | null;
  labelStatus: LabelStatus | null;
}

export function sellabilityVerdict(facts: SellabilityFacts | null, regime: string, at: string): SellabilityVerdict {
  if (facts === null) return verdict(false, 'unknown-product', 'Not in the registry: cannot confirm it may be sold', null, null);
  const label = facts.label;
  const regimeFacts: RegimeFacts | undefined = facts.regimes[regime];
  if (regimeFacts === undefined) return verdict(false, 'not-assessed', `Not assessed under ${regime}: do not sell`, null, label);
  const supportEndDate = regimeFacts.supportEndDate;
  if (LABELLING_REGIMES.has(regime)) {
    const blocked = labelBlocksSale(label);
    if (blocked !== null) return verdict(false, blocked.outcome, blocked.reason, supportEndDate, label);
  }
  if (!regimeFacts.sellable) {
    const why = regimeFacts.reasons[0] ?? 'it does not meet the security requirements';
    return verdict(false, regimeFacts.outcome, `Do not sell: ${lowerFirst(why)}`, supportEndDate, label);
  }
  const what = regimeFacts.outcome === 'out-of-scope' ? 'OK to sell: not covered by these rules' : 'OK to sell: meets the security rules';
  const until = supportEndDate === null ? '' : supportEndDate < at ? `; security updates ended ${supportEndDate}` : `; security updates until ${supportEndDate}`;
  return verdict(true, regimeFacts.outcome, what + until, supportEndDate, label);
}

function verdict(sellable: boolean, outcome: RowOutcome, reason: string, supportEndDate: string | null, label: LabelFacts | null): SellabilityVerdict {
  return { sellable, outcome, reason, supportEndDate, labelId: label?.id ?? null, labelStatus: label?.status ?? null };
}

function labelBlocksSale(label: LabelFacts | null): { outcome: RowOutcome; reason: string } | null {
  if (label === null) return { outcome: 'no-label', reason: 'Do not sell: the product has no security label' };
  if (label.status === 'revoked') return { outcome: 'label-revoked', reason: 'Do not sell: the security label has been revoked' };
  if (label.status === 'suspended') return { outcome: 'label-suspended', reason: 'Do not sell: the security label is suspended' };
  return null;
}

function lowerFirst(text: string): string {
  return text.length > 0 ? text[0]!.toLowerCase() + text.slice(1) : text;
}
