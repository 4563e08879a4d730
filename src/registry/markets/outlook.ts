// The registry across its markets, for the regulator (issue 14): how many registered products would stop
// being sellable in each market on each coming date (from every product's newest submitted declaration and
// the pure upcoming-dates list), and the what-if by market ("what if AU required a five-year support
// period?"). One pass over the registry per question, kept until the next write.
import { supportMinimumIfAdopted, type Declaration } from '../../assessment/index.js';
import { isCalendarDate, todayUtc } from '../../calendar.js';
import { marketAt } from './markets.js';
import { declarations, retail } from '../../store/index.js';
import type { DeclarationRow, ProductRow } from '../../store/index.js';
import type { UpcomingSource } from './upcoming-source.js';
import type { RegistryDeps } from '../deps.js';
import { InputInvalid } from '../errors.js';

/** One market on one coming date: how many registered products may be sold the day before but not from it. */
export interface StopCount {
  date: string;
  market: string;
  products: number;
  /** The laws behind the change (those starting that day, or binding when the support period ends). */
  regimes: string[];
  kinds: string[];
}

export interface StopsAhead {
  at: string;
  /** Registered products with a submitted declaration that are not withdrawn: the ones counted. */
  declared: number;
  rows: StopCount[];
}

export interface SupportMinimumCounts {
  market: string;
  years: number;
  at: string;
  declared: number;
  /** May be sold in the market on the day now. */
  sellableNow: number;
  /** Of those, would stop under the scenario. */
  wouldStop: number;
  /** Of those, because no support period is declared at all. */
  noSupportPeriod: number;
  /** The first 200 that would stop, with the rule's reason. */
  shown: { product: { id: string; brand: string; model: string }; reason: string }[];
}

const PAGE = 500;

export function createMarketOutlook(deps: RegistryDeps, extras: { upcoming: UpcomingSource }) {
  const { store, engine, clock, writer } = deps;
  const cache = new Map<string, Promise<unknown>>();
  writer.onCommit(() => cache.clear());

  function day(at: string | undefined): string {
    const d = at ?? todayUtc(clock);
    if (!isCalendarDate(d))
      throw new InputInvalid([{ path: '/at', message: `"${d}" is not a date of the form YYYY-MM-DD` }]);
    return d;
  }

  /** Every declared, not withdrawn product with its newest submitted declaration, a page at a time. */
  async function* declared(): AsyncGenerator<{
    product: ProductRow;
    row: DeclarationRow;
    declaration: () => Declaration;
  }> {
    let after = '';
    for (;;) {
      const page = await retail.productPage(store.db, after, PAGE);
      if (page.length === 0) return;
      const latest = await declarations.latestSubmittedOf(
        store.db,
        page.map((p) => p.id),
      );
      for (const product of page) {
        const row = latest.get(product.id);
        if (row === undefined || product.withdrawnAt !== null) continue;
        yield { product, row, declaration: () => engine.parseDeclaration(JSON.parse(row.document) as unknown) };
      }
      after = page.at(-1)!.id;
    }
  }

  function remembered<T>(key: string, make: () => Promise<T>): Promise<T> {
    let hit = cache.get(key) as Promise<T> | undefined;
    if (hit === undefined) {
      hit = make();
      hit.catch(() => cache.delete(key));
      if (cache.size >= 64) cache.clear();
      cache.set(key, hit);
    }
    return hit;
  }

  /** Per market and coming date, how many products would stop being sellable there (date order). */
  async function stopsAhead(query: { at?: string | undefined } = {}): Promise<StopsAhead> {
    const at = day(query.at);
    const markets = extras.upcoming.markets();
    return remembered(`stops:${at}`, async () => {
      const counts = new Map<string, StopCount>();
      let n = 0;
      for await (const { row: stored } of declared()) {
        n++;
        for (const u of extras.upcoming.of(stored, at)) {
          if (!u.sellableBefore || u.sellableFrom) continue;
          const key = `${u.date} ${u.market}`;
          const row = counts.get(key) ?? { date: u.date, market: u.market, products: 0, regimes: [], kinds: [] };
          row.products++;
          for (const r of u.regimes) if (!row.regimes.includes(r)) row.regimes.push(r);
          if (!row.kinds.includes(u.kind)) row.kinds.push(u.kind);
          counts.set(key, row);
        }
      }
      const rows = [...counts.values()].sort(
        (a, b) => a.date.localeCompare(b.date) || markets.indexOf(a.market) - markets.indexOf(b.market),
      );
      return { at, declared: n, rows };
    });
  }

  /** What if the market required a support period of at least `years` years on the day: counts across the registry. */
  async function supportMinimumWhatIf(query: {
    market: string;
    years: number;
    at?: string | undefined;
  }): Promise<SupportMinimumCounts> {
    const at = day(query.at);
    const market = marketAt(query.market);
    if (!Number.isInteger(query.years) || query.years < 1 || query.years > 20)
      throw new InputInvalid([{ path: '/years', message: 'a minimum support period is 1 to 20 whole years' }]);
    return remembered(`minimum:${market.id}:${query.years}:${at}`, async () => {
      let declaredCount = 0;
      let sellableNow = 0;
      let noSupportPeriod = 0;
      const stopping: SupportMinimumCounts['shown'] = [];
      let wouldStop = 0;
      for await (const { product, declaration } of declared()) {
        declaredCount++;
        const parsed = declaration();
        const answer = supportMinimumIfAdopted(parsed, { market: market.id, years: query.years, at });
        if (!answer.sellableNow) continue;
        sellableNow++;
        if (answer.sellableThen) continue;
        wouldStop++;
        if (parsed.supportPeriod === undefined) noSupportPeriod++;
        if (stopping.length < 200)
          stopping.push({
            product: { id: product.id, brand: product.brand, model: product.model },
            reason: answer.verdict.reasons[0] ?? '',
          });
      }
      return {
        market: market.id,
        years: query.years,
        at,
        declared: declaredCount,
        sellableNow,
        wouldStop,
        noSupportPeriod,
        shown: stopping,
      };
    });
  }

  return { stopsAhead, supportMinimumWhatIf };
}

export type MarketOutlook = ReturnType<typeof createMarketOutlook>;
