// The markets file (data/markets/markets.json), checked once at start against the rulebook: every market
// names regimes that exist, a law is a law and a label a voluntary scheme, dates are calendar dates, and a
// recognition joins two known regimes. Adding a market or an arrangement is a data change only.
import { isCalendarDate } from '../calendar.js';
import { RegimeDataInvalid } from './errors.js';
import type { Regime } from './types.js';

/** A law that binds a sale in a market, from a day (the later of the regime's start and the market's own). */
export interface MarketLaw {
  regime: string;
  /** First day the law binds a sale in this market (YYYY-MM-DD); null = from the regime's own start. */
  from: string | null;
  /** Why the market's date differs from the regime's, when it does. */
  why: string | null;
}

export interface Market {
  /** The territory code, e.g. "EU". */
  id: string;
  name: string;
  /** A market whose laws and labels apply here too (DE and FI include the EU). */
  includes: string | null;
  /** The market's own laws (without those of the market it includes). */
  laws: readonly MarketLaw[];
  /** The voluntary schemes whose labels a product may carry here (without the included market's). */
  labels: readonly string[];
  note: string;
  /** Where the facts behind the market's answer are written (a section of the reference's territories.md). */
  reference: string | null;
}

/** An arrangement under which one scheme's result counts, in whole or in part, under another. */
export interface Recognition {
  id: string;
  /** The regime whose pass (or level) is recognised. */
  from: string;
  /** The regime that recognises it. */
  to: string;
  /** First day the arrangement applies. */
  since: string;
  /** The requirements of `to` that a pass under `from` covers; empty = the level (or the whole label). */
  requirements: readonly string[];
  /** The level of `to` that a pass under `from` is recognised as. */
  level: number | null;
  /** The level of `from` the arrangement needs (levelled schemes). */
  fromLevel: number | null;
  exceptCategories: readonly string[];
  text: string;
}

export interface MarketBook {
  markets: ReadonlyMap<string, Market>;
  recognitions: readonly Recognition[];
}

const text = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const wholeAtLeastOne = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1;

/** Compiles the markets document over the compiled regimes; throws REGIME_DATA_INVALID listing every problem. */
export function compileMarkets(
  document: unknown,
  regimes: ReadonlyMap<string, Regime>,
  file = 'markets/markets.json',
): MarketBook {
  const problems: string[] = [];
  const doc = (document ?? {}) as { markets?: unknown; recognitions?: unknown };
  const markets = new Map<string, Market>();
  if (!Array.isArray(doc.markets)) problems.push('markets must be a list');
  for (const [i, m] of (Array.isArray(doc.markets) ? doc.markets : []).entries()) {
    const e = m as Record<string, unknown>;
    const where = `markets ${i}${text(e.id) ? ` (${e.id})` : ''}`;
    if (!text(e.id) || !/^[A-Z]{2,3}$/.test(e.id)) {
      problems.push(`${where}: id must be a territory code of 2-3 capital letters`);
      continue;
    }
    if (markets.has(e.id)) problems.push(`${where}: id is listed twice`);
    if (!text(e.name) || !text(e.note)) problems.push(`${where}: needs name and note`);
    if (e.reference !== undefined && !text(e.reference)) problems.push(`${where}: reference must be text`);
    const laws: MarketLaw[] = [];
    for (const [j, l] of (Array.isArray(e.laws) ? e.laws : []).entries()) {
      const law = l as Record<string, unknown>;
      const regime = regimes.get(String(law.regime));
      if (!regime) problems.push(`${where} laws ${j}: regime "${String(law.regime)}" is not a regime`);
      else if (regime.nature !== 'law') problems.push(`${where} laws ${j}: ${regime.id} is ${regime.nature}, not law`);
      if (law.from !== undefined && !isCalendarDate(law.from))
        problems.push(`${where} laws ${j}: from must be YYYY-MM-DD`);
      if (law.from !== undefined && !text(law.why))
        problems.push(`${where} laws ${j}: a market's own date needs "why"`);
      laws.push({
        regime: String(law.regime),
        from: isCalendarDate(law.from) ? law.from : null,
        why: text(law.why) ? law.why : null,
      });
    }
    if (!Array.isArray(e.laws)) problems.push(`${where}: laws must be a list (empty when no law binds a sale)`);
    const labels = strings(e.labels) ? e.labels : [];
    if (!strings(e.labels)) problems.push(`${where}: labels must be a list of regime ids`);
    for (const id of labels) {
      const regime = regimes.get(id);
      if (!regime) problems.push(`${where}: label "${id}" is not a regime`);
      else if (regime.nature !== 'voluntary') problems.push(`${where}: label ${id} is ${regime.nature}, not voluntary`);
    }
    const includes = e.includes === undefined ? null : String(e.includes);
    markets.set(e.id, {
      id: e.id,
      name: String(e.name),
      includes,
      laws,
      labels,
      note: String(e.note),
      reference: text(e.reference) ? e.reference : null,
    });
  }
  for (const m of markets.values()) {
    if (m.includes === null) continue;
    const parent = markets.get(m.includes);
    if (!parent) problems.push(`market ${m.id}: includes "${m.includes}", which is not a market listed before it`);
    else if (parent.includes !== null) problems.push(`market ${m.id}: includes ${parent.id}, which includes another`);
  }

  const recognitions: Recognition[] = [];
  for (const [i, r] of (Array.isArray(doc.recognitions) ? doc.recognitions : []).entries()) {
    const e = r as Record<string, unknown>;
    const where = `recognitions ${i}${text(e.id) ? ` (${e.id})` : ''}`;
    const from = regimes.get(String(e.from));
    const to = regimes.get(String(e.to));
    if (!text(e.id) || !from || !to || !isCalendarDate(e.since) || !text(e.text)) {
      problems.push(`${where}: needs id, from and to (regime ids), since (YYYY-MM-DD) and text`);
      continue;
    }
    const requirements = e.requirements === undefined ? [] : strings(e.requirements) ? e.requirements : null;
    if (requirements === null) problems.push(`${where}: requirements must be requirement ids of ${to.id}`);
    const unknown = (requirements ?? []).filter((id) => !to.requirements.some((q) => q.id === id));
    if (unknown.length > 0) problems.push(`${where}: ${unknown.join(', ')} not requirements of ${to.id}`);
    for (const key of ['level', 'fromLevel'] as const)
      if (e[key] !== undefined && !wholeAtLeastOne(e[key]))
        problems.push(`${where}: ${key} must be a whole number >= 1`);
    if (e.level !== undefined && !to.levelled) problems.push(`${where}: level given but ${to.id} has no levels`);
    if (e.fromLevel !== undefined && !from.levelled)
      problems.push(`${where}: fromLevel given but ${from.id} has no levels`);
    recognitions.push({
      id: e.id,
      from: from.id,
      to: to.id,
      since: e.since,
      requirements: requirements ?? [],
      level: wholeAtLeastOne(e.level) ? e.level : null,
      fromLevel: wholeAtLeastOne(e.fromLevel) ? e.fromLevel : null,
      exceptCategories: strings(e.exceptCategories) ? e.exceptCategories : [],
      text: e.text,
    });
  }
  if (problems.length > 0) throw new RegimeDataInvalid(file, problems);
  return { markets, recognitions };
}
