// The declaration form's answers (flat strings, as a browser posts them) to and from a declaration
// document. Conversions stay loose on purpose: what cannot be converted is passed on as typed, so
// parseDeclaration reports it against the right field instead of the form guessing.
import type { Declaration } from '../../assessment/index.js';
import { getCatalog } from '../../regimes/index.js';
import { derivedStatements, provisionGroups } from './provision-groups.js';

import type { Answers } from './fields.js';

export type { Answers };

export interface ProductFacts {
  brand: string;
  model: string;
  name: string;
  category: string;
  gtins: string[];
}

const SCHEMA_VERSION = 'iotlabel.declaration/v1';
const lines = (text: string | undefined) =>
  (text ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
/**
 * A contact line as a person types it, in the form the declaration stores: a plain email address becomes a
 * mailto: link and a phone number a tel: link; anything else is passed on for the parser to judge.
 */
export function contactFrom(line: string): string {
  if (/^[^\s@:/]+@[^\s@/]+\.[^\s@/]+$/.test(line)) return `mailto:${line}`;
  if (/^\+?[0-9][0-9 ()-]{5,}$/.test(line)) return `tel:${line}`;
  return line;
}

/** The reverse, for showing a stored contact in the form: people read addresses, not link schemes. */
export function contactInWords(contact: string): string {
  return contact.replace(/^(mailto|tel):/, '');
}

const yesNo = (value: string | undefined) => (value === 'yes' ? true : value === 'no' ? false : undefined);
const whole = (value: string | undefined) =>
  value === undefined || value.trim() === ''
    ? undefined
    : /^\d{1,6}$/.test(value.trim())
      ? Number(value.trim())
      : value.trim();

/** day/month/year boxes to YYYY-MM-DD; anything partial stays as typed so the date check names it. */
export function dateFrom(answers: Answers, prefix: string): string | undefined {
  const [d, m, y] = ['day', 'month', 'year'].map((p) => (answers[`${prefix}-${p}`] ?? '').trim());
  if (!d && !m && !y) return undefined;
  if (/^\d{1,2}$/.test(d!) && /^\d{1,2}$/.test(m!) && /^\d{4}$/.test(y!))
    return `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
  return `${y}-${m}-${d}`;
}

function dateInto(answers: Answers, prefix: string, iso: string | undefined): void {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  if (!m) return;
  answers[`${prefix}-day`] = String(Number(m[3]));
  answers[`${prefix}-month`] = String(Number(m[2]));
  answers[`${prefix}-year`] = m[1]!;
}

/** Sets `key` on `target` only when there is a value, so blank optional fields are simply absent. */
function put(target: Record<string, unknown>, key: string, value: unknown): void {
  if (value !== undefined && value !== '') target[key] = value;
}

export function answersToDocument(answers: Answers, product: ProductFacts): Record<string, unknown> {
  const a = (k: string) => (answers[k] ?? '').trim();
  const manufacturer: Record<string, unknown> = {};
  put(manufacturer, 'name', a('manufacturerName'));
  put(manufacturer, 'address', a('manufacturerAddress'));
  put(manufacturer, 'website', a('manufacturerWebsite'));
  const productDoc: Record<string, unknown> = { brand: product.brand, model: product.model };
  put(productDoc, 'name', a('productName') || product.name);
  put(productDoc, 'category', a('category') || product.category);
  const gtins = lines(answers.gtins).map((g) => g.replace(/[\s-]/g, ''));
  productDoc.gtins = gtins.length > 0 ? gtins : product.gtins;
  put(productDoc, 'hardwareVersion', a('hardwareVersion'));
  put(productDoc, 'firmwareVersion', a('firmwareVersion'));
  put(productDoc, 'batch', a('batch'));
  put(productDoc, 'cellular', yesNo(answers.cellular));
  put(productDoc, 'designedForChildrenUnder14', yesNo(answers.children));
  const passwords: Record<string, unknown> = {};
  put(passwords, 'usesPasswords', yesNo(answers.usesPasswords));
  put(passwords, 'scheme', answers.usesPasswords === 'no' ? 'none' : a('scheme'));
  if (answers.usesPasswords !== 'no' && a('scheme') === 'unique-per-device')
    put(passwords, 'generation', a('generation'));
  put(passwords, 'resettableToUniversalDefault', yesNo(answers.resettable));
  const disclosure: Record<string, unknown> = { contacts: lines(answers.contacts).map(contactFrom) };
  put(disclosure, 'policyUrl', a('policyUrl'));
  put(disclosure, 'acknowledgementWithinDays', whole(answers.ackDays));
  put(disclosure, 'statusUpdatesEveryDays', whole(answers.updateDays));
  put(disclosure, 'securityTxtUrl', a('securityTxtUrl'));
  const doc: Record<string, unknown> = {
    schemaVersion: SCHEMA_VERSION,
    manufacturer,
    product: productDoc,
    passwords,
    vulnerabilityDisclosure: disclosure,
  };
  const endDate = dateFrom(answers, 'endDate');
  if (endDate !== undefined || a('supportPublishedAt')) {
    const support: Record<string, unknown> = {};
    put(support, 'endDate', endDate);
    put(support, 'publishedAt', a('supportPublishedAt'));
    doc.supportPeriod = support;
  }
  const statements = a('catalog') ? statementsFrom(answers, a('catalog')) : {};
  if (a('catalog')) doc.provisions = { catalog: a('catalog'), statements };
  const signatory: Record<string, unknown> = {};
  put(signatory, 'name', a('signatoryName'));
  put(signatory, 'function', a('signatoryFunction'));
  put(signatory, 'place', a('signatoryPlace'));
  put(signatory, 'date', dateFrom(answers, 'signDate'));
  if (Object.keys(signatory).length > 0) doc.signatory = signatory;
  return doc;
}

/**
 * The provision statements: what earlier steps settle (they are the one place those are asked), then each
 * provision answered on its own, then "all implemented" for the rest of a clause where the person said so.
 */
function statementsFrom(answers: Answers, catalogId: string): Record<string, unknown> {
  const statements: Record<string, unknown> = {};
  for (const [key, status] of Object.entries(answers)) {
    if (!key.startsWith('s_') || status === '') continue;
    const id = key.slice(2);
    const text = (answers[`t_${id}`] ?? '').trim();
    const statement: Record<string, unknown> = { status };
    if (text) statement[status === 'not-applicable' ? 'justification' : 'detail'] = text;
    statements[id] = statement;
  }
  let catalog;
  try {
    catalog = getCatalog(catalogId);
  } catch {
    return statements; // an unknown catalog: parseDeclaration names it
  }
  for (const [id, derived] of derivedStatements(catalog, answers)) {
    const text = (answers[`t_${id}`] ?? '').trim();
    const statement: Record<string, unknown> = { status: derived.status };
    if (derived.justification) statement.justification = derived.justification;
    else if (text && derived.status !== 'not-applicable') statement.detail = text;
    statements[id] = statement;
  }
  for (const group of provisionGroups(catalog)) {
    if (answers[`g_${group.key}`] !== 'all') continue;
    for (const p of group.provisions) statements[p.id] ??= { status: 'implemented' };
  }
  return statements;
}

/** A submitted declaration as answers: amending starts from what was declared last time. */
export function documentToAnswers(doc: Declaration): Answers {
  const out: Answers = {};
  const set = (k: string, v: unknown) => {
    if (v !== undefined && v !== null) out[k] = typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v);
  };
  set('manufacturerName', doc.manufacturer?.name);
  set('manufacturerAddress', doc.manufacturer?.address);
  set('manufacturerWebsite', doc.manufacturer?.website);
  set('productName', doc.product.name);
  set('category', doc.product.category);
  out.gtins = (doc.product.gtins ?? []).join('\n');
  set('hardwareVersion', doc.product.hardwareVersion);
  set('firmwareVersion', doc.product.firmwareVersion);
  set('batch', doc.product.batch);
  set('cellular', doc.product.cellular);
  set('children', doc.product.designedForChildrenUnder14);
  set('usesPasswords', doc.passwords.usesPasswords);
  if (doc.passwords.scheme !== 'none') set('scheme', doc.passwords.scheme);
  set('generation', doc.passwords.generation);
  set('resettable', doc.passwords.resettableToUniversalDefault);
  out.contacts = (doc.vulnerabilityDisclosure.contacts ?? []).map(contactInWords).join('\n');
  set('policyUrl', doc.vulnerabilityDisclosure.policyUrl);
  set('ackDays', doc.vulnerabilityDisclosure.acknowledgementWithinDays);
  set('updateDays', doc.vulnerabilityDisclosure.statusUpdatesEveryDays);
  set('securityTxtUrl', doc.vulnerabilityDisclosure.securityTxtUrl);
  dateInto(out, 'endDate', doc.supportPeriod?.endDate);
  set('supportPublishedAt', doc.supportPeriod?.publishedAt);
  if (doc.provisions) {
    out.catalog = doc.provisions.catalog;
    for (const [id, s] of Object.entries(doc.provisions.statements)) {
      out[`s_${id}`] = s.status;
      const text = s.justification ?? s.detail;
      if (text) out[`t_${id}`] = text;
    }
  }
  set('signatoryName', doc.signatory?.name);
  set('signatoryFunction', doc.signatory?.function);
  set('signatoryPlace', doc.signatory?.place);
  return out;
}
