// What a regime says about selling, as the sale rule needs it. Taken from the rulebooks (the regime's
// salesRestriction and label rule), so a new regime brings its own rule as data; the registry passes the same
// facts from its engine.
import { findRegimeSummary } from '../regimes/list-regimes.js';

export interface SaleRule {
  regime: string;
  /** The regime's title, for reasons. */
  title: string;
  /** False when the regime forbids no sale (the voluntary label, the ETSI standards). */
  restrictsSales: boolean;
  /** "Only labelled products may be sold" (2019 Options A and C). */
  onlyLabelled: boolean;
}

/** The rule for a regime id. An id the local rulebooks do not know is treated as restricting sales. */
export function saleRuleFor(regime: string): SaleRule {
  const summary = findRegimeSummary(regime);
  return summary ? saleRuleOf(summary) : { regime, title: regime, restrictsSales: true, onlyLabelled: false };
}

/** The rule of a regime summary (`labelling`, `salesRestriction` as listRegimes gives them). */
export function saleRuleOf(summary: {
  id: string;
  title: string;
  labelling: boolean;
  salesRestriction: boolean;
}): SaleRule {
  return {
    regime: summary.id,
    title: summary.title,
    restrictsSales: summary.salesRestriction,
    onlyLabelled: summary.labelling && summary.salesRestriction,
  };
}
