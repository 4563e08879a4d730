// The registry's log entries: small canonical-JSON records, one per published change. The full document an
// entry is about (a declaration, a label token) is named by its SHA-256 and served at /log/documents/<sha256>,
// so the log stays small and a monitor can still check what it commits to.
import { isCalendarDate } from '../../calendar.js';
import { IotlabelError } from '../../errors.js';
import { canonicalJson } from './canonical-json.js';
import type { CommittedEvent, LabelStatusChanged, RegistryEvent, RegistryEventType } from '../events.js';

export type LogEntryType =
  | 'declaration'
  | 'label-issued'
  | 'label-revoked'
  | 'label-suspended'
  | 'label-reinstated'
  | 'product-withdrawn'
  | 'key-activated'
  | 'key-rotated';

/**
 * The event types that become log entries, and as which entry type. Every event of these types emitted through
 * the write seam (ctx.emit) is logged in the same transaction; other events (drafts, API keys) are not.
 * `label-status-changed` is logged by the status it sets (STATUS_ENTRY).
 */
export const LOGGED_EVENTS: Readonly<Partial<Record<RegistryEventType, LogEntryType>>> = {
  'declaration-submitted': 'declaration',
  'label-issued': 'label-issued',
  'product-withdrawn': 'product-withdrawn',
  'label-key-activated': 'key-activated',
  'label-key-rotated': 'key-rotated',
};

/** The one home of the label status -> entry type mapping. */
export const STATUS_ENTRY: Readonly<Record<LabelStatusChanged['payload']['status'], LogEntryType>> = {
  revoked: 'label-revoked',
  suspended: 'label-suspended',
  valid: 'label-reinstated',
};

/** The entry type an event is logged as, or undefined when it is not logged. */
export function logEntryTypeOf(event: RegistryEvent): LogEntryType | undefined {
  if (event.type === 'label-status-changed') return STATUS_ENTRY[event.payload.status];
  return LOGGED_EVENTS[event.type];
}

export const LOG_ENTRY_TYPES: readonly LogEntryType[] = [
  'declaration',
  'label-issued',
  'label-revoked',
  'label-suspended',
  'label-reinstated',
  'product-withdrawn',
  'key-activated',
  'key-rotated',
];

/** A full document a log entry names by its SHA-256 (served at /log/documents/<sha256>). */
export interface LogDocument {
  mediaType: string;
  body: string;
}

/** What an entry records besides its event, from the log itself and the product as it stands. */
export interface LogContext {
  /** The index of the previous entry about the same product, null for its first (or with no product). */
  previous: number | null;
  /** The product's GTINs and promised support end before this event; empty when the event has no product. */
  product: { gtins: readonly string[]; supportEnd: string | null };
  /** Label entries: the log entry of the declaration the label was issued for, when the log has it. */
  declaration?: { index: number; sha256: string | null; verdicts: Record<string, string> };
}

/** An entry before its document is hashed: `sha256` is filled in when the use case has named the document. */
export interface LogEntryDraft {
  record: Omit<LogRecord, 'sha256'> & { sha256: string | null };
  document: LogDocument | null;
}

/** The log entry an event becomes, or null when its type is not logged. Pure: everything comes in. */
export function logEntryOf(event: CommittedEvent, context: LogContext): LogEntryDraft | null {
  const type = logEntryTypeOf(event);
  if (type === undefined) return null;
  const record: LogEntryDraft['record'] = {
    v: 1,
    type,
    time: event.at,
    subject: event.subjectId,
    manufacturer: event.organisationId,
    product: event.productId,
    gtins: event.productId === null ? [] : [...context.product.gtins],
    supportEnd: event.productId === null ? null : context.product.supportEnd,
    verdicts: {},
    sha256: null,
    previous: context.previous,
  };
  if (event.type === 'declaration-submitted') {
    // The entry's document is the declaration itself, as stored (canonical JSON); drafts never get here.
    for (const o of event.payload.outcomes) record.verdicts[o.regime] = o.outcome;
    record.gtins = [...event.logged.gtins];
    record.version = event.payload.version;
    record.supportEnd = event.payload.supportEndDate;
    record.sha256 = event.payload.sha256;
    return { record, document: { mediaType: 'application/json', body: event.logged.document } };
  }
  if (event.type === 'label-issued' && context.declaration) {
    record.declaration = context.declaration.index;
    if (context.declaration.sha256) record.declarationSha256 = context.declaration.sha256;
    record.verdicts = { ...context.declaration.verdicts };
  }
  return { record, document: null };
}

export interface LogRecord {
  /** Format version. */
  v: 1;
  type: LogEntryType;
  /** When the change was committed (ISO 8601 UTC). */
  time: string;
  /** The declaration, label or key the entry records. */
  subject: string;
  /** The manufacturer's organisation id. */
  manufacturer: string | null;
  product: string | null;
  gtins: string[];
  /** The product's support end date as of this entry (YYYY-MM-DD), null when none is declared. */
  supportEnd: string | null;
  /** Regime id -> outcome (pass, fail, out-of-scope) as assessed when the entry was made. */
  verdicts: Record<string, string>;
  /** Hex SHA-256 of the full document (served at /log/documents/<sha256>), null when there is none. */
  sha256: string | null;
  /** The index of the previous entry about the same product, null for its first. */
  previous: number | null;
  /** Declaration entries: the version number. */
  version?: number;
  /** Label entries: the index of the declaration entry the label was issued for, and that declaration's hash. */
  declaration?: number;
  declarationSha256?: string;
}

export function encodeLogRecord(record: LogRecord): Uint8Array {
  return Buffer.from(canonicalJson(record), 'utf8');
}

const fail = (message: string) => new IotlabelError('LOG_ENTRY_MALFORMED', message);
const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 1000;
const isIndex = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

/** Parses and checks one entry; throws LOG_ENTRY_MALFORMED naming the first field that is wrong. */
export function parseLogRecord(bytes: Uint8Array): LogRecord {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    throw fail('entry is not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw fail('entry is not a JSON object');
  const r = value as Record<string, unknown>;
  if (r.v !== 1) throw fail('"v" is not 1');
  if (!LOG_ENTRY_TYPES.includes(r.type as LogEntryType))
    throw fail(`"type" ${JSON.stringify(r.type)} is not a log entry type`);
  if (!isText(r.time) || Number.isNaN(Date.parse(r.time))) throw fail('"time" is not a timestamp');
  if (!isText(r.subject)) throw fail('"subject" is missing');
  for (const field of ['manufacturer', 'product', 'sha256'] as const)
    if (r[field] !== null && !isText(r[field])) throw fail(`"${field}" is not a string or null`);
  if (r.sha256 !== null && !/^[0-9a-f]{64}$/.test(r.sha256 as string))
    throw fail('"sha256" is not 64 lowercase hex digits');
  if (!Array.isArray(r.gtins) || !r.gtins.every(isText)) throw fail('"gtins" is not a list of strings');
  if (r.supportEnd !== null && !isCalendarDate(r.supportEnd)) throw fail('"supportEnd" is not a date or null');
  if (
    typeof r.verdicts !== 'object' ||
    r.verdicts === null ||
    Array.isArray(r.verdicts) ||
    !Object.values(r.verdicts).every(isText)
  )
    throw fail('"verdicts" is not an object of strings');
  if (r.previous !== null && !isIndex(r.previous)) throw fail('"previous" is not an entry index or null');
  if (r.version !== undefined && !isIndex(r.version)) throw fail('"version" is not a whole number');
  if (r.declaration !== undefined && !isIndex(r.declaration)) throw fail('"declaration" is not an entry index');
  if (
    r.declarationSha256 !== undefined &&
    !(typeof r.declarationSha256 === 'string' && /^[0-9a-f]{64}$/.test(r.declarationSha256))
  )
    throw fail('"declarationSha256" is not a hex SHA-256');
  return r as unknown as LogRecord;
}
