// The database schema as Kysely sees it (camelCase here; CamelCasePlugin maps to snake_case columns).
// Timestamps are ISO-8601 UTC strings and dates YYYY-MM-DD in both databases, so one schema serves
// SQLite and PostgreSQL and ordering by text is ordering by time. Booleans are avoided (SQLite has none):
// states are nullable timestamps or small text enums.
// The enums are the domain's (the store names them, it does not define them).
import type { Generated, Insertable, Selectable } from 'kysely';
import type { EvidenceKind } from '../evidence/kinds.js';
import type { LabelStatus } from '../labels/label-status.js';
import type { OrganisationKind } from '../registry/accounts/organisation-kinds.js';
import type { DeclarationStatus } from '../registry/products/declaration-status.js';

export interface OrganisationTable {
  id: string;
  name: string;
  /** Lower-cased name: organisation names are unique regardless of case. */
  nameKey: string;
  kind: OrganisationKind;
  createdAt: string;
}

export interface ApiKeyTable {
  id: string;
  organisationId: string;
  role: OrganisationKind;
  /** A human label ("CI uploader"). */
  name: string;
  /** The visible start of the key (e.g. `iotl_k3x9a2b7`), shown in listings so a holder can tell keys apart. */
  prefix: string;
  /** Hex SHA-256 of the whole key. The key itself is never stored. */
  secretHash: string;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface ProductTable {
  id: string;
  organisationId: string;
  brand: string;
  model: string;
  /** Lower-cased brand and model: one organisation cannot register the same brand+model twice. */
  brandKey: string;
  modelKey: string;
  name: string;
  category: string;
  /** Lower-cased brand, model and name: free-text search works alike on both databases. */
  searchText: string;
  createdAt: string;
  withdrawnAt: string | null;
  withdrawalReason: string | null;
}

export interface ProductGtinTable {
  /** GTIN-14 with a verified check digit; unique across the registry. */
  gtin: string;
  productId: string;
  createdAt: string;
}

export interface DeclarationTable {
  id: string;
  productId: string;
  organisationId: string;
  /** 1, 2, ... per product for submitted declarations; null for drafts (a draft is not a version). */
  version: number | null;
  status: DeclarationStatus;
  /** Hex SHA-256 of `document` (canonical JSON, UTF-8). */
  sha256: string;
  document: string;
  supportEndDate: string | null;
  /** For a version made by submitting a draft: that draft's id. */
  fromDraftId: string | null;
  createdAt: string;
  createdByKeyId: string | null;
}

export interface AssessmentTable {
  declarationId: string;
  regime: string;
  /** The date the assessment was made for (YYYY-MM-DD). */
  at: string;
  outcome: string;
  /** 1 or 0. */
  sellable: number;
  /**
   * The whole assessment result as JSON (DESIGN.md's assessment result) in rows written before migration 0850;
   * '' in later rows, whose result is kept once in assessment_results under `resultSha256`.
   */
  result: string;
  /** SHA-256 (hex) of the result's JSON, the key of its row in assessment_results; null in older rows. */
  resultSha256: string | null;
}

/** Each distinct assessment result once (a product line's declarations mostly share theirs), by its hash. */
export interface AssessmentResultTable {
  sha256: string;
  /** The assessment result as JSON. */
  result: string;
}

export interface AuditTable {
  id: Generated<number>;
  at: string;
  organisationId: string | null;
  keyId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  detail: string;
}

export interface EventTable {
  /** Strictly increasing in commit order: the write seam gives the next after the largest, under the write lock. */
  seq: number;
  at: string;
  type: string;
  subjectId: string;
  productId: string | null;
  organisationId: string | null;
  payload: string;
}

/** A person who signs in to the web pages; belongs to one organisation and has its role. */
export interface UserTable {
  id: string;
  organisationId: string;
  role: OrganisationKind;
  /** As entered, for display; `emailKey` (lower-cased) is what sign-in matches and is unique. */
  email: string;
  emailKey: string;
  name: string;
  /** `scrypt$N$r$p$<salt b64url>$<hash b64url>`: a per-user salt; the password itself is never stored. */
  passwordHash: string;
  createdAt: string;
  disabledAt: string | null;
}

/** A signed-in browser. Only the SHA-256 of the cookie's session id is stored. */
export interface SessionTable {
  idHash: string;
  userId: string;
  createdAt: string;
  /** Sliding idle expiry, never later than `createdAt` + the absolute lifetime. */
  expiresAt: string;
  lastSeenAt: string;
  /** A multi-step form's answers so far (JSON, size-limited), or null. */
  formState: string | null;
}

/** Recent failed sign-ins for one email address (its SHA-256), shared by every process (migration 0800). */
export interface SignInFailureTable {
  emailHash: string;
  failures: number;
  /** When the first failure of the current window happened; the window ends `lockoutMinutes` later. */
  firstAt: string;
  lastAt: string;
}

/** A retailer's settings, chosen once (migration 0830). */
export interface RetailerSettingsTable {
  organisationId: string;
  /** The market its shop is in, a territory code of the markets data. */
  market: string;
  updatedAt: string;
}

/** The public half of a label-signing key. The private half lives in a 0600 file or the environment. */
export interface LabelKeyTable {
  /** RFC 7638 thumbprint. */
  kid: string;
  /** The Ed25519 public key, base64url. */
  x: string;
  status: 'active' | 'retired';
  createdAt: string;
  /** Seconds since 1970 from which the key no longer signs; null while active. */
  retiredAt: number | null;
}

export interface LabelTable {
  /** The short label id (newLabelId), also the token's `sub`. */
  id: string;
  productId: string;
  organisationId: string;
  declarationId: string;
  declarationVersion: number;
  regime: string;
  gtin: string;
  shield: 'tick' | 'cross';
  supportEndDate: string;
  issuedAt: string;
  /** Status list number n (/v1/status-lists/n) and the label's index in it. */
  statusList: number;
  statusIndex: number;
  kid: string;
  /** The signed compact JWS and its claims (JSON), exactly as issued. */
  token: string;
  claims: string;
  /** The `label-issued` event. */
  eventSeq: number;
  /** Current status: the latest row of label_status_changes, kept here for the status list. */
  status: LabelStatus;
  statusAt: string;
  statusReason: string | null;
  /** The label issued for a later declaration version, when there is one. */
  supersededBy: string | null;
}

/** Every status change of a label, never updated or deleted. */
export interface LabelStatusChangeTable {
  id: Generated<number>;
  labelId: string;
  at: string;
  status: LabelStatus;
  previous: LabelStatus;
  reason: string;
  organisationId: string | null;
  eventSeq: number;
}

/** One GTIN on a retailer's watch list (14 digits, check digit verified). */
export interface WatchlistGtinTable {
  organisationId: string;
  gtin: string;
  createdAt: string;
  /** The event that put it on the list: only later events about the product give the retailer a notice. */
  sinceSeq: number;
}

/** A notice for a retailer about a watched product: one feed entry, and one delivery per webhook. */
export interface RetailNoticeTable {
  /** Order of notices (feeds and per-webhook delivery follow it). */
  seq: Generated<number>;
  /** Stable public id (`ntc_...`): the feed entry id and the webhook event id. */
  id: string;
  organisationId: string;
  /** What the notice is about (`event:<seq>`, `support-ending:<product>:<date>`): the same thing is noticed once. */
  dedupeKey: string;
  type: string;
  at: string;
  productId: string;
  /** The notice as JSON (see src/registry/retail/watch-notices.ts). */
  payload: string;
}

/** How far a follower of the events table has read (e.g. `notices`). */
export interface RetailCursorTable {
  name: string;
  seq: number;
}

export interface WebhookTable {
  id: string;
  organisationId: string;
  url: string;
  /** The signing secret, sealed with AES-256-GCM under the registry's webhook key (never stored in clear). */
  secretSealed: string;
  createdAt: string;
  deletedAt: string | null;
}

/** The durable outbox: one row per (webhook, notice), delivered in `seq` order per webhook. */
export interface WebhookDeliveryTable {
  seq: Generated<number>;
  id: string;
  webhookId: string;
  noticeId: string;
  status: 'pending' | 'delivered' | 'cancelled';
  attempts: number;
  nextAttemptAt: string;
  deliveredAt: string | null;
}

export interface WebhookAttemptTable {
  id: Generated<number>;
  deliveryId: string;
  webhookId: string;
  at: string;
  statusCode: number | null;
  error: string | null;
  ms: number;
}

/** One transparency-log entry (canonical JSON bytes) and what it is about, for history lookups. */
export interface LogEntryTable {
  idx: number;
  /** The entry's type (declaration, label-issued, ...). */
  type: string;
  productId: string | null;
  /** The declaration, label or key the entry records. */
  subjectId: string;
  /** Hex SHA-256 of the full document served at /log/documents/<sha256>, when there is one. */
  docSha256: string | null;
  eventSeq: number;
  data: Uint8Array;
}

/** Every perfect subtree hash of the log: level 0 = leaf hashes; a hash tile is a run of one level. */
export interface LogNodeTable {
  level: number;
  idx: number;
  hash: Uint8Array;
}

/** One signed checkpoint per appended batch (c2sp.org/tlog-checkpoint); the largest size is the latest. */
export interface LogCheckpointTable {
  size: number;
  root: Uint8Array;
  note: string;
  createdAt: string;
}

/** Full documents that log entries name by hash (declarations, labels). Only published ones are here. */
export interface LogDocumentTable {
  sha256: string;
  mediaType: string;
  body: string;
}

export interface EvidenceTable {
  id: string;
  declarationId: string;
  /** 1, 2, ... per declaration in upload order (writes are serialised, and timestamps can tie). */
  seq: number;
  productId: string;
  organisationId: string;
  kind: EvidenceKind;
  /** Hex SHA-256 of `document` as stored (canonical JSON for passwords, the UTF-8 text for security.txt). */
  sha256: string;
  document: string;
  /** JSON: what the assessment uses (findings summary, or the security.txt's contacts and expiry). */
  summary: string;
  /** 'upload', or 'fetch' when the registry fetched it from `sourceUrl`. */
  source: 'upload' | 'fetch';
  sourceUrl: string | null;
  createdAt: string;
  createdByKeyId: string | null;
  /** A withdrawal row (migration 0810): the id of the row it withdraws; null for an upload. */
  withdraws: string | null;
  /** A withdrawal's reason, in the manufacturer's words; null for an upload. */
  reason: string | null;
}

/** A catalogue check started from the retailer pages (private working data, not a registry change). */
export interface CheckJobTable {
  /** Insertion order: newest first is highest first. */
  seq: Generated<number>;
  /** Random and unguessable: it is the job's URL. */
  id: string;
  organisationId: string;
  fileName: string;
  /** The regime checked, or for a market check the laws binding a sale there joined by '+'. */
  regime: string;
  /** The market checked (e.g. AU), or null for a check by regime. */
  market: string | null;
  /** The date the catalogue is checked for (YYYY-MM-DD). */
  at: string;
  startedAt: string;
  /** The running process's heartbeat: a running job not updated for a while has lost its process. */
  updatedAt: string;
  finishedAt: string | null;
  state: 'running' | 'done' | 'failed';
  rowsChecked: number;
  /** JSON CheckSummary, once the check reached the end. */
  summary: string | null;
  error: string | null;
}

/** One row's result of a check job, in input order. */
export interface CheckJobResultTable {
  jobId: string;
  seq: number;
  /** 1 when the row may not be sold (the results page's filter), else 0. */
  notSellable: number;
  supportEndDate: string | null;
  /** JSON RowResult. */
  result: string;
}

export interface Database {
  organisations: OrganisationTable;
  apiKeys: ApiKeyTable;
  products: ProductTable;
  productGtins: ProductGtinTable;
  declarations: DeclarationTable;
  assessments: AssessmentTable;
  assessmentResults: AssessmentResultTable;
  audit: AuditTable;
  events: EventTable;
  users: UserTable;
  sessions: SessionTable;
  signInFailures: SignInFailureTable;
  retailerSettings: RetailerSettingsTable;
  labelKeys: LabelKeyTable;
  labels: LabelTable;
  labelStatusChanges: LabelStatusChangeTable;
  watchlistGtins: WatchlistGtinTable;
  retailNotices: RetailNoticeTable;
  retailCursors: RetailCursorTable;
  webhooks: WebhookTable;
  webhookDeliveries: WebhookDeliveryTable;
  webhookAttempts: WebhookAttemptTable;
  logEntries: LogEntryTable;
  logNodes: LogNodeTable;
  logCheckpoints: LogCheckpointTable;
  logDocuments: LogDocumentTable;
  evidence: EvidenceTable;
  checkJobs: CheckJobTable;
  checkJobResults: CheckJobResultTable;
}

export type OrganisationRow = Selectable<OrganisationTable>;
export type ApiKeyRow = Selectable<ApiKeyTable>;
export type ProductRow = Selectable<ProductTable>;
export type DeclarationRow = Selectable<DeclarationTable>;
export type AssessmentRow = Selectable<AssessmentTable>;
/**
 * An assessment as a use case stores it: with its result's JSON, which the store keeps once by its hash
 * (worked out by the store unless the caller has it already).
 */
export type NewAssessmentRow = Omit<AssessmentRow, 'resultSha256'> & { resultSha256?: string | null | undefined };
export type AuditRow = Selectable<AuditTable>;
export type EventRow = Selectable<EventTable>;
export type UserRow = Selectable<UserTable>;
export type SessionRow = Selectable<SessionTable>;
export type SignInFailureRow = Selectable<SignInFailureTable>;
export type LabelKeyRow = Selectable<LabelKeyTable>;
export type LabelRow = Selectable<LabelTable>;
export type LabelStatusChangeRow = Selectable<LabelStatusChangeTable>;
export type NewEvent = Insertable<EventTable>;
export type RetailNoticeRow = Selectable<RetailNoticeTable>;
export type WebhookRow = Selectable<WebhookTable>;
export type WebhookDeliveryRow = Selectable<WebhookDeliveryTable>;
export type WebhookAttemptRow = Selectable<WebhookAttemptTable>;
export type EvidenceRow = Selectable<EvidenceTable>;
export type CheckJobRow = Selectable<CheckJobTable>;
export type CheckJobResultRow = Selectable<CheckJobResultTable>;
