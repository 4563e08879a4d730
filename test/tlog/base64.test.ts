// Strict base64 for notes and proofs: only the canonical, padded encoding of some bytes is accepted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeBase64, encodeBase64 } from '../../src/tlog/lib/base64.js';

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
