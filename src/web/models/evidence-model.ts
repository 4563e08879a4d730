// A declaration's evidence in words, for the manufacturer's evidence page. The words for a password
// finding come from the analyser's own catalogue (FINDING_CODES); a security.txt problem keeps the wording
// the validator stored from its catalogue (SECURITY_TXT_CODES). What is never shown: redacted examples,
// fingerprints and a finding's free-form evidence. The page needs none of them, and leaving them out
// means nothing derived from a device password reaches the page.
import { FINDING_CODES, type FindingCode } from '../../evidence/passwords/finding-codes.js';
import type { EvidenceView } from '../../registry/evidence/view.js';
import { securityTxtExpiredOn } from '../../registry/evidence/summary.js';

interface Tag {
  text: string;
  colour: string;
}

const VERDICT: Record<string, Tag> = {
  pass: { text: 'No problems found', colour: 'green' },
  warn: { text: 'Some things to check', colour: 'yellow' },
  fail: { text: 'Contradicts the declaration', colour: 'red' },
};

const SEVERITY: Record<string, Tag> = {
  fail: { text: 'Problem', colour: 'red' },
  warn: { text: 'Check', colour: 'yellow' },
  info: { text: 'For information', colour: 'blue' },
};

export interface UploadModel {
  id: string;
  createdAt: string;
  sha256: string;
  current: boolean;
  source: string;
}

export interface PasswordEvidenceModel extends UploadModel {
  verdict: Tag;
  rows: number;
  analysedRows: number;
  distinctValues: number;
  rowsInDuplicateGroups: number;
  keyspaceBits: number;
  analyserVersion: string;
  findings: {
    code: string;
    title: string;
    severity: Tag;
    message: string;
    affectedCount: number;
    requirementRefs: string[];
    sampleDeviceIds: string[];
  }[];
}

export interface SecurityTxtEvidenceModel extends UploadModel {
  valid: boolean;
  expired: boolean;
  expiresAt: string | null;
  signed: boolean;
  contacts: string[];
  problems: string[];
  recommendations: string[];
  /** The file as uploaded or fetched (the owner's view only). */
  text: string | null;
}

export interface EvidenceModel {
  passwords: PasswordEvidenceModel[];
  securityTxt: SecurityTxtEvidenceModel[];
}

function upload(e: EvidenceView): UploadModel {
  return {
    id: e.id,
    createdAt: e.createdAt,
    sha256: e.sha256,
    current: e.current,
    source: e.source === 'fetch' && e.sourceUrl ? `Fetched from ${e.sourceUrl}` : 'Uploaded',
  };
}

/** "line 4: …" as stored becomes "Line 4: …". */
const sentence = (message: string) => message.charAt(0).toUpperCase() + message.slice(1);

function passwordModel(e: EvidenceView): PasswordEvidenceModel | null {
  const p = e.passwords;
  if (p === undefined) return null;
  const ordered = [...p.findings].sort((a, b) => rank(a.severity) - rank(b.severity));
  return {
    ...upload(e),
    verdict: VERDICT[p.verdict] ?? { text: p.verdict, colour: 'grey' },
    rows: p.statistics.rows,
    analysedRows: p.statistics.analysedRows,
    distinctValues: p.statistics.distinctValues,
    rowsInDuplicateGroups: p.statistics.rowsInDuplicateGroups,
    keyspaceBits: Math.floor(p.statistics.keyspaceBits.effective),
    analyserVersion: p.analyser.version,
    findings: ordered.map((f) => ({
      code: f.code,
      title: FINDING_CODES[f.code as FindingCode]?.title ?? f.title,
      severity: SEVERITY[f.severity] ?? { text: f.severity, colour: 'grey' },
      message: f.message,
      affectedCount: f.affectedCount,
      requirementRefs: f.requirementRefs,
      sampleDeviceIds: f.sampleDeviceIds.slice(0, 5),
    })),
  };
}

const rank = (severity: string) => ['fail', 'warn', 'info'].indexOf(severity);

function securityTxtModel(e: EvidenceView, today: string): SecurityTxtEvidenceModel | null {
  const s = e.securityTxt;
  if (s === undefined) return null;
  return {
    ...upload(e),
    valid: s.valid,
    expired: securityTxtExpiredOn(s, today),
    expiresAt: s.expiresAt,
    signed: s.signed,
    contacts: s.contacts,
    problems: s.problems.map((p) => sentence(p.message)),
    recommendations: s.recommendations.map((r) => sentence(r.message)),
    text: typeof e.document === 'string' ? e.document : null,
  };
}

/** Newest first within each kind, as listEvidence returns them. */
export function evidenceModel(evidence: readonly EvidenceView[], today: string): EvidenceModel {
  return {
    passwords: evidence.map(passwordModel).filter((m) => m !== null),
    securityTxt: evidence.map((e) => securityTxtModel(e, today)).filter((m) => m !== null),
  };
}
