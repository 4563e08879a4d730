import { RegimeUnknown } from './errors.js';
import { rulebook } from './rulebook.js';
import type { Catalog, CatalogId, Regime } from './types.js';

/** The compiled regime with this id. Throws RegimeUnknown (REGIME_UNKNOWN) naming the known ids. */
export function getRegime(id: string): Regime {
  const { regimes } = rulebook();
  const regime = regimes.get(id);
  if (!regime) throw new RegimeUnknown(id, [...regimes.keys()]);
  return regime;
}

/** The compiled catalog with this id. Throws RegimeUnknown (REGIME_UNKNOWN) naming the known catalogs. */
export function getCatalog(id: string): Catalog {
  const { catalogs } = rulebook();
  const catalog = catalogs.get(id as CatalogId);
  if (!catalog) throw new RegimeUnknown(id, [...catalogs.keys()]);
  return catalog;
}
