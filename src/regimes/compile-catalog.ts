// Turns a stored OSCAL catalog into the engine's Catalog, checking every field the engine relies on.
// Runs once at start; a data mistake stops the program with REGIME_DATA_INVALID naming each problem.
import { RegimeDataInvalid } from './errors.js';
import {
  CATALOG_IDS,
  type Catalog,
  type CatalogId,
  type ConditionFact,
  type Provision,
  type ProvisionStatus,
  type ProvisionTopic,
  type RegimeNature,
} from './types.js';

export const IOTLABEL_NS = 'https://iotlabel.dev/ns/oscal';

const CONDITION_FACTS = new Set<string>(['passwords-used', 'preinstalled-unique-passwords', 'update-mechanism']);
const STATUSES = new Set<string>(['M', 'R', 'withdrawn']);
const TOPICS = new Set<string>([
  'passwords-unique',
  'passwords-generation',
  'vulnerability-disclosure',
  'support-period',
  'recommendation-justifications',
]);

interface OscalProp {
  name?: unknown;
  ns?: unknown;
  value?: unknown;
  class?: unknown;
  remarks?: unknown;
}
interface OscalControl {
  id?: unknown;
  title?: unknown;
  props?: OscalProp[];
  links?: { href?: unknown; rel?: unknown }[];
  parts?: { name?: unknown; prose?: unknown }[];
  controls?: OscalControl[];
}
interface OscalGroup {
  controls?: OscalControl[];
  groups?: OscalGroup[];
}

export function compileCatalog(file: string, document: unknown): Catalog {
  const problems: string[] = [];
  const cat = (
    document as { catalog?: { metadata?: Record<string, unknown>; controls?: OscalControl[]; groups?: OscalGroup[] } }
  ).catalog;
  if (typeof cat !== 'object' || cat === null || typeof cat.metadata !== 'object')
    throw new RegimeDataInvalid(file, ['no catalog.metadata']);
  const meta = cat.metadata;
  const metaProps = ownProps(meta.props as OscalProp[] | undefined);
  const id = metaProps.get('rulebook-id') as CatalogId | undefined;
  if (id === undefined || !CATALOG_IDS.includes(id))
    problems.push(`metadata rulebook-id "${String(id)}" is not a known catalog id`);

  const provisions: Provision[] = [];
  const visit = (controls: OscalControl[] | undefined): void => {
    for (const control of controls ?? []) {
      const provision = compileProvision(control, problems);
      if (provision) provisions.push(provision);
      visit(control.controls);
    }
  };
  const walk = (groups: OscalGroup[] | undefined): void => {
    for (const group of groups ?? []) {
      visit(group.controls);
      walk(group.groups);
    }
  };
  visit(cat.controls);
  walk(cat.groups);

  const byId = new Map<string, Provision>();
  for (const p of provisions) {
    if (byId.has(p.id)) problems.push(`provision ${p.id} appears twice`);
    byId.set(p.id, p);
  }
  const replaces = new Map<string, Provision>();
  for (const p of provisions) {
    for (const r of p.replacedBy) {
      if (!byId.has(r)) problems.push(`provision ${p.id} is incorporated into unknown ${r}`);
      replaces.set(r, p);
    }
  }
  if (provisions.length === 0) problems.push('no provisions');
  const declarationOrder = orderProp(metaProps, 'declaration-order', problems);
  const whatIfOrder = orderProp(metaProps, 'what-if-order', problems);
  const nature = metaProps.get('nature') ?? null;
  if (nature !== null && !['law', 'voluntary', 'proposal', 'standard'].includes(nature))
    problems.push(`metadata nature "${nature}" is not law, voluntary, proposal or standard`);
  if (problems.length > 0) throw new RegimeDataInvalid(file, problems);
  return {
    id: id as CatalogId,
    title: String(meta.title),
    version: String(meta.version),
    published: String(meta.published ?? '').slice(0, 10),
    provisions,
    byId,
    replaces,
    declarationOrder,
    whatIfOrder,
    territory: metaProps.get('territory') ?? null,
    nature: nature as RegimeNature | null,
    oscal: document,
  };
}

function compileProvision(control: OscalControl, problems: string[]): Provision | null {
  const where = `control ${String(control.id)}`;
  const label = (control.props ?? []).find((p) => p.name === 'label' && p.ns === undefined)?.value;
  const own = ownProps(control.props);
  if (typeof control.id !== 'string' || typeof label !== 'string' || typeof control.title !== 'string') {
    problems.push(`${where}: needs an id, a title and a label prop`);
    return null;
  }
  const status = own.get('status');
  if (status === undefined || !STATUSES.has(status)) {
    problems.push(`${where}: status "${String(status)}" is not M, R or withdrawn`);
    return null;
  }
  const guideline = own.has('guideline') ? Number(own.get('guideline')) : null;
  if (guideline !== null && !(Number.isInteger(guideline) && guideline >= 1 && guideline <= 13))
    problems.push(`${where}: guideline must be 1..13`);
  const topic = own.get('topic');
  if (topic !== undefined && !TOPICS.has(topic)) problems.push(`${where}: unknown topic "${topic}"`);
  const replacedBy = (control.links ?? [])
    .filter((l) => l.rel === 'incorporated-into' && typeof l.href === 'string')
    .map((l) => String(l.href).replace(/^#(etsi-|ts-|cop-)?/, ''));
  if (status === 'withdrawn' && replacedBy.length === 0)
    problems.push(`${where}: withdrawn without incorporated-into links`);
  const applicability = (control.parts ?? []).find((p) => p.name === 'applicability')?.prose;
  return {
    id: label,
    oscalId: control.id,
    title: control.title,
    status: status as ProvisionStatus,
    conditions: allOwn(control.props, 'condition'),
    features: allOwn(control.props, 'feature'),
    dependsOn: dependsOn(control.props, where, problems),
    ...establishes(own.get('establishes'), where, problems),
    ...(typeof applicability === 'string' ? { applicability } : {}),
    guideline,
    ...(topic === undefined ? {} : { topic: topic as ProvisionTopic }),
    replacedBy,
  };
}

function ownProps(props: OscalProp[] | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of props ?? []) if (p.ns === IOTLABEL_NS && typeof p.name === 'string') out.set(p.name, String(p.value));
  return out;
}

function allOwn(props: OscalProp[] | undefined, name: string): string[] {
  return (props ?? []).filter((p) => p.ns === IOTLABEL_NS && p.name === name).map((p) => String(p.value));
}

/** Condition and feature props with their wording (remarks) and, where named (class), the fact that settles them. */
function dependsOn(props: OscalProp[] | undefined, where: string, problems: string[]): Provision['dependsOn'] {
  return (props ?? [])
    .filter((p) => p.ns === IOTLABEL_NS && (p.name === 'condition' || p.name === 'feature'))
    .map((p) => {
      if (p.class !== undefined && !CONDITION_FACTS.has(String(p.class)))
        problems.push(`${where}: unknown condition fact "${String(p.class)}"`);
      return {
        kind: p.name as 'condition' | 'feature',
        code: String(p.value),
        text: typeof p.remarks === 'string' ? p.remarks.replace(/^[^:]*: /, '').replace(/\.$/, '') : '',
        ...(p.class === undefined ? {} : { fact: p.class as ConditionFact }),
      };
    });
}

function establishes(value: string | undefined, where: string, problems: string[]): { establishes?: ConditionFact } {
  if (value === undefined) return {};
  if (!CONDITION_FACTS.has(value)) problems.push(`${where}: unknown condition fact "${value}"`);
  return { establishes: value as ConditionFact };
}

/** A metadata prop that places the catalog in a list the adapters offer (lower first); absent = not offered. */
function orderProp(props: Map<string, string>, name: string, problems: string[]): number | null {
  const value = props.get(name);
  if (value === undefined) return null;
  if (!/^\d+$/.test(value)) problems.push(`metadata ${name} "${value}" must be a whole number`);
  return Number(value);
}
