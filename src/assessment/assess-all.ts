import { rulebook } from '../regimes/rulebook.js';
import { getRegime } from '../regimes/get-regime.js';
import type { Assessment, EvidenceSummary } from './assessment.js';
import type { Declaration } from './declaration.js';
import { assessWithFacts, checkDate } from './assess-declaration.js';
import { todayUtc } from '../calendar.js';
import { deriveFacts } from './facts.js';

export interface AssessAllOptions {
  /** Regime ids; default every regime the rulebook knows. */
  regimes?: string[];
  /** YYYY-MM-DD; default today (UTC). */
  at?: string;
  evidence?: EvidenceSummary;
}

/** Assesses one declaration against several regimes, working out its facts once. */
export function assessAll(declaration: Declaration, options: AssessAllOptions = {}): Assessment[] {
  const at = options.at ?? todayUtc();
  checkDate(at);
  const regimes = (options.regimes ?? [...rulebook().regimes.keys()]).map(getRegime);
  const facts = deriveFacts(declaration, options.evidence);
  return regimes.map((regime) => assessWithFacts(facts, regime, at));
}
