// Collects findings into the three lists of a result, with the catalogue's wording.
import { SECURITY_TXT_CODES, type SecurityTxtCode } from './codes.js';
import type { SecurityTxtDiagnostic } from './types.js';

export class Diagnostics {
  readonly errors: SecurityTxtDiagnostic[] = [];
  readonly recommendations: SecurityTxtDiagnostic[] = [];
  readonly notifications: SecurityTxtDiagnostic[] = [];

  /** `detail` names the field or value concerned; it is prefixed to the catalogue message. */
  add(code: SecurityTxtCode, line: number | null, detail?: string): void {
    const entry = SECURITY_TXT_CODES[code];
    const message = detail ? `${detail}: ${entry.message}` : entry.message;
    const list =
      entry.kind === 'error'
        ? this.errors
        : entry.kind === 'recommendation'
          ? this.recommendations
          : this.notifications;
    list.push({ code, message, line });
  }
}
