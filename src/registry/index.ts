// The registry's surface: use cases over the store, wired by createServices.
export { createServices, type Services, type ServiceOptions } from './services.js';
export {
  systemActor,
  seesPrivateOf,
  mayWriteFor,
  type Actor,
  type KeyActor,
  type UserActor,
  type SystemActor,
  type Viewer,
} from './actor.js';
export type { WriteContext, Writer, CommittedEvent, CommitListener } from './write.js';
export type { AssessmentEngine } from './engine.js';
export { canonicalJson, sha256Hex } from './canonical-json.js';
export { hashKey, type CreatedKey } from './organisations.js';
export type { NewProduct } from './products.js';
export type { SellableQuery, SellableAnswer, SellableOutcome, SellableResult } from './sellability.js';
export type {
  ApiKeyView,
  AuditView,
  DeclarationSummary,
  DeclarationView,
  EventView,
  OrganisationView,
  ProductView,
} from './views.js';
export type { FieldProblem } from './errors.js';
export { openRegistry, type OpenOptions, type OpenedRegistry } from './open.js';
export { hashPassword, verifyPassword, type ScryptCost } from './users-password.js';
export { PASSWORD_MIN, PASSWORD_MAX, type NewUser, type UserView } from './users.js';
export { SIGN_IN_FAILED, hashSessionId, type SessionOptions, type SignedIn } from './sessions.js';
export { LabelNotIssuable, STATUS_LIST_SIZE, type IssueLabelInput, type IssuedLabel } from './labels.js';
export type { LabelView, LabelStatusView } from './labels-view.js';
export type { SignedStatusList } from './labels-status.js';
export type { PublishedKeys, RotatedKey } from './signing-keys.js';
export {
  directoryKeySource,
  environmentKeySource,
  memoryKeySource,
  labelKeySourceFor,
  LABEL_KEY_ENV,
  type LabelKeySource,
} from './signing-keys-source.js';
