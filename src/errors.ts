// The one error catalogue. Every failure the project reports has a code here, with the HTTP status the
// API answers and the exit code the CLI ends with. Modules define small subclasses of IotlabelError in
// their own errors.ts; they never throw a bare Error for something a user did.

export const ERROR_CATALOGUE = {
  // Bad input (exit 2).
  USAGE: { status: 400, exit: 2, title: 'Bad usage' },
  INPUT_INVALID: { status: 400, exit: 2, title: 'Input is not valid' },
  INPUT_UNREADABLE: { status: 400, exit: 2, title: 'Input cannot be read' },
  DECLARATION_INVALID: { status: 422, exit: 2, title: 'Declaration is not valid' },
  REGIME_UNKNOWN: { status: 404, exit: 2, title: 'Unknown regime' },
  MARKET_UNKNOWN: { status: 404, exit: 2, title: 'Unknown market' },
  REGIME_DATA_INVALID: { status: 500, exit: 2, title: 'Rulebook data is not valid' },
  GTIN_INVALID: { status: 400, exit: 2, title: 'GTIN is not valid' },
  PAYLOAD_TOO_LARGE: { status: 413, exit: 2, title: 'Input is too large' },
  KEY_INVALID: { status: 400, exit: 2, title: 'Signing key or key set is not valid' },
  PASSWORD_BATCH_INVALID: { status: 400, exit: 2, title: 'Password batch is not valid' },
  PASSWORD_CORPUS_INVALID: { status: 400, exit: 2, title: 'Default-credential corpus is not valid' },
  // Checks that ran and failed (exit 1).
  TOKEN_MALFORMED: { status: 400, exit: 1, title: 'Label token is malformed' },
  TOKEN_SIGNATURE_INVALID: { status: 400, exit: 1, title: 'Label signature does not verify' },
  TOKEN_KEY_UNKNOWN: { status: 400, exit: 1, title: 'Label was signed with an unknown key' },
  TOKEN_KEY_EXPIRED: { status: 400, exit: 1, title: 'Label was signed with a retired key' },
  TOKEN_CLAIMS_INVALID: { status: 400, exit: 1, title: 'Label claims are not valid' },
  LABEL_REVOKED: { status: 410, exit: 1, title: 'Label is revoked' },
  LABEL_SUSPENDED: { status: 409, exit: 1, title: 'Label is suspended' },
  STATUS_LIST_INVALID: { status: 400, exit: 1, title: 'Status list is not valid' },
  ISSUER_NOT_TRUSTED: { status: 400, exit: 1, title: 'Label was issued by a registry the verifier does not trust' },
  REVOCATION_NOT_CHECKED: { status: 400, exit: 1, title: 'Revocation of the label was not checked' },
  LABEL_LINK_INVALID: { status: 400, exit: 1, title: 'Link is not a label link' },
  STATEMENT_INCOMPLETE: { status: 422, exit: 1, title: 'Statement of compliance is incomplete' },
  TLOG_INCLUSION_PROOF_INVALID: { status: 400, exit: 1, title: 'Inclusion proof does not verify' },
  TLOG_CONSISTENCY_PROOF_INVALID: { status: 400, exit: 1, title: 'Consistency proof does not verify' },
  TLOG_CHECKPOINT_INVALID: { status: 400, exit: 1, title: 'Checkpoint is not valid' },
  TLOG_NOTE_SIGNATURE_INVALID: { status: 400, exit: 1, title: 'Signed note does not verify' },
  TLOG_TILE_INVALID: { status: 400, exit: 1, title: 'Log tile is not valid' },
  TLOG_INCONSISTENT: { status: 500, exit: 1, title: 'Log is inconsistent' },
  TLOG_NOTE_MALFORMED: { status: 400, exit: 1, title: 'Signed note is malformed' },
  TLOG_NOTE_KEY_UNKNOWN: { status: 400, exit: 1, title: 'Signed note has no signature from a known key' },
  TLOG_PROOF_MALFORMED: { status: 400, exit: 1, title: 'Log proof is malformed' },
  TLOG_ENTRY_MISMATCH: { status: 500, exit: 1, title: 'Log entry does not match its hash' },
  TLOG_ENTRY_MISSING: { status: 500, exit: 1, title: 'Log entry is missing' },
  TLOG_ENTRIES_REORDERED: { status: 500, exit: 1, title: 'Log entries are out of order' },
  TLOG_TILE_MISMATCH: { status: 500, exit: 1, title: 'Log tile does not match the entries' },
  TLOG_ROOT_MISMATCH: { status: 500, exit: 1, title: 'Checkpoint root does not match the log' },
  TLOG_KEY_INVALID: { status: 400, exit: 2, title: 'Log key is not valid' },
  TLOG_RANGE_INVALID: { status: 400, exit: 2, title: 'Log index or size is out of range' },
  TLOG_ENTRY_TOO_LARGE: { status: 413, exit: 2, title: 'Log entry is too large' },
  LOG_ENTRY_MALFORMED: { status: 500, exit: 1, title: 'Log entry is not a registry record' },
  LOG_SUPPORT_SHORTENED: { status: 500, exit: 1, title: 'Log shows a support period shortened' },
  LOG_LABEL_UNMATCHED: { status: 500, exit: 1, title: 'Log shows a label without its declaration' },
  LOG_SERVED_SUPPORT_MISMATCH: { status: 500, exit: 1, title: 'Served support end date differs from the log' },
  LOG_SERVED_DECLARATION_MISMATCH: { status: 500, exit: 1, title: 'Served declaration differs from the log' },
  LOG_SERVED_DOCUMENT_MISMATCH: { status: 500, exit: 1, title: 'Served document does not hash to the logged SHA-256' },
  LOG_SERVED_LABEL_MISMATCH: { status: 500, exit: 1, title: 'Served label status differs from the log' },
  LOG_SERVED_PROOF_INVALID: { status: 500, exit: 1, title: 'Served inclusion proof does not verify' },
  LOG_SERVED_UNAVAILABLE: { status: 500, exit: 1, title: 'An answer the log backs is not served' },
  LOG_STATE_MISMATCH: { status: 500, exit: 1, title: "Registry's stored facts disagree with its log" },
  LOG_STATUS_UNKNOWN_LABEL: { status: 500, exit: 1, title: 'Log shows a status change for a label never issued' },
  LOG_HISTORY_BROKEN: { status: 500, exit: 1, title: 'Log entry does not point at the previous entry of its product' },
  LOG_DOCUMENT_MISMATCH: { status: 500, exit: 1, title: 'Served document does not match its log entry' },
  SNAPSHOT_INVALID: { status: 400, exit: 1, title: 'Snapshot is not valid' },
  SNAPSHOT_BASE_UNKNOWN: { status: 410, exit: 1, title: 'Snapshot to start the delta from is no longer kept' },
  // Registry and HTTP.
  UNAUTHENTICATED: { status: 401, exit: 2, title: 'Authentication required' },
  FORBIDDEN: { status: 403, exit: 2, title: 'Not allowed' },
  NOT_FOUND: { status: 404, exit: 1, title: 'Not found' },
  CONFLICT: { status: 409, exit: 1, title: 'Conflict' },
  SUPPORT_PERIOD_SHORTENED: { status: 409, exit: 1, title: 'Support period cannot be shortened' },
  GTIN_TAKEN: { status: 409, exit: 1, title: 'GTIN already registered' },
  LABEL_NOT_ISSUABLE: { status: 409, exit: 1, title: 'Label cannot be issued' },
  LABEL_KEY_UNAVAILABLE: { status: 503, exit: 2, title: 'Label-signing key is not available' },
  RATE_LIMITED: { status: 429, exit: 1, title: 'Too many requests' },
  NETWORK_FAILED: { status: 502, exit: 1, title: 'Network request failed' },
  NETWORK_TIMEOUT: { status: 504, exit: 1, title: 'Network request timed out' },
  RESPONSE_TOO_LARGE: { status: 502, exit: 1, title: 'Response is larger than the limit' },
  TOO_MANY_REDIRECTS: { status: 502, exit: 1, title: 'Too many redirects' },
  TLS_CERTIFICATE_INVALID: { status: 502, exit: 1, title: 'TLS certificate could not be verified' },
  URL_NOT_ALLOWED: { status: 400, exit: 2, title: 'URL is not allowed' },
  INTERNAL: { status: 500, exit: 1, title: 'Internal error' },
  MEDIA_TYPE_UNSUPPORTED: { status: 415, exit: 2, title: 'Media type not supported' },
  PRODUCT_WITHDRAWN: { status: 409, exit: 1, title: 'Product is withdrawn' },
  SERVICE_UNAVAILABLE: { status: 503, exit: 1, title: 'Service unavailable' },
  EVIDENCE_INVALID: { status: 422, exit: 2, title: 'Evidence document is not valid' },
  ADDRESS_NOT_ALLOWED: { status: 422, exit: 2, title: 'Address is not allowed' },
} as const satisfies Record<string, { status: number; exit: 0 | 1 | 2; title: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** One thing wrong with an input: what, and where (a JSON pointer, a line, a Schedule 4 item) when known. */
export interface Problem {
  message: string;
  path?: string;
  line?: number;
  item?: string;
}

/** Base of every error the project throws on purpose. `code` is stable; `message` says exactly what was wrong. */
export class IotlabelError extends Error {
  readonly code: ErrorCode;
  /** Extra machine-readable detail that is not a list of problems (e.g. the known regimes). */
  readonly details?: unknown;
  /** Every problem found, for errors about an input with several things wrong; [] otherwise. */
  readonly problems: readonly Problem[];

  constructor(
    code: ErrorCode,
    message: string,
    options?: { cause?: unknown; details?: unknown; problems?: readonly Problem[] },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.details = options?.details;
    this.problems = options?.problems ?? [];
  }

  get status(): number {
    return ERROR_CATALOGUE[this.code].status;
  }

  get exitCode(): 0 | 1 | 2 {
    return ERROR_CATALOGUE[this.code].exit;
  }
}

export function isIotlabelError(value: unknown): value is IotlabelError {
  return value instanceof IotlabelError;
}
