// Shapes of the security.txt validator's input options and result.
import type { SecurityTxtCode } from './codes.js';

export interface SecurityTxtDiagnostic {
  code: SecurityTxtCode;
  message: string;
  /** 1-based physical line, or null for a finding about the whole file. */
  line: number | null;
  /** On a warning: what internet.nl reports for the same line (its code), or null when it reports nothing. */
  internetNl?: string | null;
}

export interface SecurityTxtField {
  /** As written in the file (field names are case-insensitive). */
  name: string;
  value: string;
  line: number;
}

/** How each physical line was read (mirrors sectxt's line classification). */
export interface SecurityTxtLine {
  type: 'field' | 'comment' | 'empty' | 'pgp_envelope' | 'error';
  value: string;
}

export interface SecurityTxtLimits {
  /** UTF-8 bytes; larger input is rejected unread. Default 32768. */
  maxBytes: number;
  /** Physical lines. Default 1000. */
  maxLines: number;
  /** Characters of a registered field's line beyond which field_too_long warns. Default 2048. */
  maxFieldLength: number;
}

export interface ParseSecurityTxtOptions {
  /** The clock: Expires is compared with this instant. */
  now: Date;
  /** Report fields RFC 9116 does not define (default true). */
  recommendUnknownFields?: boolean;
  /** Addresses the file was fetched from (first and last of a redirect chain), for the Canonical check. */
  urls?: readonly string[];
  limits?: Partial<SecurityTxtLimits>;
  /** Findings from retrieving the file (location, scheme, Content-Type), reported before the content's own. */
  retrieval?: readonly RetrievalFinding[];
}

export interface RetrievalFinding {
  code: SecurityTxtCode;
  detail?: string;
}

export interface SecurityTxtResult {
  /** No errors. */
  valid: boolean;
  /** Expires parsed and lies before `now`. */
  expired: boolean;
  /** True when the file is wrapped in a well-formed OpenPGP cleartext envelope (the signature itself is not verified here). */
  signed: boolean;
  contacts: string[];
  /** The first Expires value as written, or null. */
  expires: string | null;
  /** The first valid Expires value as an ISO-8601 UTC instant, or null. */
  expiresAt: string | null;
  encryption: string[];
  acknowledgments: string[];
  preferredLanguages: string[];
  canonical: string[];
  policy: string[];
  hiring: string[];
  csaf: string[];
  fields: SecurityTxtField[];
  lines: SecurityTxtLine[];
  errors: SecurityTxtDiagnostic[];
  /** Where RFC 9116 asks for more than internet.nl checks: reported, but the file stays valid. */
  warnings: SecurityTxtDiagnostic[];
  recommendations: SecurityTxtDiagnostic[];
  notifications: SecurityTxtDiagnostic[];
}
