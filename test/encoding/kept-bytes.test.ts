// Kept bytes sit in a block of their own: neither a slice of Node's shared pool nor of zlib's output chunk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync, gzipSync } from 'node:zlib';
import { keptBytes } from '../../src/encoding/kept-bytes.js';

test('a short string becomes UTF-8 bytes in a block exactly their size', () => {
  const pooled = Buffer.from('<p>shared slab</p>', 'utf8');
  assert.ok(pooled.buffer.byteLength > pooled.byteLength, 'Node pools short strings (what this guards against)');
  const kept = keptBytes('<p>café — ★</p>');
  assert.equal(kept.toString('utf8'), '<p>café — ★</p>');
  assert.equal(kept.buffer.byteLength, kept.byteLength);
  assert.equal(kept.byteOffset, 0);
  assert.equal(keptBytes('').byteLength, 0);
});

test('gzip output is copied out of the chunk it was written to, unchanged', () => {
  const page = Buffer.from('<html>' + 'a kept page '.repeat(200) + '</html>');
  const zipped = gzipSync(page);
  const kept = keptBytes(zipped);
  assert.equal(kept.buffer.byteLength, zipped.byteLength);
  assert.deepEqual(gunzipSync(kept), page);
  // Copies never share memory with their source: writing to one leaves the other alone.
  const source = Buffer.from('abc');
  const copy = keptBytes(source);
  source[0] = 0x7a;
  assert.equal(copy.toString(), 'abc');
});

test('bytes already in a block of their own are kept as they are', () => {
  const own = Buffer.allocUnsafeSlow(10_000).fill(1);
  assert.equal(keptBytes(own), own);
  // A Uint8Array (not a Buffer) comes back as a Buffer of the same bytes.
  const plain = new Uint8Array([1, 2, 3]);
  const kept = keptBytes(plain);
  assert.ok(Buffer.isBuffer(kept));
  assert.deepEqual([...kept], [1, 2, 3]);
});
