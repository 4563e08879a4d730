// Checks the declaration form with the registry's own parser. A step is checked on its own by filling the
// other steps' sections with neutral valid values, so parseDeclaration's deeper checks (GS1 check digits,
// real dates, provision ids) run for the step a person is on without waiting for the rest.
import { isIotlabelError } from '../../errors.js';
import type { AssessmentEngine } from '../../registry/index.js';
import { answersToDocument, type Answers, type ProductFacts } from './answers.js';
import { formError, type FormError, type StepId } from './fields.js';

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
  return problemsOf(engine, doc).filter((e) => e.step === step);
}

/** The problems with the whole declaration, in step order. */
export function allErrors(engine: AssessmentEngine, answers: Answers, product: ProductFacts): FormError[] {
  return problemsOf(engine, answersToDocument(answers, product));
}
