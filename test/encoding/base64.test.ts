// Strict base64 and base64url, the one decoder: only the canonical encoding of some bytes is accepted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeBase64, decodeBase64Url, encodeBase64, encodeBase64Url } from '../../src/encoding/base64.js';

test('canonical text decodes; junk, missing padding and stray bits do not', () => {
  assert.deepEqual(Uint8Array.from(decodeBase64('AAEC')!), Uint8Array.from([0, 1, 2]));
  assert.equal(decodeBase64('')?.length, 0);
  for (const text of ['AA', 'AA=', 'A===', 'AA==\n', 'AA AA', 'AA-_', 'AB==', 'AAB='])
    assert.equal(decodeBase64(text), null, text);
});

test('property: decode(encode(bytes)) = bytes', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
      assert.deepEqual(Uint8Array.from(decodeBase64(encodeBase64(bytes))!), bytes);
    }),
  );
});

test('base64url: canonical unpadded text decodes; padding, the standard alphabet and stray bits do not', () => {
  assert.deepEqual(Array.from(decodeBase64Url('-_8')!), [0xfb, 0xff]);
  assert.equal(decodeBase64Url('')?.length, 0);
  for (const text of ['A', 'AA==', 'AA=', '+/8', 'AB', 'AAB', 'AA AA', 'AA\n', 'AAAAA'])
    assert.equal(decodeBase64Url(text), null, text);
});

test('base64url round-trips any bytes, and agrees with Node', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
      const text = encodeBase64Url(bytes);
      assert.equal(text, Buffer.from(bytes).toString('base64url'));
      assert.deepEqual(Array.from(decodeBase64Url(text)!), Array.from(bytes));
    }),
  );
});
