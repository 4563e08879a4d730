// Provision-level evaluation: finds the declaration's statement for a provision (across EN 303 645
// versions where ids were split or voided), decides met / not-met / not-applicable / not-declared, and
// rolls provisions up to Code of Practice guidelines.
import type { Catalog, ConditionFact, Provision, ProvisionTopic } from '../regimes/types.js';
import type { Recommendation, Requirement, RequirementStatus } from './assessment.js';
import type { ProvisionStatement, StatementStatus } from './declaration.js';
import type { Facts } from './facts.js';
import { invalidNotApplicable } from './applicability.js';

type Result = Pick<Requirement, 'status' | 'reasons'>;

const TOPIC_GROUP: Record<ProvisionTopic, ProvisionTopic[]> = {
  'passwords-unique': ['passwords-unique', 'passwords-generation'],
  'passwords-generation': ['passwords-unique', 'passwords-generation'],
  'vulnerability-disclosure': ['vulnerability-disclosure'],
  'support-period': ['support-period'],
  'recommendation-justifications': [],
};

/** Contradiction messages touching any of `topics`, phrased as reasons. */
export function contradictionReasons(facts: Facts, topics: readonly ProvisionTopic[]): string[] {
  return topics
    .flatMap((t) => facts.contradictions.get(t) ?? [])
    .map((m) => `The declaration contradicts itself: ${m} Correct whichever statement is wrong.`);
}

/** The declaration's statement for provision `p` of `catalog`, translating between EN 303 645 versions. */
export function statementFor(facts: Facts, catalog: Catalog, p: Provision): ProvisionStatement | undefined {
  const declared = facts.declaration.provisions;
  if (!declared || !facts.catalog) return undefined;
  const own = declared.statements[p.id];
  if (facts.catalog.id === catalog.id || own !== undefined) return facts.catalog.byId.has(p.id) ? own : undefined;
  // V3 split a V2 provision into A/B parts: assess the V2 provision from the parts...
  const declaredP = facts.catalog.byId.get(p.id);
  if (declaredP?.status === 'withdrawn') return combine(declaredP.replacedBy.map((id) => declared.statements[id]));
  // ...and a V3 part from the V2 provision it came from.
  const parent = catalog.replaces.get(p.id);
  return parent ? declared.statements[parent.id] : undefined;
}

function combine(parts: (ProvisionStatement | undefined)[]): ProvisionStatement | undefined {
  if (parts.some((s) => s === undefined)) return undefined;
  const statuses = new Set<StatementStatus>(parts.map((s) => s!.status));
  if (statuses.has('not-implemented')) return { status: 'not-implemented' };
  if (statuses.size === 1 && statuses.has('not-applicable'))
    return { status: 'not-applicable', justification: parts.map((s) => s!.justification).join('; ') };
  return { status: 'implemented' };
}

/** A mandatory provision of `catalog`, judged from the declaration's statements and structured sections. */
export function evaluateProvision(facts: Facts, catalog: Catalog, p: Provision): Result {
  if (p.topic === 'recommendation-justifications') return evaluateJustifications(facts, catalog, p);
  const contradictions = p.topic ? contradictionReasons(facts, TOPIC_GROUP[p.topic]) : [];
  if (contradictions.length > 0) return { status: 'not-met', reasons: contradictions };
  const against = p.topic ? (facts.evidenceAgainst.get(p.topic) ?? []) : [];
  if (against.length > 0) return { status: 'not-met', reasons: against };
  const s = statementFor(facts, catalog, p);
  const label = `${p.id} (${p.title.charAt(0).toLowerCase()}${p.title.slice(1)})`;
  if (s === undefined) {
    const derived = derivedFromSections(facts, p);
    if (derived) return derived;
    return {
      status: 'not-declared',
      reasons: [`Declare ${label} in provisions.statements: implemented, or not-applicable with a justification.`],
    };
  }
  if (s.status === 'implemented') return { status: 'met', reasons: [] };
  if (s.status === 'not-implemented')
    return {
      status: 'not-met',
      reasons: [`${label} is mandatory and declared not implemented. Implement it before declaring conformance.`],
    };
  const invalid = invalidNotApplicable(facts.declaration, facts.catalog, catalog, p);
  if (invalid) return { status: 'not-met', reasons: [invalid] };
  return {
    status: 'not-applicable',
    reasons: [`Not applicable: ${s.justification ?? 'justified in the declaration'}.`],
  };
}

/** Top-three provisions a declaration need not state separately: its structured sections already say it. */
function derivedFromSections(facts: Facts, p: Provision): Result | null {
  const d = facts.declaration;
  const uses = d.passwords.usesPasswords;
  const dependsOn = (fact: ConditionFact): boolean => p.dependsOn.some((c) => c.fact === fact);
  if (dependsOn('passwords-used') && !uses)
    return { status: 'not-applicable', reasons: ['Not applicable: the product uses no passwords.'] };
  if (dependsOn('preinstalled-unique-passwords') && (!uses || d.passwords.scheme !== 'unique-per-device')) {
    return {
      status: 'not-applicable',
      reasons: ['Not applicable: the product has no pre-installed per-unit passwords.'],
    };
  }
  const clauseLevel = facts.catalog === null || p.oscalId.startsWith('cop-') || p.oscalId.startsWith('ts-');
  const from = (ok: boolean, reasons: string[]): Result =>
    ok ? { status: 'met', reasons: [] } : { status: 'not-met', reasons };
  switch (p.topic) {
    case 'passwords-unique':
      return clauseLevel
        ? from(facts.passwords.ok, facts.passwords.reasons)
        : from(facts.passwordsOutsideFactoryDefault.ok, facts.passwordsOutsideFactoryDefault.reasons);
    case 'passwords-generation':
      return from(facts.passwordsOutsideFactoryDefault.ok, facts.passwordsOutsideFactoryDefault.reasons);
    case 'vulnerability-disclosure':
      return clauseLevel
        ? from(facts.contact.ok, facts.contact.reasons)
        : from(facts.disclosurePolicy.ok, facts.disclosurePolicy.reasons);
    case 'support-period':
      return from(d.supportPeriod !== undefined, [
        'Publish the date security updates end and declare it as supportPeriod.endDate.',
      ]);
    default:
      return null;
  }
}

/** V3.1.3 5.0-1: every recommendation not implemented needs a recorded justification. */
function evaluateJustifications(facts: Facts, catalog: Catalog, p: Provision): Result {
  const s = statementFor(facts, catalog, p);
  if (s?.status === 'not-applicable')
    return { status: 'not-met', reasons: [invalidNotApplicable(facts.declaration, facts.catalog, catalog, p)!] };
  if (s?.status === 'not-implemented')
    return {
      status: 'not-met',
      reasons: [
        `${p.id} is mandatory and declared not implemented. Record a justification for every recommendation you do not follow.`,
      ],
    };
  const missing = catalog.provisions
    .filter((q) => q.status === 'R')
    .filter((q) => {
      const st = statementFor(facts, catalog, q);
      return st === undefined || (st.status !== 'implemented' && !st.justification);
    });
  if (missing.length === 0) return { status: 'met', reasons: [] };
  const ids = missing.map((q) => q.id);
  return {
    status: 'not-met',
    reasons: [
      `${p.id} requires a justification for each recommendation not followed. Declare these as implemented, or give a justification: ${ids.join(', ')}.`,
    ],
  };
}

/**
 * A Code of Practice guideline, met when every mandatory provision serving it in the declaration's catalog
 * is implemented or validly not applicable, and (for guidelines 1 to 3) the structured sections agree.
 */
export function evaluateGuideline(facts: Facts, n: number): Result {
  const reasons: string[] = [];
  let status: RequirementStatus = 'met';
  const worse = (s: RequirementStatus): void => {
    if (s === 'not-met' || (s === 'not-declared' && status === 'met')) status = s;
  };
  const structured = n === 1 ? facts.passwords : n === 2 ? facts.contact : n === 3 ? supportVerdict(facts) : null;
  if (structured && !structured.ok) {
    worse('not-met');
    reasons.push(...structured.reasons);
  }
  const topics: ProvisionTopic[] =
    n === 1
      ? ['passwords-unique', 'passwords-generation']
      : n === 2
        ? ['vulnerability-disclosure']
        : n === 3
          ? ['support-period']
          : [];
  const contradictions = contradictionReasons(facts, topics);
  if (contradictions.length > 0) {
    worse('not-met');
    reasons.push(...contradictions);
  }
  if (!facts.catalog) {
    worse('not-declared');
    reasons.push(
      `Declare the provisions serving guideline ${n}: add a provisions section naming a catalog (for example etsi-en-303645-v2.1.1) with a statement for each mandatory provision.`,
    );
    return { status, reasons };
  }
  for (const p of facts.catalog.provisions) {
    if (p.guideline !== n || p.status !== 'M') continue;
    const r = evaluateProvision({ ...facts, contradictions: new Map() }, facts.catalog, p);
    worse(r.status);
    if (r.status === 'not-met' || r.status === 'not-declared')
      reasons.push(...r.reasons.filter((x) => !reasons.includes(x)));
  }
  // A guideline served only by recommendations is not passed by default: all 13 must hold (Option C).
  const served = facts.catalog.provisions.filter((p) => p.guideline === n && p.status !== 'withdrawn');
  if (!served.some((p) => p.status === 'M')) {
    for (const p of served) {
      const r = evaluateRecommendation(facts, facts.catalog, p, n);
      if (r) {
        worse(r.status);
        reasons.push(...r.reasons);
      }
    }
  }
  return { status, reasons };
}

/** A recommendation carrying a guideline alone: implemented, or validly not applicable with a justification. */
function evaluateRecommendation(facts: Facts, catalog: Catalog, p: Provision, n: number): Result | null {
  const s = statementFor(facts, catalog, p);
  const why = `Guideline ${n} rests on recommendations only, so each must be implemented or validly not applicable.`;
  if (s === undefined)
    return {
      status: 'not-declared',
      reasons: [
        `${why} Declare ${p.id} in provisions.statements: implemented, or not-applicable with a justification.`,
      ],
    };
  if (s.status === 'implemented') return null;
  if (s.status === 'not-implemented')
    return { status: 'not-met', reasons: [`${why} ${p.id} is declared not implemented.`] };
  const invalid = invalidNotApplicable(facts.declaration, facts.catalog, catalog, p);
  if (invalid || !s.justification)
    return { status: 'not-met', reasons: [`${why} ${invalid ?? `${p.id} has no justification.`}`] };
  return null;
}

export function supportVerdict(facts: Facts): { ok: boolean; reasons: string[] } {
  return facts.declaration.supportPeriod
    ? { ok: true, reasons: [] }
    : {
        ok: false,
        reasons: [
          'Declare the date security updates end (supportPeriod.endDate) and publish it. Without a support period there is no label.',
        ],
      };
}

/** Recommended provisions of `catalog` serving `guidelines` that are not implemented. */
export function unmetRecommendations(
  facts: Facts,
  catalog: Catalog | null,
  guidelines: readonly number[] | 'all',
): Recommendation[] {
  if (!catalog) return [];
  const out: Recommendation[] = [];
  for (const p of catalog.provisions) {
    if (p.status !== 'R') continue;
    if (guidelines !== 'all' && (p.guideline === null || !guidelines.includes(p.guideline))) continue;
    const s = statementFor(facts, catalog, p);
    if (s?.status === 'implemented' || s?.status === 'not-applicable') continue;
    out.push({
      id: p.id,
      title: p.title,
      status: s ? 'not-implemented' : 'not-declared',
      ...(s?.justification ? { justification: s.justification } : {}),
    });
  }
  return out;
}
