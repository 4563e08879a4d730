// The registry's surface: use cases over the store, wired by createServices. The top level holds what every
// room shares (deps, the write seam and its events, actors, errors, the engine) and the wiring; each room
// (accounts/, products/, labels/, log/, retail/, evidence/) says in its index.ts what lives there and what it
// may import. The registry imports the store and the pure modules, never http, web or cli.
export { createServices, type Services, type ServiceOptions } from './services.js';
export type { RegistryDeps } from './deps.js';
export type { RegistryEvent, RegistryEventType } from './events.js';
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
export { canonicalJson, sha256Hex } from './log/canonical-json.js';
export { hashKey, type CreatedKey } from './accounts/organisations.js';
export type { NewProduct } from './products/products.js';
export type { SellableQuery, SellableAnswer, SellableOutcome, SellableResult } from './retail/sellability.js';
export type {
  ApiKeyView,
  AuditView,
  DeclarationSummary,
  DeclarationView,
  EventView,
  OrganisationView,
  ProductView,
} from './products/views.js';
export type { FieldProblem } from './errors.js';
export { ORGANISATION_KINDS, type OrganisationKind } from './accounts/organisation-kinds.js';
export { DECLARATION_STATUSES, type DeclarationStatus } from './products/declaration-status.js';
export { openRegistry, type OpenOptions, type OpenedRegistry } from './open.js';
export { hashPassword, verifyPassword, type ScryptCost } from './accounts/password.js';
export { PASSWORD_MIN, PASSWORD_MAX, type NewUser, type UserView } from './accounts/users.js';
export { SIGN_IN_FAILED, hashSessionId, type SessionOptions, type SignedIn } from './accounts/sessions.js';
export { LabelNotIssuable, STATUS_LIST_SIZE, type IssueLabelInput, type IssuedLabel } from './labels/labels.js';
export type { LabelView, LabelStatusView } from './labels/view.js';
export type { SignedStatusList } from './labels/status.js';
export type { PublishedKeys, RotatedKey } from './labels/signing-keys.js';
export {
  directoryKeySource,
  environmentKeySource,
  memoryKeySource,
  labelKeySourceFor,
  LABEL_KEY_ENV,
  type LabelKeySource,
} from './labels/signing-keys-source.js';
// Embedding the registry (package subpath `iotlabel/registry`): the store it opens, retail's webhook
// signatures (receivers verify with the same recipe) and feeds, the log's entry format and promise checks
// (`iotlabel log verify`), evidence as stored and checked, the SSRF guard.
export { openStore, migrateToLatest, type Store, type StoreOptions } from '../store/index.js';
export { signatureHeader } from './retail/webhooks-delivery.js';
export { atomFeed, jsonFeed } from './retail/feeds.js';
export type { Notice, NoticeType } from './retail/watch-notices.js';
export {
  LOGGED_EVENTS,
  LOG_ENTRY_TYPES,
  encodeLogRecord,
  parseLogRecord,
  logEntryTypeOf,
  type LogRecord,
  type LogEntryType,
} from './log/entry.js';
export { checkPromises, emptyPromiseState, type PromiseState, type PromiseViolation } from './log/promises.js';
export { verifierKeyFor, LOG_KEY_FILE } from './log/key.js';
export { checkPasswordEvidence } from './evidence/passwords.js';
export { evidenceSummaryOf } from './evidence/summary.js';
export { addressRefusal, checkHost, type AddressPolicy } from '../net/address-policy.js';
export { guardedFetch } from '../net/guarded-fetch.js';
export type { EvidenceView } from './evidence/view.js';
export type { EvidenceInput } from './evidence/evidence.js';
