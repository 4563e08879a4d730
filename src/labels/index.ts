// The label toolkit: sign and verify label tokens, status lists, the label face and the statement of
// compliance. Pure: keys, dates and status lists come in as arguments.
export {
  labelToClaims,
  claimsToLabel,
  checkLabelClaims,
  type Label,
  type LabelClaims,
  type LabelRegime,
  type Shield,
  type StatusReference,
} from './claims.js';
export {
  CHECK_STEPS,
  sameRegistry,
  type CheckOutcome,
  type CheckStep,
  type LabelCheck,
  type LabelExpectations,
  type LabelReport,
} from './checks.js';
export { dateInWords, isCalendarDate, todayUtc } from '../calendar.js';
export {
  parseJwks,
  parseLabelJwk,
  retireKey,
  jwksDocument,
  type KeyStatus,
  type LabelJwk,
  type LabelJwks,
} from './jwks.js';
export {
  generateLabelKey,
  exportLabelKey,
  importLabelKey,
  publicLabelJwk,
  jwkThumbprint,
  type LabelSigningKey,
  type PrivateLabelJwk,
} from './keys.js';
export { newLabelId, readLabelId } from './label-id.js';
export { LABEL_TOKEN_ATTRIBUTE, labelLink, parseLabelLink, type LabelLink } from './label-link.js';
export { unverifiedClaims, type UnverifiedClaims } from './unverified-claims.js';
export { signLabel } from './sign-label.js';
export { verifyLabel, type VerifiedLabel } from './verify-label.js';
export { checkLabel } from './check-label.js';
export type { StatusListInput, VerifyLabelOptions } from './verify-steps.js';
export {
  STATUS_VALID,
  STATUS_REVOKED,
  STATUS_SUSPENDED,
  readStatus,
  statusListSize,
  type StatusBits,
  type StatusList,
} from './status-bits.js';
export {
  encodeStatusList,
  decodeStatusList,
  signStatusList,
  verifyStatusList,
  type EncodedStatusList,
  type StatusListFacts,
} from './status-list.js';
export { qrSymbol, type QrSymbol } from './qr.js';
export {
  renderLabelSvg,
  LABEL_WIDTH_MM,
  type LabelFace,
  type LabelSize,
  type RenderLabelOptions,
} from './label-svg.js';
export { renderLabelPng } from './label-png.js';
export {
  buildStatement,
  type MissingStatementItem,
  type Standard,
  type StatementInput,
  type StatementItemId,
  type StatementOfCompliance,
  type StatementResult,
} from './statement.js';
export { renderStatementHtml } from './statement-html.js';
export { renderStatementPdf } from './statement-pdf.js';
export { escapeXml } from './svg-text.js';
export {
  IssuerNotTrusted,
  KeyInvalid,
  LabelLinkInvalid,
  LabelInputInvalid,
  LabelRevoked,
  LabelSuspended,
  RevocationNotChecked,
  StatementIncomplete,
  StatusListInvalid,
  TokenClaimsInvalid,
  TokenKeyExpired,
  TokenKeyUnknown,
  TokenMalformed,
  TokenSignatureInvalid,
} from './errors.js';
export { LABEL_STATUSES, type LabelStatus } from './label-status.js';
