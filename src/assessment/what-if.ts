// "What if this provision became mandatory?" for a regulator: one declaration judged against one provision
// as if its status were M, by the same provision rule the regimes use (evaluateProvision), and the
// declaration's disclosure-contact verdict; and "what if a market required a minimum support period?" (e.g.
// Australia adopting the CRA's five years), judged by the rulebooks' own support-minimum rule. Pure.
import { getCatalog } from '../regimes/get-regime.js';
import { getMarket } from '../regimes/markets.js';
import { rulebook } from '../regimes/rulebook.js';
import { RegimeDataInvalid } from '../regimes/errors.js';
import { assessMarkets } from './assess-market.js';
import { checkDate } from './assess-declaration.js';
import { supportMinimum } from './cra.js';
import { ScenarioInvalid } from './errors.js';
import type { CatalogId } from '../regimes/types.js';
import type { EvidenceSummary, Requirement } from './assessment.js';
import type { Declaration } from './declaration.js';
import { deriveFacts } from './facts.js';
import { evaluateProvision } from './provisions.js';

export type ProvisionVerdict = Pick<Requirement, 'status' | 'reasons'>;

/** The declaration against provision `provisionId` of `catalogId` made mandatory. Throws REGIME_UNKNOWN for an unknown catalog. */
export function provisionIfMandatory(
  declaration: Declaration,
  catalogId: CatalogId,
  provisionId: string,
  evidence?: EvidenceSummary,
): ProvisionVerdict | null {
  const catalog = getCatalog(catalogId);
  const provision = catalog.byId.get(provisionId);
  if (provision === undefined || provision.status === 'withdrawn') return null;
  return evaluateProvision(deriveFacts(declaration, evidence), catalog, { ...provision, status: 'M' });
}

/** Whether the declaration names a working way to report security problems (and why not). */
export function disclosureContactVerdict(
  declaration: Declaration,
  evidence?: EvidenceSummary,
): { ok: boolean; reasons: string[] } {
  return deriveFacts(declaration, evidence).contact;
}

/** The scenario's answer for one declaration: may it be sold in the market on the day now, and under the scenario. */
export interface SupportMinimumWhatIf {
  market: string;
  at: string;
  years: number;
  sellableNow: boolean;
  sellableThen: boolean;
  /** The support-minimum rule's verdict, with its reason (an end date, or what to extend it to). */
  verdict: ProvisionVerdict;
}

/** The first support-minimum rule of the rulebooks (the CRA's today): the rule a scenario borrows. */
export function supportMinimumRule() {
  for (const regime of rulebook().regimes.values())
    for (const rule of regime.requirements)
      if (rule.check === 'support-minimum' && rule.minimumYears !== undefined) return { regime: regime.id, rule };
  throw new RegimeDataInvalid('rulebook', ['no regime has a support-minimum rule for the what-if to borrow']);
}

/**
 * What if `market` made a support period of at least `years` years (from placing on the market, as the
 * rulebooks' support-minimum rule counts it) a condition of sale on `at`: the product may then be sold there
 * iff it may be sold now and its support period meets the minimum. Throws MARKET_UNKNOWN for a bad code.
 */
export function supportMinimumIfAdopted(
  declaration: Declaration,
  scenario: { market: string; years: number; at: string },
  evidence?: EvidenceSummary,
): SupportMinimumWhatIf {
  checkDate(scenario.at);
  if (!Number.isInteger(scenario.years) || scenario.years < 1 || scenario.years > 20)
    throw new ScenarioInvalid('/years', 'a minimum support period is 1 to 20 whole years');
  const market = getMarket(scenario.market);
  const [now] = assessMarkets(declaration, [market.id], { at: scenario.at, ...(evidence ? { evidence } : {}) });
  const { rule } = supportMinimumRule();
  const supposed = `the ${scenario.years}-year minimum supposed for ${market.id}, as the CRA's Article 13(8)`;
  const result = supportMinimum(
    deriveFacts(declaration, evidence),
    { ...rule, minimumYears: scenario.years },
    scenario.at,
    {
      minimum: supposed,
      shown: `supposed for ${market.id} as the CRA's Article 13(19)`,
    },
  );
  const verdict = { status: result.status, reasons: result.reasons };
  const meets = result.status === 'met' || result.status === 'not-applicable';
  return {
    market: market.id,
    at: scenario.at,
    years: scenario.years,
    sellableNow: now!.sellable,
    sellableThen: now!.sellable && meets,
    verdict,
  };
}
