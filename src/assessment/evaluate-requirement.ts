// One requirement of a regime, judged against the declaration's facts. The regime's data names the check;
// this is the one place that knows what each check means.
import type { Regime, RequirementRule } from '../regimes/types.js';
import type { Requirement } from './assessment.js';
import type { Facts } from './facts.js';
import { contradictionReasons, evaluateGuideline, evaluateProvision, supportVerdict } from './provisions.js';
import { pstiPasswords, pstiReporting, pstiStatement, pstiSupportPeriod } from './psti.js';
import { craConformityRequirement, supportMinimum } from './cra.js';
import * as territory from './territory.js';

export function evaluateRequirement(rule: RequirementRule, facts: Facts, regime: Regime, at: string): Requirement {
  const category = facts.declaration.product.category;
  const applies =
    (rule.onlyCategories === undefined || rule.onlyCategories.includes(category)) &&
    !(rule.exceptCategories ?? []).includes(category);
  const r: Pick<Requirement, 'status' | 'reasons' | 'route'> = applies
    ? judge(rule, facts, regime, at)
    : { status: 'not-applicable', reasons: [`Does not apply to a product of category ${category}.`] };
  return {
    id: rule.id,
    title: rule.title,
    status: r.status,
    reasons: rule.unconfirmed ? [...r.reasons, rule.unconfirmed] : r.reasons,
    ...(r.route ? { route: r.route } : {}),
  };
}

function judge(
  rule: RequirementRule,
  facts: Facts,
  regime: Regime,
  at: string,
): Pick<Requirement, 'status' | 'reasons' | 'route'> {
  switch (rule.check) {
    case 'passwords':
      return verdict(
        facts.passwords,
        contradictionReasons(facts, ['passwords-unique', 'passwords-generation']),
        passwordsBasis(facts),
      );
    case 'disclosure-contact':
      return verdict(
        facts.contact,
        contradictionReasons(facts, ['vulnerability-disclosure']),
        `Published contact: ${facts.declaration.vulnerabilityDisclosure.contacts.join(', ')}.`,
      );
    case 'support-period': {
      const sp = facts.declaration.supportPeriod;
      const basis = sp
        ? `Security updates until ${sp.endDate}.${sp.endDate < at ? ` Support ended on ${sp.endDate}; the label shows that date.` : ''}`
        : '';
      return verdict(supportVerdict(facts), contradictionReasons(facts, ['support-period']), basis);
    }
    case 'guideline':
      return evaluateGuideline(facts, rule.guideline!);
    case 'provision': {
      const p = rule.provision!;
      const catalog = regime.catalog!;
      // A clause-level catalog (TS 103 645 V1.1.1) assessed from statements against another catalog:
      // the clause is its guideline's outcome, judged through that catalog's provisions.
      const clauseLevel = catalog.id === 'etsi-ts-103645-2019' || catalog.id === 'uk-cop-2018';
      if (clauseLevel && facts.catalog?.id !== catalog.id && p.guideline !== null)
        return evaluateGuideline(facts, p.guideline);
      return evaluateProvision(facts, catalog, p);
    }
    case 'psti-passwords':
      return pstiPasswords(facts, regime);
    case 'psti-reporting':
      return pstiReporting(facts, regime);
    case 'psti-support-period':
      return pstiSupportPeriod(facts, regime, at);
    case 'psti-statement':
      return pstiStatement(facts, regime, at);
    case 'unique-passwords':
      return territory.uniquePasswords(facts);
    case 'disclosure-policy':
      return territory.disclosurePolicy(facts);
    case 'cvd-policy':
      return territory.cvdPolicy(facts);
    case 'support-minimum':
      return supportMinimum(facts, rule, at);
    case 'crosswalk':
      return territory.crosswalk(facts, rule);
    case 'lab-report':
      return territory.labReport(facts, rule, regime, at);
    case 'statement-of-compliance':
      return territory.statementOfCompliance(facts, at);
    case 'manufacturer-contact':
      return territory.manufacturerContact(facts);
    case 'sbom':
      return territory.sbom(facts);
    case 'scheme-closed':
      return territory.schemeClosed(regime);
    case 'cra-conformity':
      return craConformityRequirement(facts, rule, regime, at);
    case 'unstated':
      return territory.unstated(rule);
  }
}

/** Met, or not applicable: what a pass needs of every requirement. */
export function isMet(r: Requirement | undefined): boolean {
  return r !== undefined && (r.status === 'met' || r.status === 'not-applicable');
}

function verdict(
  v: { ok: boolean; reasons: string[] },
  contradictions: string[],
  basis: string,
): Pick<Requirement, 'status' | 'reasons'> {
  const reasons = [...v.reasons, ...contradictions];
  return reasons.length > 0 ? { status: 'not-met', reasons } : { status: 'met', reasons: basis ? [basis] : [] };
}

function passwordsBasis(facts: Facts): string {
  const pw = facts.declaration.passwords;
  if (!pw.usesPasswords) return 'The product uses no passwords.';
  if (pw.scheme === 'user-defined')
    return 'The user sets the password; a factory reset does not restore a universal default.';
  return `Each unit has its own password (generated by ${pw.generation}); a factory reset does not restore a universal default.`;
}
