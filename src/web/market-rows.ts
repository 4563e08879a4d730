// The market rows a product's pages show, from the registry's market report for its newest submitted
// declaration on today's date (services.markets.productMarkets, the function GET /v1/products/{id}/markets
// calls). A product never declared has none.
import { isIotlabelError } from '../errors.js';
import type { ProductView } from '../registry/index.js';
import type { WebContext } from './context.js';
import { marketTable, type MarketRow } from './models/market-table.js';

export async function productMarketRows(ctx: WebContext, product: ProductView): Promise<MarketRow[]> {
  if (!product.latestDeclaration) return [];
  try {
    const [report, labels] = await Promise.all([
      ctx.services.markets.productMarkets(product.id, { at: ctx.today() }),
      ctx.services.labels.ofProduct(product.id),
    ]);
    return marketTable(report, labels);
  } catch (error) {
    // Only drafts so far: nothing submitted to judge.
    if (isIotlabelError(error) && error.code === 'NOT_FOUND') return [];
    throw error;
  }
}
