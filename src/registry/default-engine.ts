// The real assessment engine and rulebooks, as the registry's AssessmentEngine.
import {
  assessAll,
  assessDeclaration,
  declarationJsonSchema,
  parseDeclaration,
  PRODUCT_CATEGORIES,
} from '../assessment/index.js';
import { findRegimeSummary, getRegime, listRegimes } from '../regimes/index.js';
import type { AssessmentEngine } from './engine.js';

export const defaultEngine: AssessmentEngine = {
  parseDeclaration,
  assessAll: (declaration, options) =>
    assessAll(declaration, { at: options.at, ...(options.evidence ? { evidence: options.evidence } : {}) }),
  assessDeclaration,
  listRegimes,
  regimeSummary(regimeId) {
    // On the sellability hot path: findRegimeSummary keeps one lookup table per rulebook.
    const found = findRegimeSummary(regimeId);
    if (found) return found;
    getRegime(regimeId); // throws REGIME_UNKNOWN naming the known ids
    throw new Error(`unreachable: regime ${regimeId} is known but not listed`);
  },
  declarationJsonSchema,
  productCategories: PRODUCT_CATEGORIES,
};
