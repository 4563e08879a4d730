// The library surface for other programs: assessment, label verification and the transparency log.
export { IotlabelError, ERROR_CATALOGUE, type ErrorCode } from './errors.js';
export { parseSecurityTxt } from './evidence/securitytxt/parse.js';
export { securityTxtEvidence, type SecurityTxtEvidence } from './evidence/securitytxt/summary.js';
export { verifySecurityTxtSignature, withSignatureVerification } from './evidence/securitytxt/verify-signature.js';
export { serializeSecurityTxt, type SerializeSecurityTxtOptions } from './evidence/securitytxt/serialize.js';
export { contactEmails, contactUrls } from './evidence/securitytxt/contacts.js';
export { SECURITY_TXT_CODES, type SecurityTxtCode } from './evidence/securitytxt/codes.js';
export type { SecurityTxtResult, SecurityTxtDiagnostic, ParseSecurityTxtOptions } from './evidence/securitytxt/types.js';
export { fetchLimited, type FetchLimitedOptions, type LimitedResponse, type FetchFunction } from './net/fetch-limited.js';
export { fetchSecurityTxt, type FetchedSecurityTxt } from './net/fetch-security-txt.js';
