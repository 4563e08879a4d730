// Collects findings into the four lists of a result, with the catalogue's wording.
import { SECURITY_TXT_CODES, type SecurityTxtCode } from './codes.js';
import type { SecurityTxtDiagnostic } from './types.js';

export class Diagnostics {
  readonly errors: SecurityTxtDiagnostic[] = [];
  readonly warnings: SecurityTxtDiagnostic[] = [];
  readonly recommendations: SecurityTxtDiagnostic[] = [];
  readonly notifications: SecurityTxtDiagnostic[] = [];

  /** `detail` names the field or value concerned; it is prefixed to the catalogue message. */
  add(code: SecurityTxtCode, line: number | null, detail?: string): void {
    const entry: { kind: string; message: string; internetNl?: string | null } = SECURITY_TXT_CODES[code];
    const message = detail ? `${detail}: ${entry.message}` : entry.message;
    if (entry.kind === 'warning') {
      this.warnings.push({ code, message, line, internetNl: entry.internetNl ?? null });
      return;
    }
    const list =
      entry.kind === 'error'
        ? this.errors
        : entry.kind === 'recommendation'
          ? this.recommendations
          : this.notifications;
    list.push({ code, message, line });
  }
}
