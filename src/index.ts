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
export {
  generateLabelKey, exportLabelKey, importLabelKey, publicLabelJwk, jwkThumbprint, parseJwks, retireKey, jwksDocument, newLabelId,
  signLabel, verifyLabel, checkLabel, encodeStatusList, decodeStatusList, signStatusList, verifyStatusList, readStatus,
  STATUS_VALID, STATUS_REVOKED, STATUS_SUSPENDED, renderLabelSvg, renderLabelPng, qrSymbol,
  buildStatement, renderStatementHtml, renderStatementPdf, escapeXml,
  type Label, type LabelJwk, type LabelJwks, type LabelSigningKey, type LabelReport, type LabelCheck, type VerifiedLabel,
  type VerifyLabelOptions, type StatusList, type LabelFace, type RenderLabelOptions, type StatementInput, type StatementOfCompliance,
} from './labels/index.js';
export { parseSecurityTxt } from './evidence/securitytxt/parse.js';
export { securityTxtEvidence, type SecurityTxtEvidence } from './evidence/securitytxt/summary.js';
export { verifySecurityTxtSignature, withSignatureVerification } from './evidence/securitytxt/verify-signature.js';
export { serializeSecurityTxt, type SerializeSecurityTxtOptions } from './evidence/securitytxt/serialize.js';
export { contactEmails, contactUrls } from './evidence/securitytxt/contacts.js';
export { SECURITY_TXT_CODES, type SecurityTxtCode } from './evidence/securitytxt/codes.js';
export type { SecurityTxtResult, SecurityTxtDiagnostic, ParseSecurityTxtOptions } from './evidence/securitytxt/types.js';
export { fetchLimited, type FetchLimitedOptions, type LimitedResponse, type FetchFunction } from './net/fetch-limited.js';
export { fetchSecurityTxt, type FetchedSecurityTxt } from './net/fetch-security-txt.js';
