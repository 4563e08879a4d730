// Where our reading of a security.txt differs from internet.nl's (docs/securitytxt.md, "Where iotlabel and
// internet.nl differ"), one test per difference: what RFC 9116 allows is accepted; where the RFC asks for more
// than internet.nl checks, the file keeps internet.nl's verdict and a warning says so, naming internet.nl's
// finding for the line (null: none) beside our code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSecurityTxt } from '../../../src/evidence/securitytxt/parse.js';
import { serializeSecurityTxt } from '../../../src/evidence/securitytxt/serialize.js';
import { SecurityTxtOptionsInvalid } from '../../../src/evidence/securitytxt/errors.js';
import type { SecurityTxtResult } from '../../../src/evidence/securitytxt/types.js';
import { securityTxtEvidence } from '../../../src/evidence/securitytxt/summary.js';

const now = new Date('2026-06-01T00:00:00Z');
const EXPIRES = 'Expires: 2026-12-01T00:00:00Z\n';
const CONTACT = 'Contact: https://example.com/report\n';
const parse = (text: string) => parseSecurityTxt(text, { now });
const warnings = (r: SecurityTxtResult) => r.warnings.map((w) => [w.code, w.line, w.internetNl]);

test('a Contact longer than 2,048 characters is read (RFC 9116 sets no limit), with a warning', () => {
  const contact = `https://example.com/report?${'q'.repeat(2_100)}`;
  const r = parse(`Contact: ${contact}\n${EXPIRES}`);
  assert.equal(r.valid, true);
  assert.deepEqual(r.contacts, [contact]);
  assert.ok(!r.errors.some((e) => e.code === 'no_contact'));
  assert.deepEqual(warnings(r), [['field_too_long', 1, null]]);
});

test('Expires with a space instead of "T" is read and judged, with a warning', () => {
  const r = parse(`${CONTACT}Expires: 2026-12-01 00:00:00Z\n`);
  assert.equal(r.valid, true);
  assert.equal(r.expiresAt, '2026-12-01T00:00:00.000Z');
  assert.deepEqual(warnings(r), [['expiry_space', 2, null]]);
  // Still a date: past is expired, as internet.nl also says.
  const past = parse(`${CONTACT}Expires: 2026-01-01 00:00:00+01:00\n`);
  assert.deepEqual(
    past.errors.map((e) => e.code),
    ['expired'],
  );
  assert.equal(past.expired, true);
  // Anything else that is not RFC 3339 stays an error.
  assert.deepEqual(
    parse(`${CONTACT}Expires: 2026-12-01 00:00Z\n`).errors.map((e) => e.code),
    ['invalid_expiry'],
  );
});

test('an empty mailto: or https:// is a warning: it names nobody, but internet.nl accepts it', () => {
  for (const uri of ['mailto:', 'https://']) {
    const r = parse(`Contact: ${uri}\n${CONTACT}${EXPIRES}`);
    assert.equal(r.valid, true, uri);
    assert.deepEqual(warnings(r), [['uri_empty', 1, null]], uri);
  }
  // An empty plain-http address is still refused for its scheme, as internet.nl refuses it.
  assert.deepEqual(
    parse(`Policy: http://\n${CONTACT}${EXPIRES}`).errors.map((e) => e.code),
    ['no_https'],
  );
});

test('a URI containing a space is a warning; one that is wrong in another way stays an error', () => {
  const r = parse(`Contact: mailto:security team@example.com\n${EXPIRES}`);
  assert.equal(r.valid, true);
  assert.deepEqual(r.contacts, ['mailto:security team@example.com']);
  assert.deepEqual(warnings(r), [['uri_space', 1, null]]);
  assert.deepEqual(
    parse(`Contact: https://exa mple.com/%zz\n${EXPIRES}`).errors.map((e) => e.code),
    ['no_uri'],
  );
});

test("a non-ASCII field name is read as an unknown field, with a warning naming internet.nl's unknown_field", () => {
  const r = parse(`${CONTACT}${EXPIRES}Sicherheitsrichtlinie-für: https://example.com/p\n`);
  assert.equal(r.valid, true);
  assert.deepEqual(warnings(r), [['field_name_not_ascii', 3, 'unknown_field']]);
  assert.deepEqual(
    r.notifications.map((n) => [n.code, n.line]),
    [['unknown_field', 3]],
  );
  assert.equal(r.fields.at(-1)?.name, 'Sicherheitsrichtlinie-für');
  // Spaces or controls inside a name still make the line unreadable.
  assert.deepEqual(
    parse(`${CONTACT}${EXPIRES}Bug Bounty: https://example.com/b\n`).errors.map((e) => e.code),
    ['invalid_line'],
  );
});

test('a field line with a leading space is an unknown field, as in internet.nl, with a warning', () => {
  const r = parse(`${CONTACT}${EXPIRES} Contact: mailto:security@example.com\n`);
  assert.equal(r.valid, true);
  assert.deepEqual(r.contacts, ['https://example.com/report']);
  assert.deepEqual(warnings(r), [['leading_whitespace', 3, 'unknown_field']]);
  assert.deepEqual(
    r.notifications.map((n) => [n.code, n.line]),
    [['unknown_field', 3]],
  );
  assert.equal(r.fields.at(-1)?.name, ' Contact');
  // The only Contact, indented, is no Contact: both tools report no_contact.
  const only = parse(`\t${CONTACT}${EXPIRES}`);
  assert.deepEqual(
    only.errors.map((e) => e.code),
    ['no_contact'],
  );
  // An indented line that is not a field is still not one.
  assert.deepEqual(
    parse(`${CONTACT}${EXPIRES}  just words\n`).errors.map((e) => e.code),
    ['invalid_line'],
  );
});

test('a bare CR is a warning and stays part of its line, as internet.nl reads it', () => {
  const r = parse(`# note\rmore note\n${CONTACT}${EXPIRES}`);
  assert.equal(r.valid, true);
  assert.deepEqual(warnings(r), [['bare_cr', 1, null]]);
  // A CR that joins two fields hides the second, so Expires is missing, in both tools.
  const joined = parse(`Contact: mailto:security@example.com\r${EXPIRES}`);
  assert.deepEqual(
    joined.errors.map((e) => e.code),
    ['no_expire'],
  );
  assert.deepEqual(
    joined.warnings.map((w) => w.code),
    ['bare_cr', 'uri_space'],
  );
});

test('an ftp:// Acknowledgments is allowed (not a web URI), with a warning that it travels in the clear', () => {
  const r = parse(`${CONTACT}${EXPIRES}Acknowledgments: ftp://example.com/hall-of-fame.txt\n`);
  assert.equal(r.valid, true);
  assert.deepEqual(r.acknowledgments, ['ftp://example.com/hall-of-fame.txt']);
  assert.deepEqual(warnings(r), [['cleartext_uri', 3, null]]);
  // http:// is refused everywhere, as internet.nl does.
  assert.deepEqual(
    parse(`${CONTACT}${EXPIRES}Acknowledgments: http://example.com/thanks\n`).errors.map((e) => e.code),
    ['no_https'],
  );
});

test("the evidence summary keeps each warning with internet.nl's finding beside ours, and no problem for it", () => {
  const summary = securityTxtEvidence(parse(`${CONTACT}Expires: 2026-12-01 00:00:00Z\n`));
  assert.equal(summary.valid, true);
  assert.deepEqual(summary.problems, []);
  assert.deepEqual(
    summary.warnings?.map((w) => [w.code, w.internetNl, w.message.startsWith('line 2: ')]),
    [['expiry_space', null, true]],
  );
});

test('a file we write is held to the RFC: values that would only warn are refused', () => {
  for (const contact of ['mailto:', 'mailto:a b@example.com', `https://example.com/${'x'.repeat(2_100)}`]) {
    assert.throws(
      () => serializeSecurityTxt({ contact, expires: '2026-12-01T00:00:00Z' }, { now }),
      SecurityTxtOptionsInvalid,
      contact.slice(0, 40),
    );
  }
});
