// The library surface for other programs: assessment, label verification and the transparency log.
export { IotlabelError, ERROR_CATALOGUE, type ErrorCode } from './errors.js';
export {
  generateLabelKey, exportLabelKey, importLabelKey, publicLabelJwk, jwkThumbprint, parseJwks, retireKey, jwksDocument, newLabelId,
  signLabel, verifyLabel, checkLabel, encodeStatusList, decodeStatusList, signStatusList, verifyStatusList, readStatus,
  STATUS_VALID, STATUS_REVOKED, STATUS_SUSPENDED, renderLabelSvg, renderLabelPng, qrSymbol,
  buildStatement, renderStatementHtml, renderStatementPdf, escapeXml,
  type Label, type LabelJwk, type LabelJwks, type LabelSigningKey, type LabelReport, type LabelCheck, type VerifiedLabel,
  type VerifyLabelOptions, type StatusList, type LabelFace, type RenderLabelOptions, type StatementInput, type StatementOfCompliance,
} from './labels/index.js';
