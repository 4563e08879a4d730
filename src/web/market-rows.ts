// The market rows a product's pages show, from the registry's market report for its newest submitted
// declaration on today's date (services.markets.productMarkets, the function GET /v1/products/{id}/markets
// calls). A product never declared has none.
//
// Worked out once per product and day and kept beside the sellability read model (dropped when it drops the
// product's answers), so a page rendered on a miss of the page cache asks the database nothing for them.
// Products with the same rows share one copy (most of a manufacturer's models answer alike).
import { todayUtc } from '../calendar.js';
import { isIotlabelError } from '../errors.js';
import type { Services } from '../registry/index.js';
import { marketTable, type MarketRow } from './models/market-table.js';

type RowServices = Pick<Services, 'markets' | 'labels' | 'sellability' | 'clock'>;

/** Worked out from the store (a market report and the product's labels): on a miss of the kept rows only. */
async function rowsFromStore(services: RowServices, productId: string, at: string): Promise<MarketRow[]> {
  try {
    const [report, labels] = await Promise.all([
      services.markets.productMarkets(productId, { at }),
      services.labels.ofProduct(productId),
    ]);
    return marketTable(report, labels);
  } catch (error) {
    // Only drafts so far: nothing submitted to judge.
    if (isIotlabelError(error) && error.code === 'NOT_FOUND') return [];
    throw error;
  }
}

/**
 * Products whose rows are kept at most, as many as the read model keeps answers. Rows are shared: one copy of
 * each distinct row (most products of a manufacturer answer alike in most markets) and of each distinct list
 * of rows, so a product keeps a reference and its day, not its own 4 KB of rows. Beyond the limit a page on a
 * miss works its rows out from the store.
 */
export const KEPT_ROWS_LIMIT = 200_000;
/** Distinct rows (and lists of rows) shared at most per day; when full, sharing starts afresh. */
const SHARED_LIMIT = 20_000;

function createKeptRows(services: RowServices) {
  /** productId -> its rows on `day`. */
  const kept = new Map<string, { day: string; rows: MarketRow[] }>();
  /** One copy of each distinct row, and of each distinct list of rows, on a day. */
  const sharedRows = new Map<string, MarketRow>();
  const sharedLists = new Map<string, MarketRow[]>();
  let sharedDay = '';
  let changes = 0;
  services.sellability.onProductChange((productId) => {
    changes++;
    if (productId === null) kept.clear();
    else kept.delete(productId);
  });

  /** The shared copy of `fresh` (equal rows, in the same order), adding what is new. */
  function share(fresh: MarketRow[], day: string): MarketRow[] {
    if (sharedDay !== day || sharedRows.size >= SHARED_LIMIT || sharedLists.size >= SHARED_LIMIT) {
      sharedRows.clear();
      sharedLists.clear();
      sharedDay = day;
    }
    const texts = fresh.map((row) => JSON.stringify(row));
    const whole = texts.join('\n');
    const known = sharedLists.get(whole);
    if (known !== undefined) return known;
    const rows = fresh.map((row, i) => {
      const same = sharedRows.get(texts[i]!);
      if (same !== undefined) return same;
      sharedRows.set(texts[i]!, row);
      return row;
    });
    sharedLists.set(whole, rows);
    return rows;
  }

  async function rowsOf(productId: string, declared: boolean, day: string): Promise<MarketRow[]> {
    if (!declared) return [];
    const hit = kept.get(productId);
    if (hit !== undefined && hit.day === day) return hit.rows;
    const before = changes;
    const rows = share(await rowsFromStore(services, productId, day), day);
    // Kept only when no write came in while they were worked out.
    if (before === changes) {
      if (kept.size >= KEPT_ROWS_LIMIT && !kept.has(productId)) kept.delete(kept.keys().next().value as string);
      kept.set(productId, { day, rows });
    }
    return rows;
  }

  let warming: Promise<number> | undefined;
  /**
   * Works out today's rows of every product the read model indexes, one at a time and yielding between
   * them, so pages rendered later ask the store nothing. One run at a time; returns how many it worked out.
   */
  function warm(): Promise<number> {
    warming ??= (async () => {
      const day = todayUtc(services.clock);
      let done = 0;
      for (const productId of services.sellability.productIds()) {
        if (kept.size >= KEPT_ROWS_LIMIT) break; // the rest would only push out what was just worked out
        if (kept.get(productId)?.day === day) continue;
        await rowsOf(productId, true, day).catch(() => undefined);
        if (++done % 16 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
      return done;
    })().finally(() => (warming = undefined));
    return warming;
  }

  return { rowsOf, warm, size: () => kept.size };
}

const perServices = new WeakMap<RowServices, ReturnType<typeof createKeptRows>>();

/** The kept market rows of these services (every page shares them). */
export function keptMarketRows(services: RowServices): ReturnType<typeof createKeptRows> {
  let rows = perServices.get(services);
  if (rows === undefined) perServices.set(services, (rows = createKeptRows(services)));
  return rows;
}

/** A product's market rows today; `declared`: it has a submitted declaration (else it has none). */
export function productMarketRows(
  services: RowServices,
  product: { id: string; declared: boolean },
  day = todayUtc(services.clock),
): Promise<MarketRow[]> {
  return keptMarketRows(services).rowsOf(product.id, product.declared, day);
}
