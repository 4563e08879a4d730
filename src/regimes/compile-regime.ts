// Turns a stored regime (OSCAL profile + outcome rules) into the engine's Regime, checking every rule
// against the catalogs it names. Runs once at start.
import { compileRoles } from './compile-roles.js';
import { isCalendarDate } from '../calendar.js';
import { RegimeDataInvalid } from './errors.js';
import { compileTerritory, compileTerritoryRule, TERRITORY_CHECKS } from './compile-territory.js';
import type { Catalog, CatalogId, CheckKind, LabelRule, Regime, RegimeKind, RequirementRule } from './types.js';

const KINDS = new Set<string>(['labelling', 'self-declaration', 'conformance', 'law']);
const CHECKS = new Set<string>([
  'passwords',
  'disclosure-contact',
  'support-period',
  'guideline',
  'psti-passwords',
  'psti-reporting',
  'psti-support-period',
  'psti-statement',
  'catalog-mandatory',
  ...TERRITORY_CHECKS,
]);
const ID = /^[a-z0-9][a-z0-9.-]*$/;

interface StoredRule {
  id?: unknown;
  title?: unknown;
  check?: unknown;
  guideline?: unknown;
  [territoryField: string]: unknown;
}
interface StoredRegime {
  id?: unknown;
  title?: unknown;
  kind?: unknown;
  summary?: unknown;
  effectiveFrom?: unknown;
  until?: unknown;
  nature?: unknown;
  profile?: unknown;
  roles?: unknown;
  rules?: {
    [territoryField: string]: unknown;
    requirements?: StoredRule[];
    label?: { issuedWhen?: unknown; tickWhen?: unknown; scheme?: unknown } | null;
    salesRestriction?: unknown;
    scope?: unknown;
    recommendationsFor?: unknown;
    deemedCompliance?: Regime['deemedCompliance'];
    inForce?: Regime['inForce'];
  };
}

export function compileRegime(file: string, document: unknown, catalogs: ReadonlyMap<CatalogId, Catalog>): Regime {
  const doc = document as StoredRegime;
  const problems: string[] = [];
  const rules = doc.rules;
  if (typeof doc.id !== 'string' || !ID.test(doc.id)) problems.push('id must be a lower-case token');
  if (typeof doc.title !== 'string' || typeof doc.summary !== 'string') problems.push('title and summary are required');
  if (typeof doc.kind !== 'string' || !KINDS.has(doc.kind))
    problems.push(`kind "${String(doc.kind)}" is not one of ${[...KINDS].join(', ')}`);
  if (typeof doc.profile !== 'object' || doc.profile === null || !('uuid' in doc.profile))
    problems.push('profile must be an OSCAL profile');
  if (doc.effectiveFrom !== undefined && !isCalendarDate(doc.effectiveFrom))
    problems.push('effectiveFrom must be YYYY-MM-DD');
  if (typeof rules !== 'object' || rules === null || !Array.isArray(rules.requirements))
    throw new RegimeDataInvalid(file, [...problems, 'rules.requirements is required']);

  const ownCatalog = catalogs.get(doc.id as CatalogId);
  const requirements: RequirementRule[] = [];
  for (const [i, rule] of rules.requirements.entries()) {
    if (typeof rule.check !== 'string' || !CHECKS.has(rule.check)) {
      problems.push(`requirement ${i}: unknown check "${String(rule.check)}"`);
      continue;
    }
    if (rule.check === 'catalog-mandatory') {
      // A conformance regime: one requirement per mandatory provision of its own catalog.
      if (!ownCatalog) problems.push(`requirement ${i}: catalog-mandatory needs a catalog with the regime's id`);
      for (const p of ownCatalog?.provisions ?? []) {
        if (p.status === 'M') requirements.push({ id: p.id, title: p.title, check: 'provision', provision: p });
      }
      continue;
    }
    if (typeof rule.id !== 'string' || typeof rule.title !== 'string')
      problems.push(`requirement ${i}: id and title are required`);
    const guideline = rule.guideline;
    if (
      rule.check === 'guideline' &&
      !(typeof guideline === 'number' && Number.isInteger(guideline) && guideline >= 1 && guideline <= 13)
    ) {
      problems.push(`requirement ${String(rule.id)}: guideline must be 1..13`);
    }
    requirements.push({
      id: String(rule.id),
      title: String(rule.title),
      check: rule.check as CheckKind,
      ...(typeof guideline === 'number' ? { guideline } : {}),
      ...compileTerritoryRule(rule, catalogs, problems),
    });
  }
  const ids = new Set(requirements.map((r) => r.id));
  if (ids.size !== requirements.length) problems.push('requirement ids must be unique');

  let label: LabelRule | null = null;
  if (rules.label) {
    const resolve = (v: unknown, what: string): string[] => {
      if (v === 'all') return [...ids];
      if (Array.isArray(v) && v.every((x) => typeof x === 'string' && ids.has(x))) return v as string[];
      problems.push(`label.${what} must be "all" or a list of requirement ids`);
      return [];
    };
    label = {
      issuedWhen: resolve(rules.label.issuedWhen, 'issuedWhen'),
      tickWhen: resolve(rules.label.tickWhen, 'tickWhen'),
      scheme: typeof rules.label.scheme === 'string' ? rules.label.scheme.trim() : '',
    };
    if (label.scheme === '' || label.scheme.length > 40)
      problems.push('label.scheme must name the scheme as the label prints it (1 to 40 characters)');
  }
  const sales = rules.salesRestriction;
  if (sales !== 'none' && sales !== 'labelled' && sales !== 'pass')
    problems.push('salesRestriction must be none, labelled or pass');
  if (sales === 'labelled' && label === null) problems.push('salesRestriction "labelled" needs a label rule');
  const scope = rules.scope ?? 'all';
  if (scope !== 'all' && scope !== 'psti-schedule-3' && scope !== 'territory')
    problems.push(`unknown scope "${String(scope)}"`);
  const recs = rules.recommendationsFor;
  if (!(recs === 'all' || (Array.isArray(recs) && recs.every((n) => Number.isInteger(n) && n >= 1 && n <= 13))))
    problems.push('recommendationsFor must be "all" or guideline numbers');
  const deemed = rules.deemedCompliance;
  if (deemed !== undefined && !catalogs.has(deemed.catalog))
    problems.push(`deemedCompliance.catalog "${deemed.catalog}" is not a catalog`);
  if (requirements.some((r) => r.check.startsWith('psti-')) && deemed === undefined)
    problems.push('PSTI checks need rules.deemedCompliance');
  for (const [rule, when] of Object.entries(rules.inForce ?? {}))
    if (!/^\d{4}-\d{2}-\d{2}$/.test(String(when?.from)) || typeof when?.by !== 'string')
      problems.push(`inForce.${rule} needs from (YYYY-MM-DD) and by`);
  const roles = compileRoles(doc.roles, String(doc.title), label !== null, problems);
  const territory = compileTerritory(doc, requirements, problems);
  if (problems.length > 0) throw new RegimeDataInvalid(file, problems);

  return {
    id: doc.id as string,
    title: doc.title as string,
    kind: doc.kind as RegimeKind,
    summary: doc.summary as string,
    ...(typeof doc.effectiveFrom === 'string' ? { effectiveFrom: doc.effectiveFrom } : {}),
    requirements,
    label,
    salesRestriction: sales as Regime['salesRestriction'],
    scope: scope as Regime['scope'],
    ...(ownCatalog ? { catalog: ownCatalog } : {}),
    recommendationsFor: recs as Regime['recommendationsFor'],
    ...(deemed ? { deemedCompliance: deemed } : {}),
    ...(rules.inForce ? { inForce: rules.inForce } : {}),
    ...territory,
    roles,
    profile: doc.profile,
  };
}
