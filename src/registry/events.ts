// Every event the registry emits through the write seam (ctx.emit), as one closed union: a misspelt type does
// not compile, and a logged event carries what its log entry records, so the log writer need not read back what
// the use case wrote. `payload` is stored in the outbox as it is (JSON, keys in the order written here);
// `logged` holds what the log entry needs beyond the payload and is not stored in the outbox.
import type { EvidenceKind } from '../evidence/kinds.js';
import type { LabelStatus } from '../labels/label-status.js';
import type { OrganisationKind } from './accounts/organisation-kinds.js';

/** A regime's outcome for a declaration, as assessed when the event was emitted. */
export interface OutcomeOf {
  regime: string;
  outcome: string;
  sellable: boolean;
}

interface DeclarationPayload {
  declarationId: string;
  version: number | null;
  sha256: string;
  supportEndDate: string | null;
  gtinsAdded: string[];
  fromDraftId: string | null;
  outcomes: OutcomeOf[];
}

export interface DeclarationSubmitted {
  type: 'declaration-submitted';
  subjectId: string;
  productId: string;
  organisationId: string;
  payload: DeclarationPayload & { version: number };
  logged: {
    /** Every GTIN of the product once this declaration is in, in GTIN order. */
    gtins: string[];
    /** The declaration as stored (canonical JSON): the entry's document. */
    document: string;
  };
}

export interface DeclarationDrafted {
  type: 'declaration-drafted';
  subjectId: string;
  productId: string;
  organisationId: string;
  payload: DeclarationPayload & { version: null };
}

export interface LabelIssued {
  type: 'label-issued';
  subjectId: string;
  productId: string;
  organisationId: string;
  payload: {
    labelId: string;
    regime: string;
    gtin: string;
    shield: string;
    supportEndDate: string;
    declarationId: string;
    declarationVersion: number;
    statusList: number;
    statusIndex: number;
    kid: string;
    supersedes: string | null;
  };
}

export interface LabelStatusChanged {
  type: 'label-status-changed';
  subjectId: string;
  productId: string;
  organisationId: string;
  payload: {
    labelId: string;
    status: LabelStatus;
    previous: LabelStatus;
    reason: string;
    statusList: number;
    statusIndex: number;
  };
}

export interface LabelKeyChanged {
  type: 'label-key-activated' | 'label-key-rotated';
  subjectId: string;
  productId?: null;
  organisationId?: null;
  payload: { kid: string; x: string; retired: string[]; retiredAt: number | null };
}

export interface ProductCreated {
  type: 'product-created';
  subjectId: string;
  productId: string;
  organisationId: string;
  payload: { brand: string; model: string; name: string | null; category: string | null; gtins: string[] };
}

export interface ProductWithdrawn {
  type: 'product-withdrawn';
  subjectId: string;
  productId: string;
  organisationId: string;
  payload: { reason: string };
}

export interface EvidenceAttached {
  type: 'evidence-attached';
  subjectId: string;
  productId: string;
  organisationId: string;
  payload: {
    evidenceId: string;
    declarationId: string;
    version: number | null;
    kind: EvidenceKind;
    sha256: string;
    source: 'upload' | 'fetch';
    sourceUrl: string | null;
    outcomes: OutcomeOf[];
  };
}

/** A manufacturer withdrew a piece of evidence: a new row names it; the withdrawn row stays in the history. */
export interface EvidenceWithdrawn {
  type: 'evidence-withdrawn';
  subjectId: string;
  productId: string;
  organisationId: string;
  payload: {
    evidenceId: string;
    withdrawn: string;
    declarationId: string;
    version: number | null;
    kind: EvidenceKind;
    reason: string;
    outcomes: OutcomeOf[];
  };
}

export interface OrganisationRegistered {
  type: 'organisation-registered';
  subjectId: string;
  organisationId: string;
  productId?: null;
  payload: { name: string; kind: OrganisationKind };
}

export interface ApiKeyCreated {
  type: 'key-created';
  subjectId: string;
  organisationId: string;
  productId?: null;
  payload: { role: OrganisationKind; prefix: string };
}

export interface ApiKeyRevoked {
  type: 'key-revoked';
  subjectId: string;
  organisationId: string;
  productId?: null;
  payload: { prefix: string };
}

export interface UserCreated {
  type: 'user-created';
  subjectId: string;
  organisationId: string;
  productId?: null;
  payload: { role: OrganisationKind };
}

export interface WatchlistReplaced {
  type: 'watchlist-replaced';
  subjectId: string;
  organisationId: string;
  productId?: null;
  payload: { count: number };
}

export interface WatchlistChanged {
  type: 'watchlist-changed';
  subjectId: string;
  organisationId: string;
  productId?: null;
  payload: { added: number; removed: number };
}

export interface WebhookChanged {
  type: 'webhook-created' | 'webhook-deleted';
  subjectId: string;
  organisationId: string;
  productId?: null;
  payload: Record<string, never>;
}

export type RegistryEvent =
  | DeclarationSubmitted
  | DeclarationDrafted
  | LabelIssued
  | LabelStatusChanged
  | LabelKeyChanged
  | ProductCreated
  | ProductWithdrawn
  | EvidenceAttached
  | EvidenceWithdrawn
  | OrganisationRegistered
  | ApiKeyCreated
  | ApiKeyRevoked
  | UserCreated
  | WatchlistReplaced
  | WatchlistChanged
  | WebhookChanged;

export type RegistryEventType = RegistryEvent['type'];

/** An event as committed: its outbox sequence number and time, product and organisation null when none. */
export type CommittedEvent = RegistryEvent & {
  seq: number;
  at: string;
  productId: string | null;
  organisationId: string | null;
};
