// The stored rulebooks are already OSCAL documents; export hands out copies so callers cannot alter the
// compiled rulebook.
import { RegimeUnknown } from '../errors.js';
import { getRegime } from '../get-regime.js';
import { rulebook } from '../rulebook.js';
import type { CatalogId } from '../types.js';
import { requirementsCatalog } from './export-requirements-catalog.js';

/**
 * The OSCAL catalog document ({ catalog: ... }) for a catalog id, or, for a territory regime, its own
 * requirements as a catalog (each linked to the EN 303 645 controls it is crosswalked onto).
 */
export function exportOscalCatalog(id: string): unknown {
  const regime = rulebook().regimes.get(id);
  if (regime?.scope === 'territory') return requirementsCatalog(regime);
  const catalog = rulebook().catalogs.get(id as CatalogId);
  if (!catalog) throw new RegimeUnknown(id, catalogIds(), 'catalog');
  return structuredClone(catalog.oscal);
}

/** What `exportOscalCatalog` takes: every catalog, then every territory regime's own requirements. */
export function catalogIds(): string[] {
  const territories = [...rulebook().regimes.values()].filter((r) => r.scope === 'territory').map((r) => r.id);
  return [...rulebook().catalogs.keys(), ...territories];
}

/**
 * The OSCAL document for `id`: the regime's profile ({ profile: ... }), or, for an id that names only a
 * catalog (uk-cop-2018), that catalog. Profiles import catalogs by relative href "<catalog-id>.catalog.json".
 */
export function exportOscalRegime(id: string): unknown {
  if (!rulebook().regimes.has(id) && rulebook().catalogs.has(id as CatalogId)) return exportOscalCatalog(id);
  return { profile: structuredClone(getRegime(id).profile) };
}
