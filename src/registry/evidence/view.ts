// What the API shows of an evidence row. Everyone who may see the declaration gets the findings and
// statistics (and for a security.txt, what it lists and whether it is valid); the stored document itself,
// with its fingerprint section, only goes to the owner and regulators.
import type { PasswordEvidence } from '../../evidence/passwords/types.js';
import type { EvidenceRow } from '../../store/index.js';
import type { StoredSecurityTxtSummary } from './summary.js';
import type { EvidenceKind } from '../../evidence/kinds.js';

export interface EvidenceView {
  id: string;
  declarationId: string;
  kind: EvidenceKind;
  /** Hex SHA-256 of the stored document. */
  sha256: string;
  source: 'upload' | 'fetch';
  sourceUrl: string | null;
  createdAt: string;
  /** The newest of its kind: the one the assessment uses. */
  current: boolean;
  passwords?: Pick<PasswordEvidence, 'analyser' | 'declaration' | 'verdict' | 'findings' | 'statistics'>;
  securityTxt?: StoredSecurityTxtSummary;
  /** Owner and regulators only: the password evidence as uploaded (canonical JSON), or the security.txt text. */
  document?: unknown;
  /** A withdrawal row: the evidence it withdraws and why (it has no document of its own). */
  withdraws?: { evidenceId: string; reason: string };
  /** Withdrawn evidence: when, by which row, and why. */
  withdrawn?: { at: string; by: string; reason: string };
}

export function evidenceView(
  row: EvidenceRow,
  options: { current: boolean; withDocument: boolean; withdrawal?: EvidenceRow | undefined },
): EvidenceView {
  const view: EvidenceView = {
    id: row.id,
    declarationId: row.declarationId,
    kind: row.kind,
    sha256: row.sha256,
    source: row.source,
    sourceUrl: row.sourceUrl,
    createdAt: row.createdAt,
    current: options.current,
  };
  if (row.withdraws !== null) {
    view.withdraws = { evidenceId: row.withdraws, reason: row.reason ?? '' };
    return view;
  }
  if (options.withdrawal)
    view.withdrawn = {
      at: options.withdrawal.createdAt,
      by: options.withdrawal.id,
      reason: options.withdrawal.reason ?? '',
    };
  if (row.kind === 'passwords') {
    const doc = JSON.parse(row.document) as PasswordEvidence;
    view.passwords = {
      analyser: doc.analyser,
      declaration: doc.declaration,
      verdict: doc.verdict,
      findings: doc.findings,
      statistics: doc.statistics,
    };
    if (options.withDocument) view.document = doc;
  } else {
    view.securityTxt = JSON.parse(row.summary) as StoredSecurityTxtSummary;
    if (options.withDocument) view.document = row.document;
  }
  return view;
}
