// The parts of a stored regime that territories need beyond the UK rulebooks: nature, dates and versions,
// scope exclusions, the radio presumption, levels, the mark a pass gives, obligations, and per rule its
// crosswalk onto EN 303 645 and its dates. Checked once at start like the rest of the regime.
import { isCalendarDate } from '../calendar.js';
import type {
  Catalog,
  CatalogId,
  CheckKind,
  Exclusion,
  MarkRule,
  Obligation,
  Regime,
  RegimeNature,
  RegimeVersion,
  RequirementRule,
} from './types.js';

export const TERRITORY_CHECKS: readonly CheckKind[] = [
  'unique-passwords',
  'disclosure-policy',
  'cvd-policy',
  'support-minimum',
  'crosswalk',
  'lab-report',
  'statement-of-compliance',
  'manufacturer-contact',
  'sbom',
  'scheme-closed',
  'cra-conformity',
  'unstated',
];

const NATURES = new Set<string>(['law', 'voluntary', 'proposal', 'standard']);
const FORMS = new Set<string>(['none', 'ce', 'mark-qr', 'asterisks', 'stars-registration', 'label-qr', 'label']);
const VERIFIERS = new Set<string>([
  'self',
  'lab-review',
  'lab-test',
  'notified-body',
  'authority-check',
  'inspection-body',
]);

type TerritoryParts = Pick<
  Regime,
  'nature' | 'versions' | 'obligations' | 'exclusions' | 'radio' | 'levelled' | 'mark' | 'until' | 'citedStandards'
>;

const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const text = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/** The rule-level territory fields of one stored requirement, checked against the catalogs. */
export function compileTerritoryRule(
  rule: Record<string, unknown>,
  catalogs: ReadonlyMap<CatalogId, Catalog>,
  problems: string[],
): Partial<RequirementRule> {
  const id = String(rule.id);
  const out: Partial<RequirementRule> = {};
  if (rule.from !== undefined) {
    if (isCalendarDate(rule.from)) out.from = rule.from;
    else problems.push(`requirement ${id}: from must be YYYY-MM-DD`);
  }
  // The crosswalk is what a "crosswalk" check judges; on other checks it records the mapping (OSCAL export).
  if (rule.check === 'crosswalk' || rule.crosswalk !== undefined) {
    const cw = rule.crosswalk as { catalog?: unknown; provisions?: unknown } | undefined;
    const catalog = catalogs.get(String(cw?.catalog) as CatalogId);
    if (!catalog) problems.push(`requirement ${id}: crosswalk.catalog "${String(cw?.catalog)}" is not a catalog`);
    else if (cw?.provisions === 'mandatory') out.crosswalk = { catalog, provisions: 'mandatory' };
    else if (strings(cw?.provisions) && cw.provisions.length > 0) {
      const unknown = cw.provisions.filter((p) => !catalog.byId.has(p));
      if (unknown.length > 0) problems.push(`requirement ${id}: ${unknown.join(', ')} not in ${catalog.id}`);
      out.crosswalk = { catalog, provisions: cw.provisions.flatMap((p) => catalog.byId.get(p) ?? []) };
    } else problems.push(`requirement ${id}: crosswalk.provisions must be "mandatory" or provision ids`);
  }
  if ((rule.check === 'lab-report' || rule.check === 'cra-conformity') && !text(rule.scheme))
    problems.push(`requirement ${id}: ${String(rule.check)} needs the scheme its report names`);
  if (text(rule.scheme)) out.scheme = rule.scheme;
  if (rule.check === 'support-minimum') {
    if (typeof rule.minimumYears === 'number' && Number.isInteger(rule.minimumYears) && rule.minimumYears > 0)
      out.minimumYears = rule.minimumYears;
    else problems.push(`requirement ${id}: support-minimum needs minimumYears (a whole number > 0)`);
  }
  if (rule.level !== undefined) {
    if (typeof rule.level === 'number' && Number.isInteger(rule.level) && rule.level >= 1) out.level = rule.level;
    else problems.push(`requirement ${id}: level must be a whole number >= 1`);
  }
  for (const key of ['onlyCategories', 'exceptCategories'] as const) {
    if (rule[key] === undefined) continue;
    if (strings(rule[key])) out[key] = rule[key];
    else problems.push(`requirement ${id}: ${key} must be a list of product categories`);
  }
  if (rule.check === 'unstated' && !text(rule.needs)) problems.push(`requirement ${id}: unstated needs "needs"`);
  if (text(rule.needs)) out.needs = rule.needs;
  if (rule.unconfirmed !== undefined) {
    if (text(rule.unconfirmed)) out.unconfirmed = rule.unconfirmed;
    else problems.push(`requirement ${id}: unconfirmed must be text`);
  }
  return out;
}

interface StoredTerritory {
  kind?: unknown;
  nature?: unknown;
  until?: unknown;
  effectiveFrom?: unknown;
  rules?: Record<string, unknown>;
}

/** The regime-level territory fields, with defaults that keep the UK rulebooks' meaning. */
export function compileTerritory(
  document: unknown,
  requirements: readonly RequirementRule[],
  problems: string[],
): TerritoryParts {
  const doc = document as StoredTerritory;
  const rules = doc.rules ?? {};
  const nature = doc.nature ?? defaultNature(doc.kind, rules.salesRestriction);
  if (typeof nature !== 'string' || !NATURES.has(nature))
    problems.push(`nature "${String(nature)}" is not one of ${[...NATURES].join(', ')}`);
  if (doc.until !== undefined && !isCalendarDate(doc.until)) problems.push('until must be YYYY-MM-DD');

  const versions: RegimeVersion[] = [];
  for (const [i, v] of (Array.isArray(rules.versions) ? rules.versions : []).entries()) {
    const e = v as Record<string, unknown>;
    if (!text(e.id) || !isCalendarDate(e.from) || !text(e.by) || !text(e.summary)) {
      problems.push(`versions ${i}: needs id, from (YYYY-MM-DD), by and summary`);
      continue;
    }
    if (versions.length > 0 && versions[versions.length - 1]!.from >= e.from)
      problems.push(`versions ${i}: versions must be listed oldest first`);
    versions.push({ id: e.id, from: e.from, by: e.by, summary: e.summary });
  }
  if (rules.versions !== undefined && !Array.isArray(rules.versions)) problems.push('versions must be a list');
  if (versions.length > 0 && typeof doc.effectiveFrom === 'string' && versions[0]!.from !== doc.effectiveFrom)
    problems.push('the first version must start on effectiveFrom');

  const obligations: Obligation[] = [];
  for (const [i, o] of (Array.isArray(rules.obligations) ? rules.obligations : []).entries()) {
    const e = o as Record<string, unknown>;
    if (!text(e.id) || !isCalendarDate(e.from) || !text(e.title) || !text(e.text))
      problems.push(`obligations ${i}: needs id, from (YYYY-MM-DD), title and text`);
    else obligations.push({ id: e.id, from: e.from, title: e.title, text: e.text });
  }

  const exclusions: Exclusion[] = [];
  for (const [i, x] of (Array.isArray(rules.exclusions) ? rules.exclusions : []).entries()) {
    const e = x as Record<string, unknown>;
    if (!strings(e.categories) || e.categories.length === 0 || !text(e.reason))
      problems.push(`exclusions ${i}: needs categories and reason`);
    else exclusions.push({ categories: e.categories, reason: e.reason });
  }
  if (exclusions.length > 0 && rules.scope !== 'territory') problems.push('exclusions need scope "territory"');

  const radio = (rules.radio ?? null) as Regime['radio'] | string | null;
  if (radio !== null && radio !== 'presumed') problems.push('radio must be "presumed" when given');
  const levelled = rules.levelled === true;
  if (levelled && requirements.some((r) => r.level === undefined))
    problems.push('a levelled regime needs a level on every requirement');
  if (levelled && !requirements.some((r) => r.level === 1)) problems.push('a levelled regime needs level 1 rules');

  let mark: MarkRule | null = null;
  if (rules.mark !== undefined && rules.mark !== null) {
    const m = rules.mark as Record<string, unknown>;
    const years = m.validityYears;
    const yearsOk =
      years === undefined || (Number.isInteger(years) && (years as number) >= 1 && (years as number) <= 20);
    if (!yearsOk) problems.push('mark validityYears must be a whole number of years from 1 to 20');
    if (!FORMS.has(String(m.form)) || !VERIFIERS.has(String(m.verifier)) || !text(m.validity) || !text(m.gives))
      problems.push(
        `mark needs form (${[...FORMS].join(', ')}), verifier (${[...VERIFIERS].join(', ')}), validity and gives`,
      );
    else if (yearsOk)
      mark = {
        form: m.form as MarkRule['form'],
        verifier: m.verifier as MarkRule['verifier'],
        validity: m.validity as string,
        ...(years === undefined ? {} : { validityYears: years as number }),
        gives: m.gives as string,
      };
  }
  const citedStandards: { reference: string; from: string }[] = [];
  for (const [i, c] of (Array.isArray(rules.citedStandards) ? rules.citedStandards : []).entries()) {
    const e = c as Record<string, unknown>;
    if (!text(e.reference) || !isCalendarDate(e.from)) problems.push(`citedStandards ${i}: needs reference and from`);
    else citedStandards.push({ reference: e.reference, from: e.from });
  }
  return {
    nature: nature as RegimeNature,
    citedStandards,
    ...(typeof doc.until === 'string' ? { until: doc.until } : {}),
    versions,
    obligations,
    exclusions,
    radio: radio === 'presumed' ? radio : null,
    levelled,
    mark,
  };
}

// Regime files written before natures existed keep their meaning: a law is a law, a conformance regime a
// standard, a rulebook that restricts nothing voluntary, and anything else a proposal.
function defaultNature(kind: unknown, sales: unknown): RegimeNature {
  if (kind === 'law') return 'law';
  if (kind === 'conformance') return 'standard';
  return sales === 'none' ? 'voluntary' : 'proposal';
}
