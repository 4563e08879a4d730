import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSecurityTxt } from '../../../src/evidence/securitytxt/parse.js';
import { serializeSecurityTxt } from '../../../src/evidence/securitytxt/serialize.js';
import { verifySecurityTxtSignature } from '../../../src/evidence/securitytxt/verify-signature.js';
import { makeSignedFixture, type SignedFixture } from './signed-fixture.js';

const now = new Date('2026-06-01T00:00:00Z');
let fixture: SignedFixture;
before(async () => {
  fixture = await makeSignedFixture(
    'Contact: mailto:security@example.com\nExpires: 2026-12-01T00:00:00Z\nEncryption: https://example.com/key.asc\n',
  );
});

test('a signature made with the key verifies, and the file parses as signed and valid', async () => {
  const v = await verifySecurityTxtSignature(fixture.signed, fixture.publicKey, { now });
  assert.equal(v.verified, true, v.reason);
  assert.equal(v.keyIds.length, 1);
  const r = parseSecurityTxt(fixture.signed, { now });
  assert.equal(r.signed, true);
  assert.deepEqual(r.contacts, ['mailto:security@example.com']);
});

test('a changed text or another key does not verify', async () => {
  const tampered = fixture.signed.replace('security@example.com', 'attacker@example.net');
  assert.equal((await verifySecurityTxtSignature(tampered, fixture.publicKey, { now })).verified, false);
  assert.equal((await verifySecurityTxtSignature(fixture.signed, fixture.otherPublicKey, { now })).verified, false);
  assert.equal((await verifySecurityTxtSignature('Contact: x\n', fixture.publicKey, { now })).verified, false);
});

test('an unreadable public key is INPUT_INVALID', async () => {
  await assert.rejects(verifySecurityTxtSignature(fixture.signed, 'not a key', { now }), { code: 'INPUT_INVALID' });
});

test('the serializer writes fields in a fixed order and its output validates', () => {
  const text = serializeSecurityTxt(
    {
      comments: ['Acme'],
      contact: ['mailto:security@acme.example', 'https://acme.example/report'],
      expires: new Date('2026-12-01T00:00:00Z'),
      encryption: 'https://acme.example/key.asc',
      policy: 'https://acme.example/policy',
      preferredLanguages: ['en', 'nl'],
    },
    { now },
  );
  assert.equal(
    text,
    '# Acme\nContact: mailto:security@acme.example\nContact: https://acme.example/report\nExpires: 2026-12-01T00:00:00Z\n' +
      'Encryption: https://acme.example/key.asc\nPolicy: https://acme.example/policy\nPreferred-Languages: en, nl\n',
  );
  assert.equal(parseSecurityTxt(text, { now }).valid, true);
});

test('the serializer refuses values that would make an invalid or injected file', () => {
  const base = { contact: 'https://acme.example/report', expires: '2026-12-01T00:00:00Z' };
  for (const bad of [
    { ...base, contact: 'https://a.example/\nExpires: 2030-01-01T00:00:00Z' },
    { ...base, expires: '2026-01-01T00:00:00Z' },
    { ...base, policy: [] },
    { ...base, preferredLanguages: 'English' },
    { ...base, contact: 'http://acme.example/' },
  ]) {
    assert.throws(() => serializeSecurityTxt(bad, { now }), { code: 'INPUT_INVALID' }, JSON.stringify(bad));
  }
});
