// SHA-256 hex, one spelling for text and bytes (the known answers are `printf 'abc' | sha256sum`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sha256Hex } from '../../src/encoding/sha256.js';

test('text is hashed as UTF-8 and bytes as they are, both as lowercase hex', () => {
  const abc = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
  assert.equal(sha256Hex('abc'), abc);
  assert.equal(sha256Hex(new TextEncoder().encode('abc')), abc);
  assert.equal(sha256Hex('é'), sha256Hex(Uint8Array.from([0xc3, 0xa9])));
  assert.equal(sha256Hex(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
});
