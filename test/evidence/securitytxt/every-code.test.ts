// One minimal input per diagnostic code: each must fire (with its line, where it has one), and every code
// in the catalogue must be covered here.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { SECURITY_TXT_CODES, type SecurityTxtCode } from '../../../src/evidence/securitytxt/codes.js';
import { parseSecurityTxt } from '../../../src/evidence/securitytxt/parse.js';
import type { ParseSecurityTxtOptions, SecurityTxtResult } from '../../../src/evidence/securitytxt/types.js';
import {
  verifySecurityTxtSignature,
  withSignatureVerification,
} from '../../../src/evidence/securitytxt/verify-signature.js';
import { fetchSecurityTxt } from '../../../src/net/fetch-security-txt.js';
import { makeSignedFixture, type SignedFixture } from './signed-fixture.js';

const now = new Date('2026-06-01T00:00:00Z');
const BASE = 'Contact: https://example.com/report\nExpires: 2026-12-01T00:00:00Z\n';
const covered = new Set<string>();
let fixture: SignedFixture;

before(async () => {
  fixture = await makeSignedFixture(`Canonical: https://example.com/.well-known/security.txt\n${BASE}`);
});

function expectCode(result: SecurityTxtResult, code: SecurityTxtCode, line?: number | null): void {
  const all = [...result.errors, ...result.warnings, ...result.recommendations, ...result.notifications];
  const hit = all.find((d) => d.code === code);
  assert.ok(hit, `expected ${code}, got ${JSON.stringify(all.map((d) => [d.code, d.line]))}`);
  if (line !== undefined) assert.equal(hit.line, line, `${code} line`);
  assert.equal(result.valid, result.errors.length === 0);
  const entry: { kind: string; internetNl?: string | null } = SECURITY_TXT_CODES[code];
  if (entry.kind === 'error') assert.equal(result.valid, false);
  // A warning is in its own list and names internet.nl's finding for the line beside ours.
  if (entry.kind === 'warning') {
    assert.ok(result.warnings.includes(hit), `${code} is listed as a warning`);
    assert.equal(hit.internetNl, entry.internetNl ?? null);
  }
  covered.add(code);
}

const parse = (input: string | Uint8Array, options: Partial<ParseSecurityTxtOptions> = {}) =>
  parseSecurityTxt(input, { now, ...options });

const CONTENT: [SecurityTxtCode, () => string | Uint8Array, number | null, Partial<ParseSecurityTxtOptions>?][] = [
  ['utf8', () => new Uint8Array([...new TextEncoder().encode(BASE), 0x23, 0xff, 0x0a]), null],
  ['bom_in_file', () => `\uFEFF${BASE}`, 1],
  ['no_line_separators', () => BASE.trimEnd(), 2],
  ['invalid_line', () => `${BASE}just words\n`, 3],
  ['prec_ws', () => `${BASE}Policy : https://example.com/p\n`, 3],
  ['no_space', () => `${BASE}Policy:https://example.com/p\n`, 3],
  ['empty_key', () => `${BASE}: https://example.com/p\n`, 3],
  ['empty_value', () => `${BASE}Policy:\n`, 3],
  ['no_contact', () => 'Expires: 2026-12-01T00:00:00Z\n', null],
  ['no_expire', () => 'Contact: https://example.com/report\n', null],
  ['multi_expire', () => `${BASE}Expires: 2026-11-01T00:00:00Z\n`, 3],
  ['invalid_expiry', () => 'Contact: https://example.com/report\nExpires: 2026-12-01T00:00:00\n', 2],
  ['expiry_space', () => 'Contact: https://example.com/report\nExpires: 2026-12-01 00:00:00Z\n', 2],
  ['uri_space', () => 'Contact: mailto:security@exa mple.com\nExpires: 2026-12-01T00:00:00Z\n', 1],
  ['uri_empty', () => `Contact: mailto:\n${BASE}`, 1],
  ['cleartext_uri', () => `${BASE}Acknowledgments: ftp://example.com/thanks\n`, 3],
  ['field_name_not_ascii', () => `${BASE}Kontaktö: https://example.com/k\n`, 3],
  ['leading_whitespace', () => ` ${BASE}`, 1],
  ['bare_cr', () => `# a comment\rstill the comment\n${BASE}`, 1],
  ['expired', () => 'Contact: https://example.com/report\nExpires: 2026-05-31T23:59:59+00:00\n', 2],
  ['multi_lang', () => `${BASE}Preferred-Languages: en\nPreferred-Languages: nl\n`, 4],
  ['invalid_lang', () => `${BASE}Preferred-Languages: en, English\n`, 3],
  ['no_uri', () => 'Contact: security@example.com\nExpires: 2026-12-01T00:00:00Z\n', 1],
  ['no_https', () => `${BASE}Policy: http://example.com/policy\n`, 3],
  ['no_csaf_file', () => `${BASE}CSAF: https://example.com/csaf/index.json\n`, 3],
  ['file_too_large', () => `${BASE}#${'x'.repeat(40_000)}\n`, null],
  ['too_many_lines', () => `${BASE}# one line too many\n`, null, { limits: { maxLines: 2 } }],
  [
    'field_too_long',
    () => `${BASE}Policy: https://example.com/${'x'.repeat(40)}\n`,
    3,
    { limits: { maxFieldLength: 40 } },
  ],
  [
    'no_canonical_match',
    () => `${BASE}Canonical: https://other.example/.well-known/security.txt\n`,
    3,
    { urls: ['https://example.com/.well-known/security.txt'] },
  ],
  ['long_expiry', () => 'Contact: https://example.com/report\nExpires: 2027-06-02T00:00:00Z\n', 2],
  ['no_encryption', () => 'Contact: mailto:security@example.com\nExpires: 2026-12-01T00:00:00Z\n', null],
  ['not_signed', () => BASE, null],
  [
    'multiple_csaf_fields',
    () => `${BASE}CSAF: https://a.example/provider-metadata.json\nCSAF: https://b.example/provider-metadata.json\n`,
    4,
  ],
  ['unknown_field', () => `${BASE}X-Bug-Bounty: https://example.com/bounty\n`, 3],
];

for (const [code, input, line, options] of CONTENT) {
  test(`${code} fires on its minimal input`, () => expectCode(parse(input(), options), code, line));
}

// Signed inputs: built from a real signature so that only the intended defect is present.
const signatureLines = () => fixture.signed.split('\n');
const SIGNED: [SecurityTxtCode, () => string, () => number | null][] = [
  ['signed_format_issue', () => `\n${fixture.signed}`, () => 2],
  ['data_after_sig', () => `${fixture.signed}Contact: https://evil.example/\n`, () => signatureLines().length],
  ['too_many_line_separators', () => `${fixture.signed}\n`, () => signatureLines().length + 1],
  [
    'pgp_data_error',
    () => fixture.signed.replace('-----BEGIN PGP SIGNATURE-----\n\n', '-----BEGIN PGP SIGNATURE-----\n'),
    () => null,
  ],
  [
    'pgp_error',
    () => fixture.signed.replace(/\n=(....)\n/, (_m, sum: string) => `\n=${sum === 'AAAA' ? 'BBBB' : 'AAAA'}\n`),
    () => null,
  ],
  // A literal-data packet (tag 11) where a signature packet belongs.
  [
    'pgp_signature_error',
    () =>
      fixture.signed.replace(
        /-----BEGIN PGP SIGNATURE-----\n\n[^]*?-----END/,
        '-----BEGIN PGP SIGNATURE-----\n\nywFi\n-----END',
      ),
    () => null,
  ],
];

for (const [code, input, line] of SIGNED) {
  test(`${code} fires on its minimal signed input`, () => expectCode(parse(input()), code, line() ?? undefined));
}

test('a well-formed signed file has no findings but no_canonical when Canonical is missing', async () => {
  const bare = await makeSignedFixture(BASE);
  const result = parse(bare.signed);
  assert.deepEqual(result.errors, []);
  assert.equal(result.signed, true);
  expectCode(result, 'no_canonical', null);
  assert.deepEqual(parse(fixture.signed).recommendations, []);
});

test('signature_mismatch fires when the signature does not verify with the given key', async () => {
  const verification = await verifySecurityTxtSignature(fixture.signed, fixture.otherPublicKey, { now });
  expectCode(withSignatureVerification(parse(fixture.signed), verification), 'signature_mismatch', null);
});

// Retrieval codes: a fake network answering only the listed addresses.
type Answer = { status?: number; headers?: Record<string, string>; body?: string; tls?: boolean };
function site(answers: Record<string, Answer>) {
  return async (url: string): Promise<Response> => {
    const a = answers[url];
    if (!a) throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    if (a.tls) throw new TypeError('fetch failed', { cause: { code: 'CERT_HAS_EXPIRED' } });
    return new Response(new TextEncoder().encode(a.body ?? BASE), {
      status: a.status ?? 200,
      headers: a.headers ?? {},
    });
  };
}
const TEXT = { 'content-type': 'text/plain; charset=utf-8' };
const WK = 'https://example.com/.well-known/security.txt';
const RETRIEVAL: [SecurityTxtCode, Record<string, Answer>][] = [
  ['no_security_txt', {}],
  ['location', { 'https://example.com/security.txt': { headers: TEXT } }],
  ['invalid_uri_scheme', { 'http://example.com/.well-known/security.txt': { headers: TEXT } }],
  ['invalid_cert', { [WK]: { tls: true } }],
  ['no_content_type', { [WK]: {} }],
  ['invalid_media', { [WK]: { headers: { 'content-type': 'text/html' } } }],
  ['invalid_charset', { [WK]: { headers: { 'content-type': 'text/plain; charset=iso-8859-1' } } }],
];

for (const [code, answers] of RETRIEVAL) {
  test(`${code} fires when fetching`, async () => {
    const { result } = await fetchSecurityTxt('example.com', { now, fetch: site(answers) });
    expectCode(result, code);
  });
}

test('every code in the catalogue is covered by a test above', () => {
  assert.deepEqual(
    Object.keys(SECURITY_TXT_CODES).filter((code) => !covered.has(code)),
    [],
  );
});
