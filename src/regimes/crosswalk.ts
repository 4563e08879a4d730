// The crosswalk (territories.md §11): every ETSI EN 303 645 provision, in both versions, against every
// territory regime's requirements that map onto it, each mapping marked "stated by the regime" where the
// regime or a body behind it says so (data/crosswalk-basis.json) and "our reading" otherwise.
import basisData from './data/crosswalk-basis.json' with { type: 'json' };
import { RegimeDataInvalid } from './errors.js';
import { rulebook } from './rulebook.js';
import type { Catalog, CatalogId, Regime } from './types.js';

export type CrosswalkBasis = 'stated by the regime' | 'our reading';

export interface CrosswalkRow {
  catalog: CatalogId;
  provision: string;
  status: string;
  regime: string;
  /** The regime's requirements that map onto the provision (empty: none does). */
  requirements: string[];
  /** Null when no requirement maps onto the provision. */
  basis: CrosswalkBasis | null;
  /** Where a stated mapping is stated. */
  source: string | null;
}

interface StatedEntry {
  regime: string;
  source: string;
  requirements?: string[];
  mappings?: Record<string, string[]>;
}

const BOTH: readonly CatalogId[] = ['etsi-en-303645-v2.1.1', 'etsi-en-303645-v3.1.3'];

/** requirement id -> the V2.1.1 provision ids it maps onto, from the regime's data or the basis file. */
function mappingsOf(regime: Regime, stated: StatedEntry | undefined, base: Catalog): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const rule of regime.requirements) {
    if (!rule.crosswalk) continue;
    const ids =
      rule.crosswalk.provisions === 'mandatory'
        ? base.provisions.filter((p) => p.status === 'M').map((p) => p.id)
        : rule.crosswalk.provisions.map((p) => p.id);
    out.set(rule.id, ids);
  }
  for (const [id, ids] of Object.entries(stated?.mappings ?? {})) out.set(id, ids);
  return out;
}

let cached: CrosswalkRow[] | undefined;

/** Every provision of both EN 303 645 versions against every regime that maps onto EN 303 645. */
export function crosswalkRows(): CrosswalkRow[] {
  if (cached) return cached;
  const book = rulebook();
  const base = book.catalogs.get(basisData.catalog as CatalogId);
  const problems: string[] = [];
  if (!base) problems.push(`catalog "${basisData.catalog}" is not a catalog`);
  const stated = new Map<string, StatedEntry>();
  for (const entry of basisData.stated as StatedEntry[]) {
    const regime = book.regimes.get(entry.regime);
    if (!regime) problems.push(`stated: regime "${entry.regime}" is not a regime`);
    const ids = [...(entry.requirements ?? []), ...Object.keys(entry.mappings ?? {})];
    for (const id of ids)
      if (regime && !regime.requirements.some((r) => r.id === id))
        problems.push(`stated: ${id} is not a requirement of ${entry.regime}`);
    stated.set(entry.regime, entry);
  }
  if (problems.length > 0 || !base) throw new RegimeDataInvalid('crosswalk-basis.json', problems);

  const rows: CrosswalkRow[] = [];
  const regimes = [...book.regimes.values()].filter((r) => r.nature !== 'standard' && r.nature !== 'proposal');
  for (const regime of regimes) {
    const entry = stated.get(regime.id);
    const mappings = mappingsOf(regime, entry, base);
    if (mappings.size === 0) continue;
    const statedIds = new Set([...(entry?.requirements ?? []), ...Object.keys(entry?.mappings ?? {})]);
    for (const catalogId of BOTH) {
      const catalog = book.catalogs.get(catalogId)!;
      for (const provision of catalog.provisions) {
        // V3.1.3 provisions are matched by their id in V2.1.1, the version the mappings are written on.
        const requirements = [...mappings].filter(([, ids]) => ids.includes(provision.id)).map(([id]) => id);
        const anyStated = requirements.some((id) => statedIds.has(id));
        rows.push({
          catalog: catalogId,
          provision: provision.id,
          status: provision.status,
          regime: regime.id,
          requirements,
          basis: requirements.length === 0 ? null : anyStated ? 'stated by the regime' : 'our reading',
          source: anyStated ? (entry?.source ?? null) : null,
        });
      }
    }
  }
  cached = rows;
  return rows;
}
