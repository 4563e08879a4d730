// The real assessment engine and rulebooks, as the registry's AssessmentEngine.
import {
  assessAll,
  assessDeclaration,
  declarationJsonSchema,
  parseDeclaration,
  PRODUCT_CATEGORIES,
} from '../assessment/index.js';
import { getRegime, listRegimes } from '../regimes/index.js';
import type { AssessmentEngine, RegimeSummary } from './engine.js';

let summaries: Map<string, RegimeSummary> | undefined;

export const defaultEngine: AssessmentEngine = {
  parseDeclaration,
  assessAll: (declaration, options) =>
    assessAll(declaration, { at: options.at, ...(options.evidence ? { evidence: options.evidence } : {}) }),
  assessDeclaration,
  listRegimes,
  regimeSummary(regimeId) {
    // On the sellability hot path: the rulebooks are fixed for the life of the process, so look up once.
    summaries ??= new Map(listRegimes().map((r) => [r.id, r]));
    const found = summaries.get(regimeId);
    if (found) return found;
    getRegime(regimeId); // throws REGIME_UNKNOWN naming the known ids
    throw new Error(`unreachable: regime ${regimeId} is known but not listed`);
  },
  declarationJsonSchema,
  productCategories: PRODUCT_CATEGORIES,
};
