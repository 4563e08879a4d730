// The library surface for other programs: assessment, label verification and the transparency log.
export { IotlabelError, ERROR_CATALOGUE, type ErrorCode } from './errors.js';
export {
  analysePasswordBatch, createPasswordBatchAnalyser, summarisePasswordEvidence, readCredentialCsv, readCredentialJson, readCredentialNdjson,
  parseCorpus, builtInCorpus, type PasswordEvidence, type PasswordFinding, type PasswordEvidenceSummary, type AnalyseOptions,
} from './evidence/passwords/index.js';
