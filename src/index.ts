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
// The registry as a library: open a database, build the services, serve them over HTTP.
export { openRegistry, createServices, systemActor, type Services, type Actor, type SellableAnswer, type ProductView, type DeclarationView } from './registry/index.js';
export { openStore, migrateToLatest, type Store, type StoreOptions } from './store/index.js';
export { buildApp, startServer, type HttpOptions } from './http/index.js';
