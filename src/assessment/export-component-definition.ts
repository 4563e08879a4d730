// A declaration as an OSCAL component definition: the product is a defined component and each provision
// statement an implemented requirement against the declared catalog. Pure; ids are derived from content.
import { getCatalog } from '../regimes/get-regime.js';
import { IOTLABEL_NS } from '../regimes/compile-catalog.js';
import { nameUuid } from '../regimes/oscal/uuid.js';
import type { Declaration } from './declaration.js';

type Prop = { name: string; ns?: string; value: string };

/** OSCAL wants non-empty strings without surrounding whitespace; user text is tidied to fit. */
const clean = (s: string): string => s.replace(/\s+/g, ' ').trim();
const prop = (name: string, value: string | undefined, ns = IOTLABEL_NS): Prop[] => {
  const v = value === undefined ? '' : clean(value);
  return v ? [{ name, ns, value: v }] : [];
};

export function exportComponentDefinition(declaration: Declaration, options: { generatedAt?: string } = {}): unknown {
  const key = JSON.stringify(declaration);
  const { product: p, manufacturer: m, passwords: pw, vulnerabilityDisclosure: vd } = declaration;
  const generatedAt =
    options.generatedAt ??
    (declaration.signatory ? `${declaration.signatory.date}T00:00:00Z` : new Date().toISOString());
  const partyUuid = nameUuid(`party:${key}`);
  const catalog = declaration.provisions ? getCatalog(declaration.provisions.catalog) : null;
  const implementations =
    catalog && declaration.provisions
      ? [
          {
            uuid: nameUuid(`ci:${key}`),
            source: `${catalog.id}.catalog.json`,
            description: clean(`Provision statements against ${catalog.title}.`),
            'implemented-requirements': Object.entries(declaration.provisions.statements).map(([id, s]) => {
              const said = [s.detail, s.justification]
                .filter((x): x is string => typeof x === 'string' && x.trim() !== '')
                .join('\n\n');
              return {
                uuid: nameUuid(`ir:${key}:${id}`),
                'control-id': catalog.byId.get(id)?.oscalId ?? id,
                description: said || `Declared ${s.status}.`,
                props: [
                  { name: 'implementation-status', value: s.status === 'not-implemented' ? 'planned' : s.status },
                  ...prop('statement-status', s.status),
                ],
              };
            }),
          },
        ]
      : [];
  const component = {
    uuid: nameUuid(`component:${key}`),
    type: 'hardware',
    title: clean(p.name ?? `${p.brand} ${p.model}`),
    description: clean(`${p.brand} ${p.model}, a consumer connectable product (${p.category}) declared by ${m.name}.`),
    props: [
      ...prop('brand', p.brand),
      ...prop('model', p.model),
      ...prop('category', p.category),
      ...p.gtins.flatMap((g) => prop('gtin', g)),
      ...prop('hardware-version', p.hardwareVersion),
      ...prop('firmware-version', p.firmwareVersion),
      ...prop('batch', p.batch),
      ...prop('password-scheme', pw.scheme),
      ...prop('password-generation', pw.generation),
      ...prop(
        'resettable-to-universal-default',
        pw.resettableToUniversalDefault === undefined ? undefined : String(pw.resettableToUniversalDefault),
      ),
      ...prop('acknowledgement-within-days', vd.acknowledgementWithinDays?.toString()),
      ...prop('status-updates-every-days', vd.statusUpdatesEveryDays?.toString()),
      ...prop('support-end-date', declaration.supportPeriod?.endDate),
    ],
    links: [
      ...vd.contacts.map((href) => ({ href, rel: 'vulnerability-disclosure-contact' })),
      ...(vd.policyUrl ? [{ href: vd.policyUrl, rel: 'vulnerability-disclosure-policy' }] : []),
      ...(declaration.supportPeriod?.publishedAt
        ? [{ href: declaration.supportPeriod.publishedAt, rel: 'support-period' }]
        : []),
    ],
    'responsible-roles': [{ 'role-id': 'manufacturer', 'party-uuids': [partyUuid] }],
    ...(implementations.length ? { 'control-implementations': implementations } : {}),
  };
  if (component.links.length === 0) delete (component as { links?: unknown }).links;
  return {
    'component-definition': {
      uuid: nameUuid(`cd:${key}`),
      metadata: {
        title: clean(`Security declaration: ${p.brand} ${p.model}`),
        'last-modified': generatedAt,
        version: clean(p.firmwareVersion ?? '1'),
        'oscal-version': '1.2.1',
        roles: [{ id: 'manufacturer', title: 'Manufacturer' }],
        parties: [
          {
            uuid: partyUuid,
            type: 'organization',
            name: clean(m.name),
            ...(m.website ? { links: [{ href: m.website, rel: 'website' }] } : {}),
          },
        ],
      },
      components: [component],
    },
  };
}
