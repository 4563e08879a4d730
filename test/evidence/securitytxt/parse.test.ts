import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseSecurityTxt } from '../../../src/evidence/securitytxt/parse.js';
import { isLanguageTag } from '../../../src/evidence/securitytxt/language-tag.js';
import { oneYearAfter, parseRfc3339 } from '../../../src/evidence/securitytxt/expires.js';
import { uriProblem } from '../../../src/evidence/securitytxt/uri.js';
import { contactEmails, contactUrls } from '../../../src/evidence/securitytxt/contacts.js';
import { securityTxtEvidence } from '../../../src/evidence/securitytxt/summary.js';

const now = new Date('2026-06-01T00:00:00Z');

test('any string or byte sequence gives a result and never throws', () => {
  const check = (input: string | Uint8Array) => {
    const result = parseSecurityTxt(input, { now });
    assert.equal(result.valid, result.errors.length === 0);
    for (const d of [...result.errors, ...result.recommendations, ...result.notifications]) {
      assert.ok(d.line === null || (Number.isInteger(d.line) && d.line >= 1 && d.line <= result.lines.length + 1));
    }
  };
  const lineish = fc.constantFrom(
    'Contact: ',
    'Expires: ',
    '-----BEGIN PGP SIGNED MESSAGE-----',
    'Hash: SHA256',
    '',
    '- ',
    '-----BEGIN PGP SIGNATURE-----',
    '-----END PGP SIGNATURE-----',
    '\r',
    '\uFEFF',
    ': ',
    '#',
    'https://',
    'mailto:a@b.c',
  );
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), check), { numRuns: 300 });
  fc.assert(
    fc.property(
      fc.array(fc.oneof(lineish, fc.string({ maxLength: 20 })), { maxLength: 30 }).map((parts) => parts.join('\n')),
      check,
    ),
    { numRuns: 300 },
  );
  fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), check), { numRuns: 200 });
});

test('parsed fields keep order, source spelling and 1-based lines', () => {
  const text =
    '# hi\ncOnTaCt: mailto:a@example.com\nContact: https://example.com/r\nExpires: 2026-12-01T00:00:00Z\nEncryption: openpgp4fpr:0123\n' +
    'Acknowledgments: https://example.com/t\nPreferred-Languages: en, nl\nCanonical: https://example.com/.well-known/security.txt\n' +
    'Policy: https://example.com/p\nHiring: https://example.com/j\nCSAF: https://example.com/provider-metadata.json\n';
  const r = parseSecurityTxt(text, { now });
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.contacts, ['mailto:a@example.com', 'https://example.com/r']);
  assert.deepEqual(r.fields[0], { name: 'cOnTaCt', value: 'mailto:a@example.com', line: 2 });
  assert.equal(r.expires, '2026-12-01T00:00:00Z');
  assert.equal(r.expiresAt, '2026-12-01T00:00:00.000Z');
  assert.equal(r.expired, false);
  assert.deepEqual(r.preferredLanguages, ['en', 'nl']);
  assert.deepEqual(
    [r.encryption, r.acknowledgments, r.canonical, r.policy, r.hiring, r.csaf].map((l) => l.length),
    [1, 1, 1, 1, 1, 1],
  );
  assert.equal(r.lines[0]!.type, 'comment');
});

test('expired is judged against the clock passed in', () => {
  const text = 'Contact: https://example.com/r\nExpires: 2026-12-01T00:00:00Z\n';
  assert.equal(parseSecurityTxt(text, { now: new Date('2026-12-01T00:00:01Z') }).expired, true);
  assert.equal(parseSecurityTxt(text, { now: new Date('2026-11-30T23:59:59Z') }).expired, false);
});

test('unknown_field notices can be switched off', () => {
  const r = parseSecurityTxt('Contact: https://example.com/r\nExpires: 2026-12-01T00:00:00Z\nX-A: b\n', {
    now,
    recommendUnknownFields: false,
  });
  assert.deepEqual(r.notifications, []);
});

test('RFC 3339 dates: offsets, lower-case t/z, impossible dates', () => {
  assert.equal(parseRfc3339('2026-01-01T01:00:00+01:00')?.toISOString(), '2026-01-01T00:00:00.000Z');
  assert.equal(parseRfc3339('2026-01-01t00:00:00.5z')?.toISOString(), '2026-01-01T00:00:00.500Z');
  for (const bad of [
    '2027-02-29T00:00:00Z',
    '2026-01-01 00:00:00Z',
    '2026-01-01T00:00:00',
    '2026-13-01T00:00:00Z',
    'soon',
  ]) {
    assert.equal(parseRfc3339(bad), null, bad);
  }
  assert.equal(oneYearAfter(new Date('2028-02-29T12:00:00Z')).toISOString(), '2029-02-28T12:00:00.000Z');
});

test('RFC 5646 language tags', () => {
  for (const ok of [
    'en',
    'EN-us',
    'zh-Hant',
    'de-CH-1901',
    'sl-rozaj-biske',
    'x-private',
    'en-x-acme',
    'i-klingon',
    'zh-cmn-Hans-CN',
    'en-a-abc-b-def',
    'es-419',
  ]) {
    assert.ok(isLanguageTag(ok), ok);
  }
  for (const bad of ['', 'English', 'en_US', 'en-a', 'en-a-abc-A-def', 'de-1901-1901', 'e', 'en-', 'x'])
    assert.ok(!isLanguageTag(bad), bad);
});

test('URI fields: schemes, hosts and characters', () => {
  assert.equal(uriProblem('contact', 'tel:+1-201-555-0123'), null);
  assert.equal(uriProblem('encryption', 'dns:key.example.com?type=OPENPGPKEY'), null);
  assert.equal(uriProblem('policy', 'HTTPS://example.com/p'), null);
  assert.equal(uriProblem('contact', 'http://example.com/'), 'no_https');
  // ftp is not a web URI, so RFC 9116 allows it: a warning, not an error (internet.nl accepts it too).
  assert.equal(uriProblem('acknowledgments', 'ftp://example.com/thanks'), 'cleartext_uri');
  assert.equal(uriProblem('contact', 'mailto:a b@example.com'), 'uri_space');
  assert.equal(uriProblem('contact', 'http://exa mple.com/'), 'no_https');
  assert.equal(uriProblem('contact', 'mailto:'), 'uri_empty');
  assert.equal(uriProblem('policy', 'https://'), 'uri_empty');
  assert.equal(uriProblem('policy', 'https://exa<mple.com/ x'), 'no_uri');
  for (const bad of ['security@example.com', 'https:///p', 'https://:443/p', 'mailto:#x', 'https://e.com/%zz']) {
    assert.equal(uriProblem('contact', bad), 'no_uri', bad);
  }
  assert.equal(uriProblem('x-custom', 'anything'), null);
});

test('contact helpers pick e-mail addresses and https web forms', () => {
  const contacts = [
    'mailto:security@example.com',
    'mailto:nope',
    'tel:+1',
    'https://example.com/report',
    'http://example.com/',
  ];
  assert.deepEqual(contactEmails(contacts), ['security@example.com']);
  assert.deepEqual(contactUrls(contacts), ['https://example.com/report']);
});

test('the evidence summary has the assessment engine shape', () => {
  const r = parseSecurityTxt('Contact: mailto:s@example.com\nExpires: 2026-01-01T00:00:00Z\n', { now });
  assert.deepEqual(securityTxtEvidence(r), {
    valid: false,
    expired: true,
    contacts: ['mailto:s@example.com'],
    problems: [{ code: 'expired', message: `line 2: ${r.errors[0]!.message}` }],
    warnings: [],
  });
});
