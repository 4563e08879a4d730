// The shape the assessment engine accepts as EvidenceSummary.passwords.
import type { FindingSeverity, PasswordEvidence } from './types.js';

export interface PasswordEvidenceSummary {
  findings: { code: string; severity: FindingSeverity; message: string }[];
}

export function summarisePasswordEvidence(evidence: PasswordEvidence): PasswordEvidenceSummary {
  return { findings: evidence.findings.map(({ code, severity, message }) => ({ code, severity, message })) };
}
