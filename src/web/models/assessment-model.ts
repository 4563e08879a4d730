// Assessments in words, for pages: outcome and requirement statuses as plain English with a tag colour.
import type { Assessment, AssessmentEngine } from '../../registry/engine.js';
import { compareForDisplay, ukRegimeIds } from '../../regimes/index.js';

const OUTCOME: Record<string, { text: string; colour: string }> = {
  pass: { text: 'Meets the rules', colour: 'green' },
  fail: { text: 'Does not meet the rules', colour: 'red' },
  'out-of-scope': { text: 'Not covered by these rules', colour: 'grey' },
};

const STATUS: Record<string, { text: string; colour: string }> = {
  met: { text: 'Met', colour: 'green' },
  'not-met': { text: 'Not met', colour: 'red' },
  'not-applicable': { text: 'Does not apply', colour: 'grey' },
  'not-declared': { text: 'Not declared', colour: 'yellow' },
};

export interface RegimeModel {
  id: string;
  title: string;
  outcome: { text: string; colour: string };
  sellable: boolean;
  salesRestriction: boolean;
  label: Assessment['label'];
  requirements: {
    id: string;
    title: string;
    status: { text: string; colour: string };
    reasons: string[];
    failing: boolean;
  }[];
  toFix: { id: string; title: string; reasons: string[] }[];
  findings: Assessment['findings'];
}

export function regimeModel(a: Assessment, engine: AssessmentEngine): RegimeModel {
  let title = a.regime;
  let salesRestriction = false;
  try {
    const summary = engine.regimeSummary(a.regime);
    title = summary.title;
    salesRestriction = summary.salesRestriction;
  } catch {
    // A regime retired from the rulebooks still shows, under its id.
  }
  const requirements = a.requirements.map((r) => ({
    id: r.id,
    title: r.title,
    status: STATUS[r.status] ?? { text: r.status, colour: 'grey' },
    reasons: r.reasons,
    failing: r.status === 'not-met' || r.status === 'not-declared',
  }));
  return {
    id: a.regime,
    title,
    outcome: OUTCOME[a.outcome] ?? { text: a.outcome, colour: 'grey' },
    sellable: a.sellable,
    salesRestriction,
    label: a.label,
    requirements,
    toFix: requirements.filter((r) => r.failing).map((r) => ({ id: r.id, title: r.title, reasons: r.reasons })),
    findings: a.findings,
  };
}

/** In the rulebook's display order: the UK regimes first (the enacted law, then the 2019 options), then the standards. */
export function orderedRegimes(
  assessments: readonly Assessment[],
  engine: AssessmentEngine,
  ukOnly = false,
): RegimeModel[] {
  const uk = ukOnly ? new Set(ukRegimeIds()) : null;
  return assessments
    .filter((a) => uk === null || uk.has(a.regime))
    .slice()
    .sort((a, b) => compareForDisplay(a.regime, b.regime))
    .map((a) => regimeModel(a, engine));
}
