// declaration x regime x date -> assessment. Pure: the rulebook is compiled once, the date is passed in.
import { getRegime } from '../regimes/get-regime.js';
import type { Regime } from '../regimes/types.js';
import type { Assessment, EvidenceSummary, Label } from './assessment.js';
import type { Declaration } from './declaration.js';
import { isCalendarDate } from '../calendar.js';
import { DeclarationInvalid } from './errors.js';
import { evaluateRequirement, isMet } from './evaluate-requirement.js';
import { deriveFacts, type Facts } from './facts.js';
import { unmetRecommendations } from './provisions.js';
import { pstiOutOfScope } from './psti.js';
import { assessTerritory, versionApplied } from './assess-territory.js';

/** Assesses a parsed declaration against one regime on day `at` (YYYY-MM-DD). */
export function assessDeclaration(
  declaration: Declaration,
  regimeId: string,
  at: string,
  evidence?: EvidenceSummary,
): Assessment {
  checkDate(at);
  return assessWithFacts(deriveFacts(declaration, evidence), getRegime(regimeId), at);
}

export function checkDate(at: string): void {
  if (!isCalendarDate(at))
    throw new DeclarationInvalid([
      { path: '', message: `assessment date "${at}" is not a calendar date (YYYY-MM-DD)` },
    ]);
}

export function assessWithFacts(facts: Facts, regime: Regime, at: string): Assessment {
  if (regime.scope === 'territory') return assessTerritory(facts, regime, at);
  const findings = facts.findings;
  const excepted =
    regime.scope === 'psti-schedule-3' || regime.effectiveFrom ? pstiOutOfScope(facts, regime, at) : null;
  const version = versionApplied(regime, at);
  if (excepted !== null) {
    return {
      regime: regime.id,
      at,
      outcome: 'out-of-scope',
      sellable: true,
      label: null,
      requirements: [
        {
          id: 'scope',
          title: 'Products within the regime (Schedule 3: excepted products)',
          status: 'not-applicable',
          reasons: [excepted],
        },
      ],
      findings,
      recommendations: [],
      ...version,
    };
  }
  const requirements = regime.requirements.map((rule) => evaluateRequirement(rule, facts, regime, at));
  const holds = (ids: readonly string[]): boolean => ids.every((id) => isMet(requirements.find((r) => r.id === id)));
  const outcome = requirements.every(isMet) ? 'pass' : 'fail';
  let label: Label | null = null;
  const endDate = facts.declaration.supportPeriod?.endDate;
  if (regime.label && endDate !== undefined && holds(regime.label.issuedWhen)) {
    label = { shield: holds(regime.label.tickWhen) ? 'tick' : 'cross', supportEndDate: endDate };
  }
  const sellable =
    regime.salesRestriction === 'none' ||
    (regime.salesRestriction === 'labelled' ? label !== null : outcome === 'pass');
  const recommendations = unmetRecommendations(facts, regime.catalog ?? facts.catalog, regime.recommendationsFor);
  return { regime: regime.id, at, outcome, sellable, label, requirements, findings, recommendations, ...version };
}
