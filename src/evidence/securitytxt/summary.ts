// The security.txt result in the shape the assessment engine accepts as disclosure evidence.
import type { SecurityTxtResult } from './types.js';

export interface SecurityTxtEvidence {
  valid: boolean;
  expired: boolean;
  contacts: string[];
  problems: { code: string; message: string }[];
}

/** Errors become problems (with their line when there is one); recommendations and notices do not. */
export function securityTxtEvidence(result: SecurityTxtResult): SecurityTxtEvidence {
  return {
    valid: result.valid,
    expired: result.expired,
    contacts: [...result.contacts],
    problems: result.errors.map((e) => ({
      code: e.code,
      message: e.line === null ? e.message : `line ${e.line}: ${e.message}`,
    })),
  };
}
