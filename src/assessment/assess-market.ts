// A declaration in a market on a day (issue 14): the laws that bind a sale there then, each assessed, and
// the voluntary labels it may carry there. Sellable iff every binding law lets it be sold; each answer
// names the law and the requirement ids behind it. Mutual recognition is applied from the markets data.
import { getMarket, bindsOn, marketLabels, listRecognitions, type Recognition } from '../regimes/markets.js';
import { getRegime } from '../regimes/get-regime.js';
import { todayUtc } from '../calendar.js';
import type { Assessment, EvidenceSummary } from './assessment.js';
import type { Declaration } from './declaration.js';
import { assessWithFacts, checkDate } from './assess-declaration.js';
import { isMet } from './evaluate-requirement.js';
import { deriveFacts, type Facts } from './facts.js';

/** A requirement that keeps a product from passing, as a market answer names it. */
export interface Gap {
  regime: string;
  requirement: string;
  title: string;
  reasons: string[];
}

export interface MarketLawVerdict {
  regime: string;
  title: string;
  /** The day the law binds a sale in this market, and the market whose law it is. */
  from: string;
  by: string;
  outcome: Assessment['outcome'];
  sellable: boolean;
  gaps: Gap[];
}

/** An arrangement applied to this product: which scheme's result counts under which, and what it covers. */
export interface RecognitionApplied {
  id: string;
  from: string;
  to: string;
  text: string;
  /** The requirements of `to` it covers, or the level of `to` it is recognised as. */
  requirements: string[];
  level: number | null;
}

export interface MarketLabelVerdict {
  regime: string;
  title: string;
  outcome: Assessment['outcome'];
  /** Levelled schemes: the level the declaration reaches by itself. */
  level?: number;
  /** What a pass gives, who verifies it and for how long; null when not earned. */
  mark: Assessment['mark'] | null;
  gaps: Gap[];
  recognitions: RecognitionApplied[];
}

export interface MarketVerdict {
  market: string;
  name: string;
  at: string;
  sellable: boolean;
  /** The laws binding a sale on `at` (empty: no law restricts the sale). */
  laws: MarketLawVerdict[];
  labels: MarketLabelVerdict[];
  /** One plain sentence: may it be sold, and under which laws. */
  summary: string;
  /** Where the facts behind this answer are written (territories.md sections), from the markets data. */
  reference: string | null;
}

export interface AssessMarketsOptions {
  at?: string;
  evidence?: EvidenceSummary;
}

/** Every requirement of an assessment that is not met, as gaps (none when the product is out of scope). */
export function gapsOf(a: Assessment): Gap[] {
  if (a.outcome === 'out-of-scope') return [];
  return a.requirements
    .filter((r) => !isMet(r))
    .map((r) => ({ regime: a.regime, requirement: r.id, title: r.title, reasons: r.reasons }));
}

/** A memo of assessments of one declaration on one day, so each regime is assessed once across markets. */
export function assessmentsOf(facts: Facts, at: string): (regime: string) => Assessment {
  const memo = new Map<string, Assessment>();
  return (id) => {
    let a = memo.get(id);
    if (!a) memo.set(id, (a = assessWithFacts(facts, getRegime(id), at)));
    return a;
  };
}

/** `assessmentsOf` for any day, each day's assessments worked out once (reports ask several days). */
export function assessmentsByDay(facts: Facts): (day: string) => (regime: string) => Assessment {
  const memo = new Map<string, (regime: string) => Assessment>();
  return (day) => {
    let assess = memo.get(day);
    if (!assess) memo.set(day, (assess = assessmentsOf(facts, day)));
    return assess;
  };
}

/** Assesses one declaration in each market (territory codes) on a day. Throws MARKET_UNKNOWN for a bad code. */
export function assessMarkets(
  declaration: Declaration,
  marketIds: readonly string[],
  options: AssessMarketsOptions = {},
): MarketVerdict[] {
  const at = options.at ?? todayUtc();
  checkDate(at);
  const markets = marketIds.map(getMarket);
  const assess = assessmentsOf(deriveFacts(declaration, options.evidence), at);
  return markets.map((market) => marketVerdict(market.id, at, declaration, assess));
}

/** One market's verdict from a memo of assessments (the report reuses it for coming dates). */
export function marketVerdict(
  marketId: string,
  at: string,
  declaration: Declaration,
  assess: (regime: string) => Assessment,
): MarketVerdict {
  const market = getMarket(marketId);
  const laws: MarketLawVerdict[] = bindsOn(market, at).map((law) => {
    const a = assess(law.regime);
    return {
      regime: law.regime,
      title: getRegime(law.regime).title,
      from: law.from,
      by: law.by,
      outcome: a.outcome,
      sellable: a.sellable,
      gaps: a.sellable ? [] : gapsOf(a),
    };
  });
  const labels: MarketLabelVerdict[] = marketLabels(market).map((id) => {
    const a = assess(id);
    return {
      regime: id,
      title: getRegime(id).title,
      outcome: a.outcome,
      ...(a.level !== undefined ? { level: a.level } : {}),
      mark: a.mark ?? null,
      gaps: gapsOf(a),
      recognitions: recognitionsFor(id, declaration, at, assess),
    };
  });
  const sellable = laws.every((l) => l.sellable);
  return {
    market: market.id,
    name: market.name,
    at,
    sellable,
    laws,
    labels,
    summary: summaryOf(market.id, at, laws),
    reference: market.reference,
  };
}

/** The arrangements that apply to this product under `to` on `at`: those whose source scheme it passes. */
export function recognitionsFor(
  to: string,
  declaration: Declaration,
  at: string,
  assess: (regime: string) => Assessment,
): RecognitionApplied[] {
  const applies = (r: Recognition): boolean => {
    if (r.to !== to || r.since > at || r.exceptCategories.includes(declaration.product.category)) return false;
    const source = assess(r.from);
    if (source.outcome !== 'pass') return false;
    return r.fromLevel === null || (source.level ?? 0) >= r.fromLevel;
  };
  return listRecognitions()
    .filter(applies)
    .map((r) => ({
      id: r.id,
      from: r.from,
      to: r.to,
      text: r.text,
      requirements: [...r.requirements],
      level: r.level,
    }));
}

function summaryOf(market: string, at: string, laws: readonly MarketLawVerdict[]): string {
  if (laws.length === 0) return `No law restricts the sale in ${market} on ${at}; its labels are voluntary.`;
  const failing = laws.filter((l) => !l.sellable);
  if (failing.length === 0)
    return `May be sold in ${market} on ${at}: it meets ${laws.map((l) => l.regime).join(' and ')}.`;
  const why = failing.map((l) => `${l.regime} (${l.gaps.map((g) => g.requirement).join(', ') || l.outcome})`);
  return `May not be sold in ${market} on ${at}: it does not meet ${why.join(' and ')}.`;
}
