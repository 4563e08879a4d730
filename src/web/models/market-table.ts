// "Where this product meets the rules": the registry's market report (the same one GET
// /v1/products/{id}/markets gives) turned into one row per market in plain words — may it be sold there
// today, until or from which day, which labels it carries or could carry there, and why not, each reason
// with the requirement ids behind it and the market's reference. No I/O.
import type { MarketReport, MarketReportEntry } from '../../assessment/index.js';
import { addDays, dateInWords } from '../../calendar.js';
import type { LabelView } from '../../registry/index.js';
import { getRegime } from '../../regimes/index.js';

export interface MarketLabelCell {
  regime: string;
  /** The scheme's name, with the level reached for a levelled scheme ("JC-STAR ★1", "Singapore CLS Level 2"). */
  name: string;
  state: 'carries' | 'could-carry' | 'does-not-qualify' | 'not-covered';
  /** For a label this registry issued and that is in force: the shield it shows (drawn on the page). */
  shield: 'tick' | 'cross' | null;
  text: string;
}

export interface MarketRow {
  market: string;
  name: string;
  sellable: boolean;
  /** The last day it may be sold, when a coming rule date stops the sale. */
  until: string | null;
  /** The first day it may be sold, when a coming rule date allows the sale. */
  from: string | null;
  /** True when no law restricts the sale there. */
  noLaw: boolean;
  sentence: string;
  /** Why it may not be sold (now, or from the coming date), each with its requirement ids. */
  why: { text: string; requirements: string[] }[];
  labels: MarketLabelCell[];
  reference: string | null;
}

const shortName = (regime: string): string => getRegime(regime).roles.shortName;

const titleOf = (regime: string, requirement: string): string =>
  getRegime(regime).requirements.find((r) => r.id === requirement)?.title ?? requirement;

/** The scheme's name with its level as the scheme writes it (stars for JC-STAR, a level number otherwise). */
export function labelName(regime: string, level: number | undefined): string {
  const r = getRegime(regime);
  if (level === undefined || level < 1) return r.roles.shortName;
  return r.mark?.form === 'stars-registration'
    ? `${r.roles.shortName} ★${level}`
    : `${r.roles.shortName} Level ${level}`;
}

/** The sale window of one market entry: sellable today, and the day the answer changes, if one does. */
export function saleWindow(entry: MarketReportEntry): { sellable: boolean; until: string | null; from: string | null } {
  const change = entry.changes[0];
  if (!change) return { sellable: entry.sellable, until: null, from: null };
  return entry.sellable
    ? { sellable: true, until: addDays(change.date, -1), from: null }
    : { sellable: false, until: null, from: change.date };
}

/** A market's name as it reads in a sentence ("in the United Kingdom", "in Germany"). */
export function inMarket(name: string): string {
  return /^(United|European)\b/.test(name) ? `in the ${name}` : `in ${name}`;
}

function sentenceOf(row: Pick<MarketRow, 'sellable' | 'until' | 'from' | 'noLaw' | 'name'>): string {
  const where = inMarket(row.name);
  if (row.noLaw) return `No law restricts its sale ${where}; the labels there are voluntary.`;
  if (row.until) return `May be sold ${where} until ${dateInWords(row.until)}, not after.`;
  if (row.from) return `May not be sold ${where} yet; it may be from ${dateInWords(row.from)}.`;
  return row.sellable ? `May be sold ${where}.` : `May not be sold ${where}.`;
}

/** Why not: the failing laws' unmet requirements now, or (for a coming stop) the plan's steps for the market. */
function whyOf(entry: MarketReportEntry, report: MarketReport, until: string | null): MarketRow['why'] {
  const gaps = entry.laws.flatMap((law) => law.gaps.map((g) => `${g.regime}:${g.requirement}`));
  const blocking =
    gaps.length > 0
      ? gaps
      : until
        ? report.plan.filter((s) => s.unlocks.includes(entry.market)).flatMap((s) => s.requirements)
        : [];
  const byRegime = new Map<string, string[]>();
  for (const id of blocking) {
    const [regime, requirement] = [id.slice(0, id.indexOf(':')), id.slice(id.indexOf(':') + 1)];
    byRegime.set(regime, [...(byRegime.get(regime) ?? []), requirement]);
  }
  const when = until ? `From ${dateInWords(addDays(until, 1))} ` : '';
  return [...byRegime].map(([regime, requirements]) => ({
    text: `${when}${when ? 'it' : 'It'} does not meet the rules of ${shortName(regime)}: ${[...new Set(requirements)].map((r) => titleOf(regime, r).replace(/\.$/, '')).join('; ')}.`,
    requirements: [...new Set(requirements)].map((r) => `${regime}:${r}`),
  }));
}

function labelCells(entry: MarketReportEntry, issued: readonly LabelView[]): MarketLabelCell[] {
  const own: MarketLabelCell[] = issued
    .filter(
      (l) =>
        l.supersededBy === null &&
        l.status.status === 'valid' &&
        getRegime(l.regime).roles.jurisdiction === entry.market,
    )
    .map((l) => ({
      regime: l.regime,
      name: shortName(l.regime),
      state: 'carries',
      shield: l.shield,
      text: `Carries this registry's label (${getRegime(l.regime).title}): a shield with a ${l.shield}, security updates until ${dateInWords(l.supportEndDate)}.`,
    }));
  const schemes = entry.labels.map((l): MarketLabelCell => {
    const name = labelName(l.regime, l.outcome === 'pass' ? l.level : undefined);
    if (l.outcome === 'out-of-scope')
      return {
        regime: l.regime,
        name,
        state: 'not-covered',
        shield: null,
        text: `${name}: does not cover this kind of product.`,
      };
    if (l.outcome === 'pass')
      return {
        regime: l.regime,
        name,
        state: 'could-carry',
        shield: null,
        text: `Could carry ${name}, once the scheme issues it.`,
      };
    return { regime: l.regime, name, state: 'does-not-qualify', shield: null, text: `${name}: does not qualify.` };
  });
  return [...own, ...schemes];
}

/** One row per market of the report, in the report's order (the markets data's order). */
export function marketTable(report: MarketReport, issued: readonly LabelView[] = []): MarketRow[] {
  return report.markets.map((entry) => {
    const window = saleWindow(entry);
    const noLaw = entry.laws.length === 0 && entry.changes.length === 0;
    const base = { ...window, noLaw, name: entry.name };
    return {
      market: entry.market,
      name: entry.name,
      ...window,
      noLaw,
      sentence: sentenceOf(base),
      why: whyOf(entry, report, window.until),
      labels: labelCells(entry, issued),
      reference: entry.reference,
    };
  });
}
