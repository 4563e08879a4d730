// The library surface for other programs: assessment, regimes, label verification, the transparency log,
// evidence analysers, GS1 identifiers and catalogue checks: pure modules, no database or server. The registry
// to embed is `iotlabel/registry`; the HTTP server (API and pages) is `iotlabel/server`.
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
  LABEL_STATUSES,
  type LabelStatus,
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
export { applySnapshotDelta, openSnapshot, type OpenedSnapshot, type SnapshotKeys } from './catalogue/open-snapshot.js';
export { SnapshotIndex } from './catalogue/snapshot-index.js';
export { SNAPSHOT_MAGIC, SNAPSHOT_CONTENT_TYPE, type SnapshotHeader } from './catalogue/snapshot-format.js';
export { brandModelKey } from './catalogue/columns.js';
export { saleRuleFor, saleRuleOf, type SaleRule } from './catalogue/sale-rule.js';
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
// GS1 identifiers: GTIN check digits and normalisation, GS1 Digital Link URIs.
export { gs1CheckDigit, hasValidCheckDigit, gtinProblem, normalizeGtin } from './gs1/gtin.js';
export { gtinDigitalLink, parseGtinDigitalLink, type GtinQualifiers, type ParsedGtinLink } from './gs1/digital-link.js';
export { GtinInvalid } from './gs1/errors.js';
// The label link in the QR code (GS1 Digital Link with the token in its "label" attribute; older "#token" read too).
export { labelLink, parseLabelLink, LABEL_TOKEN_ATTRIBUTE, type LabelLink } from './labels/label-link.js';
