// The library surface for other programs: assessment, label verification and the transparency log.
export { IotlabelError, ERROR_CATALOGUE, type ErrorCode } from './errors.js';
// Retailer catalogue checks: streaming parsers, the checker, result writers and the signed offline snapshot.
export { parseCatalogue, formatForContentType, formatForFileName, CATALOGUE_CONTENT_TYPES } from './catalogue/parse-catalogue.js';
export { checkCatalogue, type CatalogueCheck, type CheckOptions } from './catalogue/check-catalogue.js';
export { sellabilityVerdict, LABELLING_REGIMES } from './catalogue/sellability-verdict.js';
export { writeResults, RESULT_CSV_COLUMNS, type ResultFormat } from './catalogue/write-results.js';
export { encodeSnapshot, type SnapshotSigner } from './catalogue/encode-snapshot.js';
export { openSnapshot, type OpenedSnapshot, type SnapshotKeys } from './catalogue/open-snapshot.js';
export { SnapshotIndex } from './catalogue/snapshot-index.js';
export { SNAPSHOT_MAGIC, SNAPSHOT_CONTENT_TYPE, type SnapshotHeader } from './catalogue/snapshot-format.js';
export { brandModelKey } from './catalogue/columns.js';
export type {
  CatalogueRow, CatalogueLimits, CatalogueFormat, UnreadableKind, SellabilityFacts, RegimeFacts, LabelFacts,
  ProductLookup, LookupKey, RowResult, RowOutcome, CheckSummary,
} from './catalogue/types.js';
