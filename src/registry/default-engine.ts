// The real assessment engine and rulebooks, as the registry's AssessmentEngine.
import { assessAll, assessDeclaration, declarationJsonSchema, parseDeclaration, PRODUCT_CATEGORIES } from '../assessment/index.js';
import { getRegime, listRegimes } from '../regimes/index.js';
import type { AssessmentEngine } from './engine.js';

export const defaultEngine: AssessmentEngine = {
  parseDeclaration,
  assessAll: (declaration, options) => assessAll(declaration, { at: options.at }),
  assessDeclaration,
  listRegimes,
  regimeSummary(regimeId) {
    getRegime(regimeId); // throws REGIME_UNKNOWN naming the known ids
    return listRegimes().find((r) => r.id === regimeId)!;
  },
  declarationJsonSchema,
  productCategories: PRODUCT_CATEGORIES,
};
