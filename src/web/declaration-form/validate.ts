// Checks the declaration form with the registry's own parser. A step is checked on its own by filling the
// other steps' sections with neutral valid values, so parseDeclaration's deeper checks (GS1 check digits,
// real dates, provision ids) run for the step a person is on without waiting for the rest.
import { isIotlabelError } from '../../errors.js';
import type { AssessmentEngine } from '../../registry/index.js';
import { answersToDocument, type Answers, type ProductFacts } from './answers.js';
import { STEPS, formError, type FormError, type StepId } from './fields.js';

const NEUTRAL: Record<string, unknown> = {
  passwords: { usesPasswords: false, scheme: 'none' },
  vulnerabilityDisclosure: { contacts: [] },
};

function problemsOf(engine: AssessmentEngine, doc: unknown): FormError[] {
  try {
    engine.parseDeclaration(doc);
    return [];
  } catch (error) {
    if (!isIotlabelError(error) || error.problems.length === 0) throw error;
    return error.problems.map((p) => formError(p.path ?? '', p.message));
  }
}

const DATES: readonly { prefix: string; step: StepId; label: string }[] = [
  { prefix: 'endDate', step: 'support', label: 'Date security updates end' },
  { prefix: 'signDate', step: 'signatory', label: 'Date of signing' },
];

/**
 * The day/month/year boxes checked as boxes, the GOV.UK way ("must include a month"), before the parser
 * sees the date they make: it can only say the whole date is wrong.
 */
function dateBoxErrors(answers: Answers): FormError[] {
  const out: FormError[] = [];
  for (const { prefix, step, label } of DATES) {
    const parts = (['day', 'month', 'year'] as const).map((part) => ({
      part,
      value: (answers[`${prefix}-${part}`] ?? '').trim(),
    }));
    if (parts.every((p) => p.value === '')) continue;
    const missing = parts.filter((p) => p.value === '').map((p) => p.part);
    const error = (text: string, part: string) => out.push({ step, field: prefix, href: `${prefix}-${part}`, text });
    if (missing.length > 0) error(`${label} must include a ${missing.join(' and a ')}`, missing[0]!);
    else {
      const wrong = parts.find((p) => !/^\d+$/.test(p.value) || (p.part === 'year' && p.value.length !== 4));
      if (wrong) error(`${label} must be a real date, in numbers, like 31 12 2030`, wrong.part);
    }
  }
  return out;
}

/** Parser problems, except those on a field whose boxes already have a problem of their own. */
function withDateBoxes(answers: Answers, problems: FormError[]): FormError[] {
  const boxes = dateBoxErrors(answers);
  const covered = new Set(boxes.map((e) => e.field));
  return [...problems.filter((e) => !covered.has(e.field)), ...boxes];
}

/** The problems with one step's answers. */
export function stepErrors(
  engine: AssessmentEngine,
  step: StepId,
  answers: Answers,
  product: ProductFacts,
): FormError[] {
  const doc = answersToDocument(answers, product);
  if (step !== 'product') (doc.manufacturer as Record<string, unknown>).name ??= 'x';
  if (step !== 'passwords') doc.passwords = NEUTRAL.passwords;
  if (step !== 'disclosure') doc.vulnerabilityDisclosure = NEUTRAL.vulnerabilityDisclosure;
  if (step !== 'support') delete doc.supportPeriod;
  if (step !== 'provisions') delete doc.provisions;
  if (step !== 'signatory') delete doc.signatory;
  return withDateBoxes(answers, problemsOf(engine, doc)).filter((e) => e.step === step);
}

/** The problems with the whole declaration, in step order. */
export function allErrors(engine: AssessmentEngine, answers: Answers, product: ProductFacts): FormError[] {
  const order = (e: FormError) => STEPS.findIndex((s) => s.id === e.step);
  return withDateBoxes(answers, problemsOf(engine, answersToDocument(answers, product))).sort(
    (a, b) => order(a) - order(b),
  );
}
