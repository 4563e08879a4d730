// The market report for one declaration (issue 14): per market, may it be sold now and from or until which
// coming rule date, the labels it earns or could earn (with what a level needs), the obligations that follow,
// the gaps with their requirement ids; then the divergences topic by topic and the smallest plan of changes,
// ordered by the markets each unlocks. Pure: the CLI and the API both call it.
import { getRegime } from '../regimes/get-regime.js';
import { getMarket, marketLaws } from '../regimes/markets.js';
import type { CheckKind, RequirementRule } from '../regimes/types.js';
import { addDays, todayUtc } from '../calendar.js';
import type { Assessment, EvidenceSummary } from './assessment.js';
import type { Declaration } from './declaration.js';
import { checkDate } from './assess-declaration.js';
import { assessmentsByDay, marketVerdict, type Gap, type MarketVerdict } from './assess-market.js';
import { isMet } from './evaluate-requirement.js';
import { deriveFacts } from './facts.js';
import { upcomingDates, type HeldLabel, type UpcomingDate } from './upcoming-dates.js';

export type Topic = 'passwords' | 'disclosure' | 'support-period' | 'who-verifies';

export interface MarketReportEntry extends MarketVerdict {
  /** The coming rule dates that change this market's answer, each with the answer from that day. */
  changes: { date: string; sellable: boolean; summary: string }[];
  /** One sentence: may it be sold, and from or until when. */
  window: string;
  /** Duties in force under the market's laws on the day (e.g. CRA Article 14 reporting). */
  obligations: { regime: string; id: string; title: string; text: string }[];
}

export interface Divergence {
  topic: Topic;
  /** Laws and labels of the markets whose rule on the topic the product meets / does not meet. */
  met: string[];
  notMet: string[];
  /** Requirement ids behind the statement, as regime:requirement. */
  requirements: string[];
  statement: string;
}

export interface PlanStep {
  /** The topic, or the regime:requirement when the change is one rule's own. */
  change: string;
  /** The markets where the product may not be sold until this change is made (on the plan's day). */
  unlocks: string[];
  requirements: string[];
  /** What to do, in the rules' own words. */
  actions: string[];
}

export interface MarketReport {
  at: string;
  /** The day the plan and divergences are judged on: the last coming date a law starts to bind. */
  horizon: string;
  markets: MarketReportEntry[];
  divergences: Divergence[];
  plan: PlanStep[];
  /** Every coming date that changes an answer in a named market (upcoming-dates.ts), in date order. */
  upcoming: UpcomingDate[];
}

const TOPIC_OF_CHECK: Partial<Record<CheckKind, Topic>> = {
  passwords: 'passwords',
  'psti-passwords': 'passwords',
  'unique-passwords': 'passwords',
  'disclosure-contact': 'disclosure',
  'psti-reporting': 'disclosure',
  'disclosure-policy': 'disclosure',
  'cvd-policy': 'disclosure',
  'support-period': 'support-period',
  'psti-support-period': 'support-period',
  'support-minimum': 'support-period',
  'lab-report': 'who-verifies',
  'cra-conformity': 'who-verifies',
};

const TOPIC_WORDS: Record<Topic, string> = {
  passwords: 'Your passwords',
  disclosure: 'Your vulnerability disclosure',
  'support-period': 'Your support period',
  'who-verifies': 'Self-declaration',
};

/** The topic a requirement speaks to: from its check, or for a crosswalk from its provisions' topics. */
export function topicOf(rule: RequirementRule | undefined): Topic | null {
  if (!rule) return null;
  const byCheck = TOPIC_OF_CHECK[rule.check];
  if (byCheck) return byCheck;
  if (rule.check !== 'crosswalk' || !rule.crosswalk || rule.crosswalk.provisions === 'mandatory') return null;
  const topics = new Set(rule.crosswalk.provisions.map((p) => p.topic));
  if (topics.has('passwords-unique') || topics.has('passwords-generation')) return 'passwords';
  if (topics.has('vulnerability-disclosure')) return 'disclosure';
  if (topics.has('support-period')) return 'support-period';
  return null;
}

const ruleOf = (regime: string, requirement: string) =>
  getRegime(regime).requirements.find((r) => r.id === requirement);

/** The report for one declaration in the markets named (territory codes) on a day. */
export function marketReport(
  declaration: Declaration,
  marketIds: readonly string[],
  options: { at?: string; evidence?: EvidenceSummary; labels?: readonly HeldLabel[] } = {},
): MarketReport {
  const at = options.at ?? todayUtc();
  checkDate(at);
  const markets = marketIds.map((id) => getMarket(id));
  const facts = deriveFacts(declaration, options.evidence);
  const on = assessmentsByDay(facts);
  const dates = (id: string) => [...new Set(marketLaws(getMarket(id)).map((l) => l.from))].filter((d) => d > at).sort();
  const horizon = [at, ...markets.flatMap((m) => dates(m.id))].sort().at(-1)!;

  const entries = markets.map((market): MarketReportEntry => {
    const now = marketVerdict(market.id, at, declaration, on(at));
    const changes: MarketReportEntry['changes'] = [];
    let last = now.sellable;
    for (const date of dates(market.id)) {
      const v = marketVerdict(market.id, date, declaration, on(date));
      if (v.sellable !== last) changes.push({ date, sellable: v.sellable, summary: v.summary });
      last = v.sellable;
    }
    const obligations = marketLaws(market).flatMap((law) =>
      (on(at)(law.regime).obligations ?? []).map((o) => ({
        regime: law.regime,
        id: o.id,
        title: o.title,
        text: o.text,
      })),
    );
    return { ...now, changes, window: windowOf(now, changes), obligations };
  });

  const laterVerdicts = markets.map((m) => marketVerdict(m.id, horizon, declaration, on(horizon)));
  return {
    at,
    horizon,
    markets: entries,
    divergences: divergences(laterVerdicts, on(horizon)),
    plan: planOf(laterVerdicts),
    upcoming: upcomingDates(
      declaration,
      markets.map((m) => m.id),
      {
        at,
        ...(options.evidence ? { evidence: options.evidence } : {}),
        ...(options.labels ? { labels: options.labels } : {}),
      },
    ),
  };
}

function windowOf(now: MarketVerdict, changes: MarketReportEntry['changes']): string {
  const first = changes[0];
  const where = now.market;
  if (!first) return now.sellable ? `May be sold in ${where}; no coming rule date changes that.` : now.summary;
  if (now.sellable)
    return `May be sold in ${where} until ${addDays(first.date, -1)}; from ${first.date}: ${first.summary}`;
  return `May not be sold in ${where} now; from ${first.date}: ${first.summary}`;
}

/** Topic by topic, which of the markets' laws and labels the product meets and which it does not. */
function divergences(verdicts: readonly MarketVerdict[], assess: (regime: string) => Assessment): Divergence[] {
  const regimes = [
    ...new Set(verdicts.flatMap((v) => [...v.laws.map((l) => l.regime), ...v.labels.map((l) => l.regime)])),
  ];
  const out: Divergence[] = [];
  for (const topic of ['passwords', 'disclosure', 'support-period', 'who-verifies'] as const) {
    const met: string[] = [];
    const notMet: string[] = [];
    const requirements: string[] = [];
    for (const id of regimes) {
      const a = assess(id);
      if (a.outcome === 'out-of-scope') continue;
      const mine = a.requirements.filter((r) => topicOf(ruleOf(id, r.id)) === topic);
      if (mine.length === 0) continue;
      requirements.push(...mine.map((r) => `${id}:${r.id}`));
      (mine.every(isMet) ? met : notMet).push(id);
    }
    if (met.length === 0 || notMet.length === 0) continue; // the markets agree on this topic
    out.push({
      topic,
      met,
      notMet,
      requirements,
      statement: `${TOPIC_WORDS[topic]} is enough for ${met.join(', ')}, not for ${notMet.join(', ')}.`,
    });
  }
  return out;
}

/** The changes that make the product sellable in every market, the one unlocking most markets first. */
function planOf(verdicts: readonly MarketVerdict[]): PlanStep[] {
  const steps = new Map<string, { unlocks: Set<string>; requirements: Set<string>; actions: Set<string> }>();
  for (const v of verdicts)
    for (const law of v.laws)
      for (const gap of law.gaps) {
        const key = topicOf(ruleOf(gap.regime, gap.requirement)) ?? `${gap.regime}:${gap.requirement}`;
        const step = steps.get(key) ?? { unlocks: new Set(), requirements: new Set(), actions: new Set() };
        step.unlocks.add(v.market);
        step.requirements.add(`${gap.regime}:${gap.requirement}`);
        for (const reason of actionsOf(gap)) step.actions.add(reason);
        steps.set(key, step);
      }
  return [...steps.entries()]
    .map(([change, s]) => ({
      change,
      unlocks: [...s.unlocks],
      requirements: [...s.requirements],
      actions: [...s.actions],
    }))
    .sort((a, b) => b.unlocks.length - a.unlocks.length || a.change.localeCompare(b.change));
}

const actionsOf = (gap: Gap): string[] => (gap.reasons.length > 0 ? gap.reasons : [`Meet ${gap.title}.`]);
