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
 * Products whose rows are kept at most, as many as kept pages: rows differ per product (its labels, its
 * laws' answers), about 4 KB each, so keeping every product's made a 100,000-product registry run out of a
 * 768 MiB heap. Beyond it a page on a miss works its rows out from the store.
 */
export const KEPT_ROWS_LIMIT = 20_000;

function createKeptRows(services: RowServices) {
  /** productId -> its rows on `day`. */
  const kept = new Map<string, { day: string; rows: MarketRow[] }>();
  /** One copy of each distinct set of rows on a day. */
  const shared = new Map<string, MarketRow[]>();
  let sharedDay = '';
  let changes = 0;
  services.sellability.onProductChange((productId) => {
    changes++;
    if (productId === null) kept.clear();
    else kept.delete(productId);
  });

  async function rowsOf(productId: string, declared: boolean, day: string): Promise<MarketRow[]> {
    if (!declared) return [];
    const hit = kept.get(productId);
    if (hit !== undefined && hit.day === day) return hit.rows;
    const before = changes;
    const fresh = await rowsFromStore(services, productId, day);
    if (sharedDay !== day || shared.size >= 10_000) {
      shared.clear();
      sharedDay = day;
    }
    const text = JSON.stringify(fresh);
    const rows = shared.get(text) ?? fresh;
    shared.set(text, rows);
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
