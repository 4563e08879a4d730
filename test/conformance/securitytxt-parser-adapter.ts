// Maps our validator's result onto the result shape and diagnostic codes of the npm library
// security-txt-parser, whose conformance.json fixtures we run. The two tools agree on what a valid file is
// but differ in codes, in what they check and in the order of findings; this table is the whole difference.
import { parseLanguageList } from '../../src/evidence/securitytxt/language-tag.js';
import type { SecurityTxtCode } from '../../src/evidence/securitytxt/codes.js';
import type { SecurityTxtDiagnostic, SecurityTxtResult } from '../../src/evidence/securitytxt/types.js';

export interface ParserDiagnostic {
  code: string;
  line: number | null;
}

/**
 * Our code -> theirs. `null`: that library has no such check, so the finding is left out:
 * - no_space: it trims the value and accepts "Name:value".
 * - no_csaf_file: it does not require CSAF to name provider-metadata.json.
 * - signed_format_issue, pgp_data_error, pgp_error, pgp_signature_error: it looks at the envelope lines only and
 *   never decodes the signature block (its fixtures use the text "placeholder" as a signature). Where our
 *   envelope is incomplete we, like it, read the file as unsigned text, so the other findings agree.
 * - data_after_sig, too_many_line_separators: it ignores everything after the signature.
 * - utf8, signature_mismatch and the retrieval codes: its input is a string, and it neither verifies nor fetches.
 * `'line'` codes: it rejects the whole line as invalid_line (name or separator malformed), so the adapter also
 * drops that line's field and the findings about its value.
 * Our warnings (where RFC 9116 asks more than internet.nl checks) are errors there, so they map onto its errors:
 * - field_too_long: it refuses a registered field's line over 2,048 characters and drops the field; we read it.
 * - expiry_space: it refuses "2027-01-31 23:59:59Z" (and so judges no expiry from it); we read it.
 * - uri_space, uri_empty: its invalid_uri. cleartext_uri (ftp://): its invalid_https_field.
 * - field_name_not_ascii, leading_whitespace: it rejects the line as invalid_line; we read an unknown field.
 * - bare_cr: its invalid_line_ending.
 */
export const CODE_MAP: Record<SecurityTxtCode, string | null> = {
  no_expire: 'no_expires',
  multi_expire: 'multi_expires',
  invalid_expiry: 'invalid_expires',
  expired: 'expired',
  no_contact: 'no_contact',
  multi_lang: 'multi_lang',
  invalid_lang: 'invalid_lang',
  no_uri: 'invalid_uri',
  no_https: 'invalid_https_field', // invalid_contact_scheme when the field is Contact
  invalid_line: 'invalid_line',
  prec_ws: 'invalid_line',
  empty_key: 'invalid_line',
  empty_value: 'invalid_line',
  no_space: null,
  field_too_long: 'field_too_long',
  expiry_space: 'invalid_expires',
  uri_space: 'invalid_uri',
  uri_empty: 'invalid_uri',
  cleartext_uri: 'invalid_https_field', // invalid_contact_scheme when the field is Contact
  field_name_not_ascii: 'invalid_line',
  leading_whitespace: 'invalid_line',
  bare_cr: 'invalid_line_ending',
  bom_in_file: 'bom_present',
  no_line_separators: 'invalid_line_ending',
  file_too_large: 'file_too_large',
  too_many_lines: 'too_many_lines',
  long_expiry: 'long_expiry',
  no_encryption: 'no_encryption',
  not_signed: 'not_signed',
  no_canonical: 'no_canonical',
  multiple_csaf_fields: 'multi_csaf',
  unknown_field: 'unknown_field',
  no_csaf_file: null,
  signed_format_issue: null,
  pgp_data_error: null,
  pgp_error: null,
  pgp_signature_error: null,
  data_after_sig: null,
  too_many_line_separators: null,
  utf8: null,
  signature_mismatch: null,
  no_security_txt: null,
  location: null,
  invalid_uri_scheme: null,
  invalid_cert: null,
  no_content_type: null,
  invalid_media: null,
  invalid_charset: null,
  no_canonical_match: null,
};

// Its order: line-level findings by line, then value findings by line, then whole-file checks in a fixed order.
const PHYSICAL = [
  'file_too_large',
  'bom_present',
  'invalid_line_ending',
  'too_many_lines',
  'invalid_line',
  'field_too_long',
];
const VALUE = [
  'invalid_uri',
  'invalid_contact_scheme',
  'invalid_https_field',
  'invalid_expires',
  'expired',
  'invalid_lang',
];
const CARDINALITY = ['no_contact', 'no_expires', 'multi_expires', 'multi_lang'];
const RECOMMENDATION = ['long_expiry', 'no_encryption', 'not_signed', 'no_canonical', 'multi_csaf'];
const LINE_REJECTED = new Set<SecurityTxtCode>([
  'prec_ws',
  'empty_key',
  'empty_value',
  'invalid_line',
  'field_too_long',
  'field_name_not_ascii',
  'leading_whitespace',
]);
const SCHEME_CODES = new Set<SecurityTxtCode>(['no_https', 'cleartext_uri']);

const byLine = (a: ParserDiagnostic, b: ParserDiagnostic) => (a.line ?? Infinity) - (b.line ?? Infinity);

export function toParserResult(ours: SecurityTxtResult) {
  const findings = [...ours.errors, ...ours.warnings];
  const rejected = new Set(findings.filter((e) => LINE_REJECTED.has(e.code)).map((e) => e.line));
  // An Expires it refuses is not compared with the clock there.
  const unreadExpiry = new Set(ours.warnings.filter((w) => w.code === 'expiry_space').map((w) => w.line));
  const fields = ours.fields.filter((f) => !rejected.has(f.line));
  const fieldAt = (line: number | null) => fields.find((f) => f.line === line)?.name.toLowerCase();
  const map = (d: SecurityTxtDiagnostic): ParserDiagnostic[] => {
    const code =
      SCHEME_CODES.has(d.code) && fieldAt(d.line) === 'contact' ? 'invalid_contact_scheme' : CODE_MAP[d.code];
    if (code === null) return [];
    if (unreadExpiry.has(d.line) && (d.code === 'expired' || d.code === 'long_expiry')) return [];
    // Value findings about a line it rejected do not exist there.
    if (rejected.has(d.line) && !PHYSICAL.includes(code)) return [];
    return [{ code, line: d.line }];
  };
  const mapped = findings.flatMap(map);
  const unique = mapped.filter((d, i) => mapped.findIndex((e) => e.code === d.code && e.line === d.line) === i);
  const errors = [
    ...unique.filter((d) => PHYSICAL.includes(d.code)).sort(byLine),
    ...unique.filter((d) => VALUE.includes(d.code)).sort(byLine),
    ...CARDINALITY.flatMap((code) => unique.filter((d) => d.code === code)),
  ];
  const recommendations = RECOMMENDATION.flatMap((code) =>
    ours.recommendations.flatMap(map).filter((d) => d.code === code),
  );
  const values = (name: string) => fields.filter((f) => f.name.toLowerCase() === name).map((f) => f.value);
  return {
    valid: errors.length === 0,
    fields: fields.map(({ name, value, line }) => ({ name, value, line })),
    contact: values('contact'),
    expires: values('expires')[0] ?? null,
    acknowledgments: values('acknowledgments'),
    canonical: values('canonical'),
    csaf: values('csaf'),
    encryption: values('encryption'),
    hiring: values('hiring'),
    policy: values('policy'),
    // It lists the tags of every Preferred-Languages field whose whole list is valid.
    preferredLanguages: values('preferred-languages').flatMap((v) => parseLanguageList(v) ?? []),
    signed: ours.signed,
    errors,
    recommendations,
    notifications: ours.notifications.flatMap(map),
  };
}
