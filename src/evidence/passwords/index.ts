// Password-batch analyser: evidence for the "unique passwords" claim (PSTI Sch. 1 §1, EN 303 645 5.1).
export {
  analysePasswordBatch,
  createPasswordBatchAnalyser,
  ANALYSER_VERSION,
  type AnalyseOptions,
  type KeyspacePolicy,
  type PasswordBatchAnalyser,
} from './analyser.js';
export { builtInCorpus, parseCorpus, KnownDefaultCorpus } from './corpus.js';
export { PasswordBatchInvalid, PasswordCorpusInvalid, type BatchProblem } from './errors.js';
export { FINDING_CODES, type FindingCode } from './finding-codes.js';
export { readCredentialCsv, type BatchItem, type ReadOptions } from './read-csv.js';
export { readCredentialJson, readCredentialNdjson, parseDeclaration, type JsonBatch } from './read-json.js';
export { parseColumnMap, FIELDS, type ColumnMap, type Field } from './records.js';
export { redact } from './redact.js';
export { summarisePasswordEvidence, type PasswordEvidenceSummary } from './summary.js';
export { VENDOR_ALGORITHMS, thomsonSsid, type VendorAlgorithm, type VendorInputs } from './vendor/index.js';
export * from './types.js';
