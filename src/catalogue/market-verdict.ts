// The sale rule for a market (issue 14): a product may be sold in a market on a day iff every law binding a
// sale there on that day lets it be sold, each law judged by the one sale rule (sellability-verdict.ts).
// `combineLawAnswers` is the combination itself; the registry's GET /v1/sellable?market= uses it on its
// per-law answers, and `marketVerdict` uses it on a catalogue row's facts, so both give the same answer.
import { MarketUnknown } from '../regimes/errors.js';
import { bindsOn, getMarket } from '../regimes/markets.js';
import { saleRuleFor, type SaleRule } from './sale-rule.js';
import { sellabilityVerdict, type SellabilityVerdict } from './sellability-verdict.js';
import type { RowOutcome, SellabilityFacts } from './types.js';

/** What judging a product in one market on one day needs: the laws binding a sale there then, with their rules. */
export interface MarketRule {
  market: string;
  at: string;
  laws: { regime: string; rule: SaleRule }[];
}

/** One law's answer, as the one sale rule gives it. */
export interface LawAnswer {
  regime: string;
  sellable: boolean;
  outcome: RowOutcome | string;
  reason: string;
}

export interface CombinedAnswer {
  sellable: boolean;
  outcome: string;
  reason: string;
  /** The laws that stop the sale. */
  blocking: LawAnswer[];
}

/**
 * Every law's answer combined. With no binding law nothing restricts the sale, except that a product its
 * manufacturer withdrew is never sold (`fallback`: the product's answer under a scheme that restricts nothing).
 */
export function combineLawAnswers(
  market: string,
  at: string,
  answers: readonly LawAnswer[],
  fallback?: LawAnswer,
): CombinedAnswer {
  if (answers.length === 0) {
    if (fallback !== undefined && fallback.outcome === 'withdrawn')
      return { sellable: false, outcome: 'withdrawn', reason: fallback.reason, blocking: [] };
    return {
      sellable: true,
      outcome: fallback?.outcome === 'unknown-product' ? 'unknown-product' : 'pass',
      reason: `No law restricts the sale in ${market} on ${at}.`,
      blocking: [],
    };
  }
  const blocking = answers.filter((a) => !a.sellable);
  const reason =
    blocking.length === 0
      ? `May be sold in ${market}: ${answers.map((a) => a.regime).join(' and ')} allow it.`
      : `May not be sold in ${market}: ${blocking.map((b) => `${b.regime} (${b.reason})`).join('; ')}.`;
  return {
    sellable: blocking.length === 0,
    outcome: blocking[0]?.outcome ?? answers[0]!.outcome,
    reason,
    blocking,
  };
}

/** The market's rule on a day from the bundled markets data. Throws MARKET_UNKNOWN for an unknown code. */
export function marketRuleFor(
  market: string,
  at: string,
  rule: (regime: string) => SaleRule = saleRuleFor,
): MarketRule {
  const m = getMarket(market);
  return { market: m.id, at, laws: bindsOn(m, at).map((law) => ({ regime: law.regime, rule: rule(law.regime) })) };
}

/**
 * The market's rule on a day as a signed snapshot has it (its header's `markets`, so offline answers follow the
 * registry that signed it), or from the bundled data for a snapshot made before markets were in it.
 */
export function snapshotMarketRule(
  markets: Record<string, readonly { regime: string; from: string }[]> | undefined,
  market: string,
  at: string,
  rule: (regime: string) => SaleRule = saleRuleFor,
): MarketRule {
  if (markets === undefined) return marketRuleFor(market, at, rule);
  const id = market.toUpperCase();
  const laws = Object.hasOwn(markets, id) ? markets[id] : undefined;
  if (laws === undefined) throw new MarketUnknown(market, Object.keys(markets));
  return {
    market: id,
    at,
    laws: laws.filter((law) => law.from <= at).map((law) => ({ regime: law.regime, rule: rule(law.regime) })),
  };
}

/** The verdict on one product (null: not in the registry) in a market: every binding law's verdict combined. */
export function marketVerdict(facts: SellabilityFacts | null, market: MarketRule): SellabilityVerdict {
  const verdicts = market.laws.map((law) => ({
    law,
    verdict: sellabilityVerdict(facts, law.regime, market.at, law.rule),
  }));
  // With no binding law, only "not in the registry" and "withdrawn" are worth telling apart.
  const withdrawn =
    facts === null ? undefined : Object.entries(facts.regimes).find(([, r]) => r.outcome === 'withdrawn');
  const fallback =
    market.laws.length > 0
      ? undefined
      : facts === null
        ? { regime: '', sellable: true, outcome: 'unknown-product', reason: '' }
        : withdrawn !== undefined
          ? {
              regime: withdrawn[0],
              sellable: false,
              outcome: 'withdrawn',
              reason: sellabilityVerdict(facts, withdrawn[0], market.at).reason,
            }
          : undefined;
  const combined = combineLawAnswers(
    market.market,
    market.at,
    verdicts.map(({ law, verdict }) => ({ regime: law.regime, ...verdict })),
    fallback,
  );
  // The support date and label shown are the first law's (or the product's when no law binds).
  const first = verdicts[0]?.verdict;
  return {
    sellable: combined.sellable,
    outcome: combined.outcome as RowOutcome,
    reason: combined.reason,
    supportEndDate: first?.supportEndDate ?? supportEndOf(facts),
    labelId: first?.labelId ?? facts?.label?.id ?? null,
    labelStatus: first?.labelStatus ?? facts?.label?.status ?? null,
  };
}

function supportEndOf(facts: SellabilityFacts | null): string | null {
  if (facts === null) return null;
  for (const entry of Object.values(facts.regimes)) if (entry.supportEndDate !== null) return entry.supportEndDate;
  return null;
}
