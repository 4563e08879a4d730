// The public crosswalk page: for one regime and one version of ETSI EN 303 645, each provision the regime's
// requirements map onto, with the basis ("stated by the regime" or "our reading") and where a stated
// mapping is stated — the rows of `iotlabel crosswalk`, filtered. No I/O.
import { compareForDisplay, crosswalkRows, getCatalog, getRegime, type CatalogId } from '../../regimes/index.js';

export interface CrosswalkChoice {
  id: string;
  text: string;
}

export interface CrosswalkPageModel {
  regimes: CrosswalkChoice[];
  catalogs: CrosswalkChoice[];
  regime: { id: string; title: string; shortName: string } | null;
  catalog: string;
  rows: {
    provision: string;
    title: string;
    status: string;
    requirements: { id: string; title: string }[];
    basis: string;
    source: string | null;
  }[];
  /** Provisions of the version that no requirement of the regime maps onto. */
  unmapped: number;
  /** Per regime: how many provisions of the version map, and on which basis. */
  summary: { id: string; name: string; mapped: number; stated: number; reading: number }[];
}

const STATUS: Record<string, string> = { M: 'Mandatory', R: 'Recommendation', withdrawn: 'Withdrawn' };

/** The page for a regime and catalog asked for; null regime when the one asked for is not in the crosswalk. */
export function crosswalkPageModel(query: { regime?: string; catalog?: string }): CrosswalkPageModel & {
  unknown: { regime: boolean; catalog: boolean };
} {
  const all = crosswalkRows();
  const regimeIds = [...new Set(all.map((r) => r.regime))].sort(compareForDisplay);
  const catalogIds = [...new Set(all.map((r) => r.catalog))];
  const catalog = query.catalog ?? catalogIds[0]!;
  const regimeId = query.regime ?? regimeIds[0]!;
  const unknown = { regime: !regimeIds.includes(regimeId), catalog: !catalogIds.includes(catalog as CatalogId) };
  const inCatalog = all.filter((r) => r.catalog === (unknown.catalog ? catalogIds[0] : catalog));
  const base = unknown.catalog ? catalogIds[0]! : catalog;
  const provisions = getCatalog(base).byId;
  const mine = unknown.regime ? [] : inCatalog.filter((r) => r.regime === regimeId);
  const regime = unknown.regime ? null : getRegime(regimeId);
  return {
    regimes: regimeIds.map((id) => ({ id, text: getRegime(id).roles.shortName })),
    catalogs: catalogIds.map((id) => ({ id, text: getCatalog(id).title })),
    regime: regime && { id: regime.id, title: regime.title, shortName: regime.roles.shortName },
    catalog: base,
    rows: mine
      .filter((r) => r.requirements.length > 0)
      .map((r) => ({
        provision: r.provision,
        title: provisions.get(r.provision)?.title ?? r.provision,
        status: STATUS[r.status] ?? r.status,
        requirements: r.requirements.map((id) => ({
          id,
          title: regime!.requirements.find((q) => q.id === id)?.title ?? id,
        })),
        basis: r.basis ?? '',
        source: r.source,
      })),
    unmapped: mine.filter((r) => r.requirements.length === 0).length,
    summary: regimeIds.map((id) => {
      const rows = inCatalog.filter((r) => r.regime === id && r.requirements.length > 0);
      return {
        id,
        name: getRegime(id).roles.shortName,
        mapped: rows.length,
        stated: rows.filter((r) => r.basis === 'stated by the regime').length,
        reading: rows.filter((r) => r.basis === 'our reading').length,
      };
    }),
    unknown,
  };
}
