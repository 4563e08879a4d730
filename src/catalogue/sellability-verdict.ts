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
  if (facts === null) {
    return { sellable: false, outcome: 'unknown-product', reason: 'Not in the registry: cannot confirm it may be sold', supportEndDate: null, labelId: null, labelStatus: null };
  }
  const label = facts.label;
  const base = { labelId: label?.id ?? null, labelStatus: label?.status ?? null };
  const regimeFacts: RegimeFacts | undefined = facts.regimes[regime];
  if (regimeFacts === undefined) {
    return { ...base, sellable: false, outcome: 'not-assessed', reason: `Not assessed under ${regime}: do not sell`, supportEndDate: null };
  }
  const supportEndDate = regimeFacts.supportEndDate;
  const ended = supportEndDate !== null && supportEndDate < at ? `; security updates ended ${supportEndDate}` : '';
  if (LABELLING_REGIMES.has(regime)) {
    const labelProblem = labelBlocksSale(label);
    if (labelProblem !== null) return { ...base, sellable: false, outcome: labelProblem.outcome, reason: labelProblem.reason, supportEndDate };
  }
  if (!regimeFacts.sellable) {
    const why = regimeFacts.reasons[0] ?? 'it does not meet the security requirements';
    return { ...base, sellable: false, outcome: regimeFacts.outcome, reason: `Do not sell: ${lowerFirst(why)}`, supportEndDate };
  }
  const until = supportEndDate === null ? '' : ended === '' ? `; security updates until ${supportEndDate}` : ended;
  const what = regimeFacts.outcome === 'out-of-scope' ? 'OK to sell: not covered by these rules' : 'OK to sell: meets the security rules';
  return { ...base, sellable: true, outcome: regimeFacts.outcome, reason: `${what}${until}`, supportEndDate };
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
