// The diagnostic codes of the security.txt validator. The codes (not the wording) are those of the
// DigitalTrustCenter `sectxt` validator that internet.nl uses, so results line up with that tool; a few
// codes marked `iotlabel` are our own (size limits and signature verification), which sectxt does not have.
// Warnings are where the two tools part: RFC 9116 (or a standard it cites) asks for more than internet.nl
// checks. They never make a file invalid, so both tools give the same verdict, and each names what internet.nl
// reports for the same line (`internetNl`: its code, or null for nothing), so a manufacturer sees why they differ.

export type DiagnosticKind = 'error' | 'warning' | 'recommendation' | 'notification';

interface CodeEntry {
  kind: DiagnosticKind;
  source: 'internet.nl' | 'iotlabel';
  message: string;
  internetNl?: string | null;
}

export const SECURITY_TXT_CODES = {
  // Retrieval (only when the file was fetched from a web site).
  no_security_txt: {
    kind: 'error',
    source: 'internet.nl',
    message: 'No security.txt was found at /.well-known/security.txt or /security.txt.',
  },
  location: {
    kind: 'error',
    source: 'internet.nl',
    message:
      'security.txt was only found at the legacy path /security.txt; publish it under /.well-known/security.txt.',
  },
  invalid_uri_scheme: {
    kind: 'error',
    source: 'internet.nl',
    message: 'security.txt was only reachable over plain http; it must be served over https.',
  },
  invalid_cert: {
    kind: 'error',
    source: 'internet.nl',
    message: 'The web server presented a TLS certificate that could not be verified.',
  },
  no_content_type: {
    kind: 'error',
    source: 'internet.nl',
    message: 'The response had no Content-Type header; send "text/plain; charset=utf-8".',
  },
  invalid_media: { kind: 'error', source: 'internet.nl', message: 'The Content-Type media type is not text/plain.' },
  invalid_charset: {
    kind: 'error',
    source: 'internet.nl',
    message: 'The Content-Type charset parameter is present but is not utf-8.',
  },
  no_canonical_match: {
    kind: 'error',
    source: 'internet.nl',
    message:
      'None of the Canonical fields names the address the file was fetched from (or the first or last address of its redirect chain).',
  },
  // Encoding and line structure.
  utf8: { kind: 'error', source: 'internet.nl', message: 'The file is not valid UTF-8.' },
  bom_in_file: {
    kind: 'error',
    source: 'internet.nl',
    message: 'The file starts with a byte-order mark; RFC 9116 files are UTF-8 without one.',
  },
  no_line_separators: {
    kind: 'error',
    source: 'internet.nl',
    message: 'This line does not end with a line break (LF or CRLF); every line, the last one included, must.',
  },
  invalid_line: {
    kind: 'error',
    source: 'internet.nl',
    message: 'This line is neither a "Name: value" field, a comment nor blank.',
  },
  prec_ws: {
    kind: 'error',
    source: 'internet.nl',
    message: 'There is whitespace between the field name and the colon.',
  },
  no_space: {
    kind: 'error',
    source: 'internet.nl',
    message: 'The colon after the field name is not followed by a space.',
  },
  empty_key: { kind: 'error', source: 'internet.nl', message: 'The field name before the colon is empty.' },
  empty_value: { kind: 'error', source: 'internet.nl', message: 'The field has no value.' },
  // Field values and cardinality.
  no_contact: { kind: 'error', source: 'internet.nl', message: 'There is no Contact field; at least one is required.' },
  no_expire: { kind: 'error', source: 'internet.nl', message: 'There is no Expires field; exactly one is required.' },
  multi_expire: {
    kind: 'error',
    source: 'internet.nl',
    message: 'Expires appears more than once; exactly one is allowed.',
  },
  invalid_expiry: {
    kind: 'error',
    source: 'internet.nl',
    message: 'The Expires value is not an RFC 3339 date-time with a time zone (e.g. 2027-01-31T23:59:59Z).',
  },
  expired: {
    kind: 'error',
    source: 'internet.nl',
    message: 'The Expires date has passed, so the file must no longer be trusted.',
  },
  multi_lang: {
    kind: 'error',
    source: 'internet.nl',
    message: 'Preferred-Languages appears more than once; at most one is allowed.',
  },
  invalid_lang: {
    kind: 'error',
    source: 'internet.nl',
    message: 'Preferred-Languages must be a comma-separated list of RFC 5646 language tags.',
  },
  no_uri: {
    kind: 'error',
    source: 'internet.nl',
    message: 'The value of this field must be a URI (with a scheme such as mailto:, tel: or https://).',
  },
  no_https: { kind: 'error', source: 'internet.nl', message: 'A web address in this field must start with https://.' },
  no_csaf_file: {
    kind: 'error',
    source: 'internet.nl',
    message: 'Every CSAF field must point to a provider-metadata.json file.',
  },
  // OpenPGP cleartext signature.
  signed_format_issue: {
    kind: 'error',
    source: 'internet.nl',
    message: 'A signed file must begin with "-----BEGIN PGP SIGNED MESSAGE-----" on its first line.',
  },
  data_after_sig: { kind: 'error', source: 'internet.nl', message: 'There is content after the end of the signature.' },
  pgp_data_error: {
    kind: 'error',
    source: 'internet.nl',
    message: 'The OpenPGP cleartext envelope or its ASCII armour is malformed.',
  },
  pgp_error: {
    kind: 'error',
    source: 'internet.nl',
    message: 'The signature block could not be decoded (bad base64, checksum or packet framing).',
  },
  pgp_signature_error: {
    kind: 'error',
    source: 'internet.nl',
    message: 'The signature block decodes, but not into an OpenPGP signature.',
  },
  too_many_line_separators: {
    kind: 'error',
    source: 'internet.nl',
    message: 'A signed file must not end with more than one line break.',
  },
  // Our own limits and signature verification.
  file_too_large: {
    kind: 'error',
    source: 'iotlabel',
    message: 'The file is larger than the size limit and was not read.',
  },
  too_many_lines: { kind: 'error', source: 'iotlabel', message: 'The file has more lines than the limit.' },
  signature_mismatch: {
    kind: 'error',
    source: 'iotlabel',
    message: 'The signature does not verify with the given public key.',
  },
  // Warnings: stricter than internet.nl, never an error (docs/securitytxt.md, "Where iotlabel and internet.nl differ").
  field_too_long: {
    kind: 'warning',
    source: 'iotlabel',
    internetNl: null,
    message:
      'This field line is longer than 2,048 characters. RFC 9116 sets no limit and it was read, but some readers refuse such lines.',
  },
  expiry_space: {
    kind: 'warning',
    source: 'iotlabel',
    internetNl: null,
    message:
      'Expires separates the date and the time with a space; an RFC 3339 date-time has a "T" there (2027-01-31T23:59:59Z). It was read as if it had.',
  },
  uri_space: {
    kind: 'warning',
    source: 'iotlabel',
    internetNl: null,
    message: 'This URI contains a space, tab or carriage return, which RFC 3986 does not allow (write %20).',
  },
  uri_empty: {
    kind: 'warning',
    source: 'iotlabel',
    internetNl: null,
    message: 'This URI names nothing after its scheme (a bare "mailto:" or "https://"): nobody can be reached at it.',
  },
  cleartext_uri: {
    kind: 'warning',
    source: 'iotlabel',
    internetNl: null,
    message:
      'This ftp:// address is fetched in the clear. RFC 9116 requires https only for web URIs, so it is allowed, but https is safer.',
  },
  field_name_not_ascii: {
    kind: 'warning',
    source: 'iotlabel',
    internetNl: 'unknown_field',
    message:
      'The field name has characters outside printable ASCII, which RFC 5322 field names (and so RFC 9116) do not allow. It was read as an unknown field.',
  },
  leading_whitespace: {
    kind: 'warning',
    source: 'iotlabel',
    internetNl: 'unknown_field',
    message:
      'This field line starts with a space or tab, which RFC 9116 lines do not. As internet.nl does, it was read as an unknown field whose name starts with the blank, so it does not count as the field it names.',
  },
  bare_cr: {
    kind: 'warning',
    source: 'iotlabel',
    internetNl: null,
    message:
      'This line holds a carriage return not followed by a line feed. RFC 9116 lines end in CRLF or LF; the CR was read as part of the line.',
  },
  // Recommendations.
  long_expiry: {
    kind: 'recommendation',
    source: 'internet.nl',
    message: 'Expires is more than a year ahead; keep it under a year so the file is reviewed.',
  },
  no_encryption: {
    kind: 'recommendation',
    source: 'internet.nl',
    message: 'A Contact is an e-mail address but there is no Encryption field pointing to a key.',
  },
  not_signed: {
    kind: 'recommendation',
    source: 'internet.nl',
    message: 'The file is not signed with an OpenPGP cleartext signature.',
  },
  no_canonical: {
    kind: 'recommendation',
    source: 'internet.nl',
    message: 'The file is signed but has no Canonical field saying where it belongs.',
  },
  multiple_csaf_fields: {
    kind: 'recommendation',
    source: 'internet.nl',
    message: 'There is more than one CSAF field; one is preferred.',
  },
  // Notifications.
  unknown_field: {
    kind: 'notification',
    source: 'internet.nl',
    message: 'This field is not defined by RFC 9116 (a custom field or a misspelling); readers ignore it.',
  },
} as const satisfies Record<string, CodeEntry>;

export type SecurityTxtCode = keyof typeof SECURITY_TXT_CODES;
