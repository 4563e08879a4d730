// What the registry needs from the pure assessment engine and the rulebooks. Passed in (services.ts wires
// the real modules) so use cases stay testable and the registry states exactly which calls it relies on.
import type { Assessment, EvidenceSummary } from '../assessment/index.js';
import type { Declaration } from '../assessment/index.js';
import type { RegimeSummary } from '../regimes/index.js';

export interface AssessmentEngine {
  /** Throws DECLARATION_INVALID with problems [{path, message}]. GTINs come back as 14 digits. */
  parseDeclaration(value: unknown): Declaration;
  assessAll(declaration: Declaration, options: { at: string; evidence?: EvidenceSummary | undefined }): Assessment[];
  /** Throws REGIME_UNKNOWN. */
  assessDeclaration(declaration: Declaration, regimeId: string, at: string, evidence?: EvidenceSummary): Assessment;
  listRegimes(): RegimeSummary[];
  /** Throws REGIME_UNKNOWN. */
  regimeSummary(regimeId: string): RegimeSummary;
  declarationJsonSchema: unknown;
  productCategories: readonly string[];
}

export type { Assessment, Declaration, RegimeSummary };
