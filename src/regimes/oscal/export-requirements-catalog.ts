// A territory regime's own requirements as an OSCAL catalog: one control per requirement, with its dates,
// level and ⚠ reading, linked to the EN 303 645 controls it is crosswalked onto. Built from the compiled
// regime, so the data file stays the one place the rules are written.
import { IOTLABEL_NS } from '../compile-catalog.js';
import type { Regime, RequirementRule } from '../types.js';
import { nameUuid } from './uuid.js';

const prop = (name: string, value: string) => ({ name, ns: IOTLABEL_NS, value });

function crosswalkLinks({ catalog, provisions }: NonNullable<RequirementRule['crosswalk']>) {
  const list = provisions === 'mandatory' ? catalog.provisions.filter((p) => p.status === 'M') : provisions;
  const standard = catalog.title.split(':')[0]!;
  return list.map((p) => ({
    href: `${catalog.id}.catalog.json#${p.oscalId}`,
    rel: 'related',
    text: `${standard} ${p.id}`,
  }));
}

export function requirementsCatalog(regime: Regime): unknown {
  const meta = (regime.profile as { metadata?: { 'last-modified'?: string } }).metadata;
  const latest = regime.versions.at(-1);
  return {
    catalog: {
      uuid: nameUuid(`requirements-catalog:${regime.id}`),
      metadata: {
        title: `${regime.title}: requirements`,
        'last-modified': meta?.['last-modified'] ?? '2026-12-02T00:00:00Z',
        version: latest?.id ?? '1',
        'oscal-version': '1.2.1',
        props: [
          prop('rulebook-id', regime.id),
          ...(regime.roles.jurisdiction ? [prop('territory', regime.roles.jurisdiction)] : []),
          prop('nature', regime.nature),
          ...regime.versions.map((v) => ({ ...prop('version', v.id), remarks: `From ${v.from}: ${v.by}.` })),
        ],
        remarks: regime.summary,
      },
      controls: regime.requirements.map((r) => ({
        id: r.id,
        class: 'requirement',
        title: r.title,
        props: [
          { name: 'label', value: r.id },
          prop('check', r.check),
          ...(r.level !== undefined ? [prop('level', String(r.level))] : []),
          ...(r.from !== undefined ? [prop('applies-from', r.from)] : []),
        ],
        ...(r.crosswalk ? { links: crosswalkLinks(r.crosswalk) } : {}),
        parts: [
          {
            id: `${r.id}_smt`,
            name: 'statement',
            prose:
              r.crosswalk?.provisions === 'mandatory'
                ? `${r.title}: every mandatory provision of ${r.crosswalk.catalog.title.split(':')[0]}.`
                : (r.needs ?? `${r.title}.`),
          },
          ...(r.unconfirmed ? [{ id: `${r.id}_unconfirmed`, name: 'guidance', prose: r.unconfirmed }] : []),
        ],
      })),
    },
  };
}
