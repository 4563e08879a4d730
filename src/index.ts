// The library surface for other programs: assessment, label verification and the transparency log.
export { IotlabelError, ERROR_CATALOGUE, type ErrorCode } from './errors.js';
export {
  parseDeclaration,
  declarationJsonSchema,
  assessDeclaration,
  assessAll,
  provisionIfMandatory,
  disclosureContactVerdict,
  DeclarationInvalid,
  type Declaration,
  type DeclarationProblem,
  type Assessment,
  type Requirement,
  type Finding,
  type Recommendation,
  type EvidenceSummary,
  type ProvisionVerdict,
} from './assessment/index.js';
export {
  listRegimes,
  getRegime,
  getCatalog,
  type RegimeSummary,
  type Regime,
  type Catalog,
  type Provision,
} from './regimes/index.js';
export {
  generateLabelKey,
  exportLabelKey,
  importLabelKey,
  publicLabelJwk,
  jwkThumbprint,
  parseJwks,
  retireKey,
  jwksDocument,
  newLabelId,
  readLabelId,
  signLabel,
  verifyLabel,
  checkLabel,
  encodeStatusList,
  decodeStatusList,
  signStatusList,
  verifyStatusList,
  readStatus,
  STATUS_VALID,
  STATUS_REVOKED,
  STATUS_SUSPENDED,
  renderLabelSvg,
  renderLabelPng,
  qrSymbol,
  buildStatement,
  renderStatementHtml,
  renderStatementPdf,
  escapeXml,
  type Label,
  type LabelJwk,
  type LabelJwks,
  type LabelSigningKey,
  type LabelReport,
  type LabelCheck,
  type VerifiedLabel,
  type VerifyLabelOptions,
  type StatusList,
  type LabelFace,
  type RenderLabelOptions,
  type StatementInput,
  type StatementOfCompliance,
} from './labels/index.js';
export { parseSecurityTxt } from './evidence/securitytxt/parse.js';
export { securityTxtEvidence, type SecurityTxtEvidence } from './evidence/securitytxt/summary.js';
export { verifySecurityTxtSignature, withSignatureVerification } from './evidence/securitytxt/verify-signature.js';
export { serializeSecurityTxt, type SerializeSecurityTxtOptions } from './evidence/securitytxt/serialize.js';
export { contactEmails, contactUrls } from './evidence/securitytxt/contacts.js';
export { SECURITY_TXT_CODES, type SecurityTxtCode } from './evidence/securitytxt/codes.js';
export type {
  SecurityTxtResult,
  SecurityTxtDiagnostic,
  ParseSecurityTxtOptions,
} from './evidence/securitytxt/types.js';
export {
  fetchLimited,
  type FetchLimitedOptions,
  type LimitedResponse,
  type FetchFunction,
} from './net/fetch-limited.js';
export { fetchSecurityTxt, type FetchedSecurityTxt } from './net/fetch-security-txt.js';
// Transparency log (RFC 6962/9162 Merkle tree, C2SP signed-note, tlog-checkpoint, tlog-tiles, tlog-proof).
export { HASH_SIZE, LEAF_HASH_PREFIX, NODE_HASH_PREFIX, emptyRoot, hashLeaf, hashChildren } from './tlog/hash.js';
export { rootFromLeafHashes, treeRoot } from './tlog/tree-root.js';
export { type HashReader, type NodeId, type SubtreeCache } from './tlog/hash-reader.js';
export { inclusionProof } from './tlog/prove-inclusion.js';
export { consistencyProof } from './tlog/prove-consistency.js';
export { rootFromInclusionProof, verifyInclusion } from './tlog/verify-inclusion.js';
export { verifyConsistency } from './tlog/verify-consistency.js';
export {
  generateNoteKey,
  noteKeyId,
  parseSignerKey,
  parseVerifierKey,
  type NoteSigner,
  type NoteVerifier,
} from './tlog/note-key.js';
export { signNote } from './tlog/sign-note.js';
export { openNote, type OpenedNote, type NoteSignature } from './tlog/open-note.js';
export { formatCheckpoint, parseCheckpoint, type Checkpoint } from './tlog/checkpoint.js';
export { openCheckpoint, signCheckpoint, type OpenedCheckpoint } from './tlog/open-checkpoint.js';
export {
  TILE_WIDTH,
  entryBundlePath,
  parseTilePath,
  tilePath,
  tileWidthAt,
  type BundleId,
  type TileId,
  type ParsedTilePath,
} from './tlog/tile-path.js';
export {
  MAX_ENTRY_SIZE,
  encodeEntryBundle,
  encodeHashTile,
  parseEntryBundle,
  parseHashTile,
} from './tlog/tile-data.js';
export { tileHashReader } from './tlog/tile-hash-reader.js';
export { appendEntries, rightEdgeTiles, type AppendResult, type StoredNode, type TileReader } from './tlog/append.js';
export { buildTlogProof, formatTlogProof, parseTlogProof, verifyTlogProof, type TlogProof } from './tlog/tlog-proof.js';
export {
  verifyLog,
  type LogEntry,
  type LogState,
  type LogVerification,
  type Violation,
  type VerifyLogOptions,
} from './tlog/verify-log.js';
export {
  analysePasswordBatch,
  createPasswordBatchAnalyser,
  summarisePasswordEvidence,
  readCredentialCsv,
  readCredentialJson,
  readCredentialNdjson,
  parseCorpus,
  builtInCorpus,
  type PasswordEvidence,
  type PasswordFinding,
  type PasswordEvidenceSummary,
  type AnalyseOptions,
} from './evidence/passwords/index.js';
// Retailer catalogue checks: streaming parsers, the checker, result writers and the signed offline snapshot.
export {
  parseCatalogue,
  formatForContentType,
  formatForFileName,
  CATALOGUE_CONTENT_TYPES,
} from './catalogue/parse-catalogue.js';
export { checkCatalogue, type CatalogueCheck, type CheckOptions } from './catalogue/check-catalogue.js';
export { sellabilityVerdict, LABELLING_REGIMES } from './catalogue/sellability-verdict.js';
export { writeResults, RESULT_CSV_COLUMNS, type ResultFormat } from './catalogue/write-results.js';
export { encodeSnapshot, type SnapshotSigner } from './catalogue/encode-snapshot.js';
export { openSnapshot, type OpenedSnapshot, type SnapshotKeys } from './catalogue/open-snapshot.js';
export { SnapshotIndex } from './catalogue/snapshot-index.js';
export { SNAPSHOT_MAGIC, SNAPSHOT_CONTENT_TYPE, type SnapshotHeader } from './catalogue/snapshot-format.js';
export { brandModelKey } from './catalogue/columns.js';
export { saleRuleFor, saleRuleOf, type SaleRule } from './catalogue/sale-rule.js';
// Retail on the registry: webhook signatures (receivers verify with the same recipe), feeds.
export { signatureHeader } from './registry/retail/webhooks-delivery.js';
export { atomFeed, jsonFeed } from './registry/retail/feeds.js';
export type { Notice, NoticeType } from './registry/retail/watch-notices.js';
export type {
  CatalogueRow,
  CatalogueLimits,
  CatalogueFormat,
  UnreadableKind,
  SellabilityFacts,
  RegimeFacts,
  LabelFacts,
  ProductLookup,
  LookupKey,
  RowResult,
  RowOutcome,
  CheckSummary,
} from './catalogue/types.js';
// The registry as a library: open a database, build the services, serve them over HTTP.
export {
  openRegistry,
  createServices,
  systemActor,
  type Services,
  type Actor,
  type SellableAnswer,
  type ProductView,
  type DeclarationView,
} from './registry/index.js';
export { openStore, migrateToLatest, type Store, type StoreOptions } from './store/index.js';
export { buildApp, startServer, type HttpOptions } from './http/index.js';
// The registry's transparency log: entry format and the promise checks `iotlabel log verify` runs.
export {
  LOGGED_EVENTS,
  LOG_ENTRY_TYPES,
  encodeLogRecord,
  parseLogRecord,
  logEntryTypeOf,
  type LogRecord,
  type LogEntryType,
} from './registry/log/entry.js';
export { checkPromises, emptyPromiseState, type PromiseState, type PromiseViolation } from './registry/log/promises.js';
export { verifierKeyFor } from './registry/log/key.js';
// Evidence in the registry: the strict password-evidence check, stored evidence as the engine's input.
export { checkPasswordEvidence } from './registry/evidence/passwords.js';
export { evidenceSummaryOf } from './registry/evidence/summary.js';
// Outbound HTTP: the one address policy (SSRF guard) and the fetch whose every connection passes it.
export { addressRefusal, checkHost, type AddressPolicy } from './net/address-policy.js';
export { guardedFetch } from './net/guarded-fetch.js';
export type { EvidenceView } from './registry/evidence/view.js';
export type { EvidenceInput } from './registry/evidence/evidence.js';
