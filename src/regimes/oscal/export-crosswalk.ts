// The crosswalk (crosswalk.ts) as an OSCAL profile: the EN 303 645 catalog of one version, imported whole,
// with each provision that a regime's requirement maps onto altered to carry one `mapped-requirement` prop
// per mapping ("regime:requirement", its class the basis: stated-by-the-regime or our-reading, the source in
// its remarks). One document per EN 303 645 version, because both versions use the same control ids.
import { IOTLABEL_NS } from '../compile-catalog.js';
import { crosswalkRows } from '../crosswalk.js';
import { RegimeUnknown } from '../errors.js';
import { rulebook } from '../rulebook.js';
import type { CatalogId } from '../types.js';
import { nameUuid } from './uuid.js';

export const CROSSWALK_CATALOGS: readonly CatalogId[] = ['etsi-en-303645-v2.1.1', 'etsi-en-303645-v3.1.3'];

const BASIS_CLASS = { 'stated by the regime': 'stated-by-the-regime', 'our reading': 'our-reading' } as const;

/** The crosswalk onto one EN 303 645 version as an OSCAL profile document ({ profile: ... }). */
export function exportOscalCrosswalk(catalogId: string = CROSSWALK_CATALOGS[0]!): unknown {
  if (!CROSSWALK_CATALOGS.includes(catalogId as CatalogId))
    throw new RegimeUnknown(catalogId, CROSSWALK_CATALOGS, 'catalog');
  const catalog = rulebook().catalogs.get(catalogId as CatalogId)!;
  const rows = crosswalkRows().filter((r) => r.catalog === catalogId && r.basis !== null);
  const regimes = [...new Set(rows.map((r) => r.regime))];
  const alters = catalog.provisions.flatMap((p) => {
    const mine = rows.filter((r) => r.provision === p.id);
    if (mine.length === 0) return [];
    const props = mine.flatMap((r) =>
      r.requirements.map((requirement) => ({
        name: 'mapped-requirement',
        ns: IOTLABEL_NS,
        value: `${r.regime}:${requirement}`,
        class: BASIS_CLASS[r.basis!],
        ...(r.source ? { remarks: `Stated in ${r.source}.` } : {}),
      })),
    );
    return [{ 'control-id': p.oscalId, adds: [{ position: 'ending', props }] }];
  });
  return {
    profile: {
      uuid: nameUuid(`crosswalk-profile:${catalogId}`),
      metadata: {
        title: `Crosswalk: ${catalog.title.split(':')[0]} against the regimes`,
        'last-modified': '2026-12-02T00:00:00Z',
        version: '1',
        'oscal-version': '1.2.1',
        props: [
          { name: 'crosswalk-of', ns: IOTLABEL_NS, value: catalogId },
          ...regimes.map((id) => ({ name: 'regime', ns: IOTLABEL_NS, value: id })),
        ],
        remarks:
          'Each provision carries one mapped-requirement prop per regime requirement that maps onto it; the class says ' +
          'whether the regime states the mapping (stated-by-the-regime) or it is the registry’s reading (our-reading). ' +
          'Mappings are written on EN 303 645 V2.1.1; V3.1.3 provisions are matched by id.',
      },
      imports: [{ href: `${catalogId}.catalog.json`, 'include-all': {} }],
      merge: { 'as-is': true },
      ...(alters.length > 0 ? { modify: { alters } } : {}),
    },
  };
}
