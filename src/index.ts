// The library surface for other programs: assessment, label verification and the transparency log.
export { IotlabelError, ERROR_CATALOGUE, type ErrorCode } from './errors.js';
export {
  parseDeclaration,
  declarationJsonSchema,
  assessDeclaration,
  assessAll,
  DeclarationInvalid,
  type Declaration,
  type DeclarationProblem,
  type Assessment,
  type Requirement,
  type Finding,
  type Recommendation,
  type EvidenceSummary,
} from './assessment/index.js';
export { listRegimes, getRegime, getCatalog, type RegimeSummary, type Regime, type Catalog, type Provision } from './regimes/index.js';
