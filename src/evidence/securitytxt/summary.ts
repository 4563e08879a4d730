// The security.txt result in the shape the assessment engine accepts as disclosure evidence.
import type { SecurityTxtDiagnostic, SecurityTxtResult } from './types.js';

export interface SecurityTxtEvidence {
  valid: boolean;
  expired: boolean;
  contacts: string[];
  problems: { code: string; message: string }[];
  /** Where RFC 9116 asks more than internet.nl checks; `internetNl` is internet.nl's finding for the line. */
  warnings?: { code: string; message: string; internetNl: string | null }[];
}

const at = (d: SecurityTxtDiagnostic) => (d.line === null ? d.message : `line ${d.line}: ${d.message}`);

/**
 * Errors become problems (with their line when there is one); warnings are kept beside them, so a manufacturer
 * sees why internet.nl and iotlabel differ; recommendations and notices are left out.
 */
export function securityTxtEvidence(result: SecurityTxtResult): SecurityTxtEvidence {
  return {
    valid: result.valid,
    expired: result.expired,
    contacts: [...result.contacts],
    problems: result.errors.map((e) => ({ code: e.code, message: at(e) })),
    warnings: result.warnings.map((w) => ({ code: w.code, message: at(w), internetNl: w.internetNl ?? null })),
  };
}
