// The kinds of evidence a declaration can carry, one per analyser folder here: the one home of the list.

export const EVIDENCE_KINDS = ['passwords', 'security-txt'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];
