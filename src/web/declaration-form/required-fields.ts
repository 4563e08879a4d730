// Which of the form's fields the chosen rules need, derived from the rules themselves rather than a list in
// a view: a complete set of answers is assessed against each regime, then again with one field left empty;
// a field is required by a regime when leaving it empty turns one of that regime's requirements from met to
// not met (or the declaration parser refuses it, which every regime then needs). Computed once per regime,
// day and product type (scope can depend on the type), then cached.
import type { Declaration } from '../../assessment/index.js';
import { isIotlabelError } from '../../errors.js';
import { defaultDeclarationCatalog } from '../../regimes/index.js';
import type { AssessmentEngine } from '../../registry/index.js';
import { answersToDocument, type Answers, type ProductFacts } from './answers.js';
import { provisionGroups } from './provision-groups.js';

/**
 * The fields whose need is judged, each with the answer keys left empty to judge it (dates are three
 * boxes). The end date goes with where it is published: a support period without an end date is no period.
 */
const JUDGED: Readonly<Record<string, readonly string[]>> = {
  manufacturerName: ['manufacturerName'],
  manufacturerAddress: ['manufacturerAddress'],
  manufacturerWebsite: ['manufacturerWebsite'],
  productName: ['productName'],
  hardwareVersion: ['hardwareVersion'],
  firmwareVersion: ['firmwareVersion'],
  batch: ['batch'],
  cellular: ['cellular'],
  children: ['children'],
  contacts: ['contacts'],
  policyUrl: ['policyUrl'],
  ackDays: ['ackDays'],
  updateDays: ['updateDays'],
  securityTxtUrl: ['securityTxtUrl'],
  endDate: ['endDate-day', 'endDate-month', 'endDate-year', 'supportPublishedAt'],
  supportPublishedAt: ['supportPublishedAt'],
  signatoryName: ['signatoryName'],
  signatoryFunction: ['signatoryFunction'],
  signatoryPlace: ['signatoryPlace'],
  signDate: ['signDate-day', 'signDate-month', 'signDate-year'],
};

/** Answers that meet every rule the form can express. */
function completeAnswers(): Answers {
  const catalog = defaultDeclarationCatalog();
  const answers: Answers = {
    manufacturerName: 'Example Devices Ltd',
    manufacturerAddress: '1 High Street, London N1 1AA, United Kingdom',
    manufacturerWebsite: 'https://devices.example',
    productName: 'Example product',
    hardwareVersion: 'A1',
    firmwareVersion: '1.0.0',
    batch: '2026-W01',
    cellular: 'no',
    children: 'no',
    usesPasswords: 'yes',
    scheme: 'unique-per-device',
    generation: 'csprng',
    resettable: 'no',
    contacts: 'security@devices.example\nhttps://devices.example/security/report',
    policyUrl: 'https://devices.example/security/policy',
    ackDays: '5',
    updateDays: '30',
    securityTxtUrl: 'https://devices.example/.well-known/security.txt',
    'endDate-day': '31',
    'endDate-month': '12',
    'endDate-year': '2099',
    supportPublishedAt: 'https://devices.example/support',
    catalog: catalog.id,
    signatoryName: 'A Person',
    signatoryFunction: 'Head of Product Security',
    signatoryPlace: 'London',
    'signDate-day': '1',
    'signDate-month': '1',
    'signDate-year': '2026',
  };
  for (const group of provisionGroups(catalog)) answers[`g_${group.key}`] = 'all';
  return answers;
}

/** "the parser" stands for every regime: a declaration without the field cannot be submitted at all. */
export const EVERY_DECLARATION = '*';

export type FieldNeeds = Record<string, string[]>;

/** Stands for "no rules chosen": only the parser's needs are judged. */
const PARSER_ONLY = '';

export function createRequiredFields(engine: Pick<AssessmentEngine, 'parseDeclaration' | 'assessDeclaration'>) {
  const cache = new Map<string, FieldNeeds>();

  const metIds = (declaration: Declaration, regime: string, at: string): Set<string> =>
    new Set(
      engine
        .assessDeclaration(declaration, regime, at)
        .requirements.filter((r) => r.status === 'met')
        .map((r) => r.id),
    );

  /** The parsed declaration, or null when the parser refuses it. */
  function parsed(doc: Record<string, unknown>): Declaration | null {
    try {
      return engine.parseDeclaration(doc);
    } catch (error) {
      if (isIotlabelError(error)) return null;
      throw error;
    }
  }

  /** Field -> the regimes among `regimes` that need it (EVERY_DECLARATION when the parser does). */
  function needsOf(regime: string, at: string, product: ProductFacts): FieldNeeds {
    const key = `${regime}|${at}|${product.category}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const complete = completeAnswers();
    const base = parsed(answersToDocument(complete, product));
    const met = base === null || regime === PARSER_ONLY ? new Set<string>() : metIds(base, regime, at);
    const needs: FieldNeeds = {};
    for (const [field, keys] of Object.entries(JUDGED)) {
      const without = { ...complete };
      for (const k of keys) without[k] = '';
      const declaration = parsed(answersToDocument(without, product));
      if (declaration === null) {
        needs[field] = [EVERY_DECLARATION];
        continue;
      }
      if (met.size === 0) continue;
      const after = metIds(declaration, regime, at);
      if ([...met].some((id) => !after.has(id))) needs[field] = [regime];
    }
    if (cache.size > 500) cache.clear();
    cache.set(key, needs);
    return needs;
  }

  /** For the chosen regimes: each judged field -> which of them need it ([] = optional for all of them). */
  return function requiredFields(regimes: readonly string[], at: string, product: ProductFacts): FieldNeeds {
    const out: FieldNeeds = Object.fromEntries(Object.keys(JUDGED).map((f) => [f, []]));
    // The parser's own needs hold whatever the rules: judge them even when no rules are chosen.
    for (const regime of regimes.length === 0 ? [PARSER_ONLY] : regimes)
      for (const [field, by] of Object.entries(needsOf(regime, at, product)))
        for (const id of by) if (!out[field]!.includes(id)) out[field]!.push(id);
    for (const field of Object.keys(out)) if (out[field]!.includes(EVERY_DECLARATION)) out[field] = [EVERY_DECLARATION];
    return out;
  };
}
