// The manufacturer's market report page: the registry's market report (GET /v1/products/{id}/markets) with
// names and words added — per market the sale window, the laws and what each still needs, the labels with
// their level, who verifies and what a higher level needs, the duties; then where the rules differ and the
// plan of changes, the one unlocking most markets first. Requirement ids stay beside every reason. No I/O.
import type { Gap, MarketReport, Topic } from '../../assessment/index.js';
import type { LabelView } from '../../registry/index.js';
import { dateInWords } from '../../calendar.js';
import { getRegime } from '../../regimes/index.js';
import { reasonInWords } from '../declaration-form/fix-links.js';
import { inMarket, labelName, marketTable, type MarketRow } from './market-table.js';

const VERIFIER: Record<string, string> = {
  self: 'you declare it yourself',
  'lab-review': 'a recognised lab reviews your declaration',
  'lab-test': 'an accredited lab tests the product',
  'notified-body': 'a notified body assesses the product',
  'authority-check': 'the authority checks your application',
  'inspection-body': 'an inspection body tests the product',
};

const TOPIC: Record<Topic, string> = {
  passwords: 'Passwords',
  disclosure: 'Reporting security problems',
  'support-period': 'Security update period',
  'who-verifies': 'Who verifies',
};

export interface GapModel {
  id: string;
  title: string;
  reasons: string[];
}

export interface MarketReportModel {
  at: string;
  horizon: string;
  markets: (MarketRow & {
    laws: {
      regime: string;
      title: string;
      from: string;
      by: string;
      state: string;
      gaps: GapModel[];
    }[];
    schemes: {
      regime: string;
      name: string;
      state: string;
      mark: { gives: string; verifier: string; validity: string } | null;
      gaps: GapModel[];
      recognitions: string[];
    }[];
    obligations: { regime: string; title: string; text: string }[];
  })[];
  /** Coming dates that change an answer (the report's `upcoming`), in date order. */
  upcoming: { date: string; market: string; stops: boolean; change: string; requirements: string[] }[];
  divergences: { topic: string; statement: string; requirements: string[] }[];
  plan: { change: string; unlocks: string[]; requirements: string[]; actions: string[] }[];
}

const gapModel = (g: Gap): GapModel => ({
  id: `${g.regime}:${g.requirement}`,
  title: g.title,
  reasons: g.reasons.map(reasonInWords),
});

const regimeName = (id: string): string => getRegime(id).roles.shortName;

const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/g;

/** A sentence of the report with each regime id it names as the regime's short name. */
function regimeIdsInWords(text: string): string {
  return text.replace(/\b[a-z]{2}-[a-z0-9-]+\b/g, (id) => {
    try {
      return regimeName(id);
    } catch {
      return id;
    }
  });
}

/** A plan step's change in words: its topic, or the one requirement's title. */
function changeInWords(change: string): string {
  if (change in TOPIC) return TOPIC[change as Topic];
  const at = change.indexOf(':');
  const regime = change.slice(0, at);
  const requirement = change.slice(at + 1);
  const title = getRegime(regime).requirements.find((r) => r.id === requirement)?.title ?? requirement;
  return `${title} (${regimeName(regime)})`;
}

export function marketReportModel(report: MarketReport, issued: readonly LabelView[] = []): MarketReportModel {
  const rows = marketTable(report, issued);
  return {
    at: report.at,
    horizon: report.horizon,
    markets: report.markets.map((m, i) => ({
      ...rows[i]!,
      laws: m.laws.map((l) => ({
        regime: l.regime,
        title: l.title,
        from: l.from,
        by: l.by,
        state:
          l.outcome === 'out-of-scope'
            ? 'Does not cover this product'
            : l.sellable
              ? 'Met'
              : `Not met: ${l.gaps.length} ${l.gaps.length === 1 ? 'requirement' : 'requirements'} to meet`,
        gaps: l.gaps.map(gapModel),
      })),
      schemes: m.labels.map((l) => ({
        regime: l.regime,
        name: labelName(l.regime, l.outcome === 'pass' ? l.level : undefined),
        state:
          l.outcome === 'out-of-scope'
            ? 'Does not cover this product'
            : l.outcome === 'pass'
              ? `May be earned${l.level !== undefined ? ` at level ${l.level}` : ''}`
              : 'Not earned yet',
        mark: l.mark
          ? { gives: l.mark.gives, verifier: VERIFIER[l.mark.verifier] ?? l.mark.verifier, validity: l.mark.validity }
          : null,
        gaps: l.gaps.map(gapModel),
        recognitions: l.recognitions.map((r) => r.text),
      })),
      obligations: m.obligations.map((o) => ({ regime: regimeName(o.regime), title: o.title, text: o.text })),
    })),
    upcoming: report.upcoming.map((u) => {
      const market = report.markets.find((m) => m.market === u.market)?.name ?? u.market;
      const change = regimeIdsInWords(u.change)
        .replace(ISO_DATE, (d) => dateInWords(d))
        .replace(new RegExp(`\\bin ${u.market}\\b`, 'g'), inMarket(market))
        // The ids follow the sentence as "rules: …"; the sentence need not repeat them.
        .replace(/ \((?:[a-z0-9]+(?:-[a-z0-9]+)+(?:, )?)+\)/g, '');
      return {
        date: u.date,
        market,
        stops: u.sellableBefore && !u.sellableFrom,
        change: reasonInWords(/[.!?]$/.test(change) ? change : `${change}.`),
        requirements: u.requirements,
      };
    }),
    divergences: report.divergences.map((d) => ({
      topic: TOPIC[d.topic],
      statement: regimeIdsInWords(d.statement).replace(
        /^Self-declaration is enough/,
        'Declaring it yourself is enough',
      ),
      requirements: d.requirements,
    })),
    plan: report.plan.map((p) => ({
      change: changeInWords(p.change),
      unlocks: p.unlocks,
      requirements: p.requirements,
      actions: p.actions.map(reasonInWords),
    })),
  };
}
