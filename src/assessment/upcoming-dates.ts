// Every coming date that changes an answer about one declaration in its markets (issue 14): a law that
// starts to bind a sale (the CRA's product rules on 11 December 2027, any dated law in markets.json), a
// duty that starts (the CRA's Article 14 reporting), the support period ending, and a held label reaching
// the end of its validity where the scheme's data gives one in years. Each entry is one market on one day,
// with the answer before and from that day and what changes, in plain words. Pure: the registry's watch
// list announces these ahead, the report and the API list them.
import { addDays, addMonths, todayUtc } from '../calendar.js';
import { getRegime } from '../regimes/get-regime.js';
import { getMarket, marketLabels, marketLaws } from '../regimes/markets.js';
import type { EvidenceSummary } from './assessment.js';
import type { Declaration } from './declaration.js';
import { checkDate } from './assess-declaration.js';
import { assessmentsByDay, marketVerdict, type MarketVerdict } from './assess-market.js';
import { deriveFacts } from './facts.js';

export type UpcomingKind = 'rule-change' | 'obligation-starts' | 'support-ends' | 'label-expires';

export interface UpcomingDate {
  /** The first day of the new answer (YYYY-MM-DD). */
  date: string;
  kind: UpcomingKind;
  market: string;
  /** The laws, duties' regimes or label schemes behind the change. */
  regimes: string[];
  /** May it be sold in the market the day before, and from `date`. */
  sellableBefore: boolean;
  sellableFrom: boolean;
  /** What changes, in one plain sentence. */
  change: string;
  /** The requirement ids (regime:requirement) that stop the sale from `date`, when they do. */
  requirements: string[];
}

/** A label the product holds under a voluntary scheme, issued on a day. */
export interface HeldLabel {
  regime: string;
  issuedOn: string;
}

export interface UpcomingOptions {
  at?: string;
  evidence?: EvidenceSummary;
  labels?: readonly HeldLabel[];
}

const ORDER: Record<UpcomingKind, number> = {
  'rule-change': 0,
  'obligation-starts': 1,
  'support-ends': 2,
  'label-expires': 3,
};

/** The coming dates after `at` for the declaration in each named market (territory codes), in date order. */
export function upcomingDates(
  declaration: Declaration,
  marketIds: readonly string[],
  options: UpcomingOptions = {},
): UpcomingDate[] {
  const at = options.at ?? todayUtc();
  checkDate(at);
  for (const label of options.labels ?? []) checkDate(label.issuedOn);
  const markets = marketIds.map((id) => getMarket(id));
  const facts = deriveFacts(declaration, options.evidence);
  const on = assessmentsByDay(facts);
  const verdict = (market: string, day: string): MarketVerdict => marketVerdict(market, day, declaration, on(day));
  const out: UpcomingDate[] = [];
  const entry = (kind: UpcomingKind, market: string, date: string, regimes: string[], words: string): void => {
    const before = verdict(market, addDays(date, -1));
    const from = verdict(market, date);
    const blocking = from.laws.filter((l) => !l.sellable);
    const sale =
      before.sellable === from.sellable
        ? from.sellable
          ? `it may still be sold in ${market}`
          : `it still may not be sold in ${market}`
        : from.sellable
          ? `from then it may be sold in ${market}`
          : `from then it may not be sold in ${market}: ${from.summary.replace(/^May not be sold in \S+ on \S+: /, '')}`;
    out.push({
      date,
      kind,
      market,
      regimes,
      sellableBefore: before.sellable,
      sellableFrom: from.sellable,
      change: `${words}; ${sale}`,
      requirements: blocking.flatMap((l) => l.gaps.map((g) => `${g.regime}:${g.requirement}`)),
    });
  };

  for (const market of markets) {
    const laws = marketLaws(market);
    const byDay = new Map<string, string[]>();
    for (const law of laws) if (law.from > at) byDay.set(law.from, [...(byDay.get(law.from) ?? []), law.regime]);
    for (const [date, regimes] of byDay)
      entry(
        'rule-change',
        market.id,
        date,
        regimes,
        `On ${date} ${regimes.join(' and ')} ${regimes.length > 1 ? 'start' : 'starts'} to bind a sale`,
      );
    // A new dated version of a law already binding (its data's `versions`).
    for (const law of laws)
      for (const v of getRegime(law.regime).versions)
        if (v.from > at && v.from > law.from && !byDay.get(v.from)?.includes(law.regime))
          entry(
            'rule-change',
            market.id,
            v.from,
            [law.regime],
            `On ${v.from} ${law.regime} ${v.id} applies: ${v.summary}`,
          );
    // Duties that start later under the market's laws (e.g. CRA Article 14 reporting): answered by the regime.
    for (const law of laws)
      for (const o of getRegime(law.regime).obligations ?? [])
        if (o.from > at && !byDay.get(o.from)?.includes(law.regime))
          entry(
            'obligation-starts',
            market.id,
            o.from,
            [law.regime],
            `On ${o.from} ${law.regime} adds a duty: ${o.title}`,
          );
    const end = declaration.supportPeriod?.endDate;
    if (end !== undefined && end >= at)
      entry(
        'support-ends',
        market.id,
        addDays(end, 1),
        laws.map((l) => l.regime),
        `Security updates end on ${end}`,
      );
    const carried = new Set(marketLabels(market));
    for (const label of options.labels ?? []) {
      const years = carried.has(label.regime) ? getRegime(label.regime).mark?.validityYears : undefined;
      if (years === undefined) continue;
      const expires = addMonths(label.issuedOn, 12 * years);
      if (expires > at)
        entry(
          'label-expires',
          market.id,
          expires,
          [label.regime],
          `The ${label.regime} label issued on ${label.issuedOn} is valid for ${years} years, until ${addDays(expires, -1)}`,
        );
    }
  }
  return out.sort(
    (a, b) =>
      a.date.localeCompare(b.date) ||
      ORDER[a.kind] - ORDER[b.kind] ||
      marketIds.indexOf(a.market) - marketIds.indexOf(b.market),
  );
}
