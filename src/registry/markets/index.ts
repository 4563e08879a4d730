// Markets at the registry's edges (issue 14): a product's market report from its newest submitted
// declaration, and "may I sell this in market X?" as every binding law's sellability answer combined. May
// import: the store, the pure modules (assessment, regimes), src/errors and the registry's top level.
export { createMarketUseCases, type MarketUseCases, type ProductMarkets, type MarketSellable } from './markets.js';
export {
  createMarketOutlook,
  type MarketOutlook,
  type StopsAhead,
  type StopCount,
  type SupportMinimumCounts,
} from './outlook.js';
export { createUpcomingSource, type UpcomingSource } from './upcoming-source.js';
