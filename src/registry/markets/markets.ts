// A product in its markets: the market report for its newest submitted declaration (GET
// /v1/products/{id}/markets), and the sale answer for a market (GET /v1/sellable?market=...), which is
// sellable iff every law binding a sale there on the day lets it be sold, each law named.
import { createHash } from 'node:crypto';
import { combineLawAnswers } from '../../catalogue/market-verdict.js';
import { marketReport, type MarketReport } from '../../assessment/index.js';
import { isCalendarDate, todayUtc } from '../../calendar.js';
import { isIotlabelError, IotlabelError } from '../../errors.js';
import { bindsOn, getMarket, listMarkets, marketLabels } from '../../regimes/index.js';
import { declarations, products } from '../../store/index.js';
import type { RegistryDeps } from '../deps.js';
import { InputInvalid, NotFound } from '../errors.js';
import type { SellableAnswer, SellableQuery } from '../retail/sellability.js';

export interface ProductMarkets extends MarketReport {
  product: { id: string; brand: string; model: string; name: string };
  declaration: { id: string; version: number; sha256: string };
}

export interface MarketSellable extends Omit<
  SellableAnswer,
  'regime' | 'label' | 'labelId' | 'labelStatus' | 'labelUrl'
> {
  market: string;
  /** Each law binding a sale in the market on the day, with its own answer. */
  laws: { regime: string; from: string; by: string; sellable: boolean; outcome: string; reason: string }[];
}

interface Sellability {
  checkSellable(query: SellableQuery): Promise<{ answer: SellableAnswer; etag: string }>;
}

/** A market code from the query, as MARKET_UNKNOWN pointing at the parameter when it is not one. */
export function marketAt(id: string, path = '/market') {
  try {
    return getMarket(id);
  } catch (error) {
    if (isIotlabelError(error) && error.code === 'MARKET_UNKNOWN')
      throw new IotlabelError('MARKET_UNKNOWN', error.message, { problems: [{ path, message: error.message }] });
    throw error;
  }
}

export function createMarketUseCases(deps: RegistryDeps, extras: { sellability: Sellability }) {
  const { store, engine, clock } = deps;

  function day(at: string | undefined): string {
    const d = at ?? todayUtc(clock);
    if (!isCalendarDate(d))
      throw new InputInvalid([{ path: '/at', message: `"${d}" is not a date of the form YYYY-MM-DD` }]);
    return d;
  }

  /** The market report for the product's newest submitted declaration; every market when none is named. */
  async function productMarkets(
    productId: string,
    query: { market?: readonly string[] | undefined; at?: string | undefined },
  ): Promise<ProductMarkets> {
    const at = day(query.at);
    const markets = (query.market && query.market.length > 0 ? query.market : listMarkets().map((m) => m.id)).map(
      (id) => marketAt(id, '/market').id,
    );
    const product = await products.findProduct(store.db, productId);
    if (!product) throw new NotFound(`no product with id ${productId}`);
    const row = await declarations.latestSubmitted(store.db, productId);
    if (!row) throw new NotFound(`product ${productId} has no submitted declaration`);
    const declaration = engine.parseDeclaration(JSON.parse(row.document) as unknown);
    return {
      product: { id: product.id, brand: product.brand, model: product.model, name: product.name },
      declaration: { id: row.id, version: row.version ?? 0, sha256: row.sha256 },
      ...marketReport(declaration, markets, { at }),
    };
  }

  /** May the product be sold in the market on the day: every binding law's answer, combined. */
  async function sellableInMarket(
    query: Omit<SellableQuery, 'regime'> & { market: string },
  ): Promise<{ answer: MarketSellable; etag: string }> {
    const market = marketAt(query.market, '/market');
    const at = day(query.at);
    const laws = bindsOn(market, at);
    // With no binding law the product still has to be found (a 404 for an unknown GTIN), so ask under the
    // market's first label scheme, which restricts nothing.
    const ask = laws.length > 0 ? laws.map((l) => l.regime) : [marketLabels(market)[0] ?? engine.listRegimes()[0]!.id];
    const answers = await Promise.all(
      ask.map(async (regime) => (await extras.sellability.checkSellable({ ...query, regime, at })).answer),
    );
    const first = answers[0]!;
    const bound = laws.map((law, i) => ({ law, answer: answers[i]! }));
    // The one combination the catalogue check uses too (src/catalogue/market-verdict.ts).
    const combined = combineLawAnswers(
      market.id,
      at,
      bound.map(({ law, answer: a }) => ({
        regime: law.regime,
        sellable: a.sellable,
        outcome: a.outcome,
        reason: a.reason,
      })),
      laws.length === 0
        ? { regime: ask[0]!, sellable: first.sellable, outcome: first.outcome, reason: first.reason }
        : undefined,
    );
    const blocking = bound.filter((b) => !b.answer.sellable);
    const answer: MarketSellable = {
      product: first.product,
      market: market.id,
      at,
      sellable: combined.sellable,
      outcome: combined.outcome as MarketSellable['outcome'],
      reason: combined.reason,
      reasons: [combined.reason, ...blocking.flatMap((b) => b.answer.reasons.map((r) => `${b.law.regime}: ${r}`))],
      supportEndDate: first.supportEndDate,
      declaration: first.declaration,
      log: first.log,
      laws: bound.map(({ law, answer: a }) => ({
        regime: law.regime,
        from: law.from,
        by: law.by,
        sellable: a.sellable,
        outcome: a.outcome,
        reason: a.reason,
      })),
    };
    const etag = `W/"${createHash('sha256').update(JSON.stringify(answer)).digest('base64url').slice(0, 27)}"`;
    return { answer, etag };
  }

  return { productMarkets, sellableInMarket };
}

export type MarketUseCases = ReturnType<typeof createMarketUseCases>;
