// The markets, compiled once over the rulebook, and what binds a sale in one of them on a day.
import marketsData from './data/markets/markets.json' with { type: 'json' };
import { compileMarkets, type Market, type MarketBook, type Recognition } from './compile-markets.js';
import { MarketUnknown } from './errors.js';
import { rulebook } from './rulebook.js';

let cached: MarketBook | undefined;

function book(): MarketBook {
  cached ??= compileMarkets(marketsData, rulebook().regimes);
  return cached;
}

/** Every market, in the data file's order. */
export function listMarkets(): Market[] {
  return [...book().markets.values()];
}

/** The market with this territory code (case-insensitive). Throws MarketUnknown (MARKET_UNKNOWN). */
export function getMarket(id: string): Market {
  const { markets } = book();
  const market = markets.get(id.toUpperCase());
  if (!market) throw new MarketUnknown(id, [...markets.keys()]);
  return market;
}

/** The mutual-recognition arrangements, as data. */
export function listRecognitions(): readonly Recognition[] {
  return book().recognitions;
}

/** One law of a market with the day it starts to bind a sale there. */
export interface BindingLaw {
  regime: string;
  /** The day the law binds a sale in the market (YYYY-MM-DD). */
  from: string;
  /** The market whose law it is (the EU's for DE and FI). */
  by: string;
  why: string | null;
}

/**
 * The laws of a market (its own and those of the market it includes) with the day each binds a sale: the
 * later of the regime's own start and the market's date for it. Laws not yet binding are listed too, so a
 * report can say from when they will; `bindsOn` filters them for a day.
 */
export function marketLaws(market: Market): BindingLaw[] {
  const parent = market.includes !== null ? getMarket(market.includes) : null;
  const own = (m: Market): BindingLaw[] =>
    m.laws.map((law) => {
      const start = rulebook().regimes.get(law.regime)?.effectiveFrom ?? '0000-01-01';
      return { regime: law.regime, from: law.from && law.from > start ? law.from : start, by: m.id, why: law.why };
    });
  return [...(parent ? own(parent) : []), ...own(market)];
}

/** The laws that bind a sale in the market on `at`. */
export function bindsOn(market: Market, at: string): BindingLaw[] {
  return marketLaws(market).filter((law) => law.from <= at);
}

/** The voluntary schemes whose labels a product may carry in the market (the included market's first). */
export function marketLabels(market: Market): string[] {
  const parent = market.includes !== null ? getMarket(market.includes) : null;
  return [...(parent?.labels ?? []), ...market.labels];
}

export type { Market, MarketLaw, MarketBook, Recognition } from './compile-markets.js';
