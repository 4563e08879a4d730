// A territory regime on one day: its scope, the rules in force then (each rule may carry its own date), the
// level reached for levelled schemes, the mark a pass gives, the obligations in force and, for the CRA, the
// product's class and conformity routes. Laws restrict sale; voluntary schemes never do.
import type { Regime } from '../regimes/types.js';
import type { Assessment, Requirement } from './assessment.js';
import { craConformity } from './cra.js';
import { evaluateRequirement, isMet } from './evaluate-requirement.js';
import type { Facts } from './facts.js';
import { radioRequirement, territoryOutOfScope } from './territory.js';

/** The latest version of the regime's rules in force on `at`, as the assessment names it. */
export function versionApplied(regime: Regime, at: string): Pick<Assessment, 'version'> {
  const v = regime.versions.filter((x) => x.from <= at).at(-1);
  return v ? { version: { id: v.id, from: v.from, by: v.by } } : {};
}

export function assessTerritory(facts: Facts, regime: Regime, at: string): Assessment {
  const base = {
    regime: regime.id,
    at,
    label: null,
    findings: facts.findings,
    recommendations: [],
    ...versionApplied(regime, at),
  };
  const outside = territoryOutOfScope(facts, regime, at);
  if (outside !== null)
    return {
      ...base,
      outcome: 'out-of-scope',
      sellable: true,
      requirements: [
        { id: 'scope', title: 'Products within the regime', status: 'not-applicable', reasons: [outside] },
      ],
      ...(regime.levelled ? { level: 0 } : {}),
      ...(regime.mark ? { mark: null } : {}),
    };

  const inForce = regime.requirements.filter((rule) => rule.from === undefined || rule.from <= at);
  const requirements: Requirement[] = inForce.map((rule) => evaluateRequirement(rule, facts, regime, at));
  if (inForce.length === 0) {
    const next = regime.requirements
      .map((r) => r.from)
      .filter((f): f is string => f !== undefined && f > at)
      .sort()[0];
    requirements.push({
      id: 'product-requirements',
      title: 'Product requirements',
      status: 'not-applicable',
      reasons: [
        `No product requirement applies on ${at}${next ? `; they apply to units placed on the market from ${next}` : ''}. The obligations in force are listed with the assessment.`,
      ],
    });
  }
  const scoped = regime.radio === 'presumed' ? [radioRequirement(facts), ...requirements] : requirements;

  let level: number | undefined;
  let outcome: Assessment['outcome'];
  if (regime.levelled) {
    level = levelReached(inForce.map((rule, i) => ({ level: rule.level!, met: isMet(requirements[i]) })));
    outcome = level >= 1 ? 'pass' : 'fail';
  } else outcome = requirements.every(isMet) ? 'pass' : 'fail';

  const obligations = regime.obligations.filter((o) => o.from <= at).map((o) => ({ ...o }));
  const conformity = inForce.some((r) => r.check === 'cra-conformity')
    ? craConformity(facts.declaration, regime, at)
    : null;
  return {
    ...base,
    outcome,
    // A law forbids selling what fails it; a voluntary label only withholds the label.
    sellable: regime.nature !== 'law' || outcome === 'pass',
    requirements: scoped,
    ...(level !== undefined ? { level } : {}),
    // A pass with no product rule yet in force (the CRA before 11 Dec 2027) earns no mark.
    ...(regime.mark
      ? {
          mark:
            outcome === 'pass' && inForce.length > 0
              ? { ...regime.mark, ...(level !== undefined ? { level } : {}) }
              : null,
        }
      : {}),
    ...(obligations.length > 0 ? { obligations } : {}),
    ...(conformity ? { conformity } : {}),
  };
}

/** The highest level whose rules, and every lower level's, are all met (0 when level 1 is not). */
function levelReached(rules: { level: number; met: boolean }[]): number {
  const levels = [...new Set(rules.map((r) => r.level))].sort((a, b) => a - b);
  let reached = 0;
  for (const l of levels) {
    if (!rules.filter((r) => r.level === l).every((r) => r.met)) break;
    reached = l;
  }
  return reached;
}
