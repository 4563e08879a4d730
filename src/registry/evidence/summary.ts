// Stored evidence -> the EvidenceSummary the assessment engine takes, for one assessment day. A security.txt
// is judged expired on day `at` when its Expires instant lies before that day, so a re-assessment on a
// later day (sellability) sees it expire without anyone uploading anything.
import type { EvidenceSummary } from '../../assessment/index.js';
import type { PasswordEvidenceSummary } from '../../evidence/passwords/summary.js';
import type { SecurityTxtEvidence } from '../../evidence/securitytxt/summary.js';
import { evidence as evidenceRows } from '../../store/index.js';
import type { EvidenceRow, Executor } from '../../store/index.js';

/** What the registry keeps as a security.txt row's summary: the engine's shape plus the instant it expires. */
export interface StoredSecurityTxtSummary extends SecurityTxtEvidence {
  expiresAt: string | null;
  signed: boolean;
  recommendations: { code: string; message: string }[];
}

/** Whether a stored security.txt has expired on day `at` (YYYY-MM-DD): the day after its Expires instant's date. */
export function securityTxtExpiredOn(txt: StoredSecurityTxtSummary, at: string): boolean {
  return txt.expiresAt === null ? txt.expired : txt.expiresAt.slice(0, 10) < at;
}

/** `rows`: the current evidence of one declaration (newest per kind). Undefined when there is none. */
export function evidenceSummaryOf(rows: readonly EvidenceRow[], at: string): EvidenceSummary | undefined {
  if (rows.length === 0) return undefined;
  const summary: EvidenceSummary = {};
  for (const row of rows) {
    if (row.kind === 'passwords') {
      summary.passwords = JSON.parse(row.summary) as PasswordEvidenceSummary;
    } else {
      const txt = JSON.parse(row.summary) as StoredSecurityTxtSummary;
      summary.securityTxt = {
        valid: txt.valid,
        expired: securityTxtExpiredOn(txt, at),
        contacts: txt.contacts,
        problems: txt.problems,
      };
    }
  }
  return summary;
}

/** The summary of a declaration's current evidence on day `at`, read from the store. */
export async function loadEvidenceSummary(
  db: Executor,
  declarationId: string,
  at: string,
): Promise<EvidenceSummary | undefined> {
  return evidenceSummaryOf(await evidenceRows.currentEvidenceOf(db, declarationId), at);
}
