import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { encodeSnapshot, type SnapshotSigner } from '../../src/catalogue/encode-snapshot.js';
import { openSnapshot } from '../../src/catalogue/open-snapshot.js';
import { SNAPSHOT_MAGIC } from '../../src/catalogue/snapshot-format.js';
import { PRODUCTS } from './fixture.js';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const signer: SnapshotSigner = {
  issuer: 'https://registry.example',
  createdAt: '2026-11-24T00:00:00Z',
  regimes: ['uk-psti-2023', 'uk-2019-option-a'],
  keyId: 'k1',
  privateKey,
};
const trusted = new Map([['k1', publicKey]]);

async function encode(products = PRODUCTS, s = signer): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const c of encodeSnapshot(products, s)) chunks.push(c);
  return Buffer.concat(chunks);
}

test('a snapshot round-trips every product fact and states its version, issuer and count', async () => {
  const file = await encode();
  assert.ok(file.subarray(0, SNAPSHOT_MAGIC.length + 1).equals(Buffer.from(`${SNAPSHOT_MAGIC}\n`)));
  const { header, index } = await openSnapshot(file, trusted);
  assert.equal(header.issuer, 'https://registry.example');
  assert.equal(header.count, PRODUCTS.length);
  assert.deepEqual(header.regimes, ['uk-psti-2023', 'uk-2019-option-a']);
  for (const p of PRODUCTS) {
    assert.deepEqual(index.byGtin(p.gtins[0]!), p);
    assert.deepEqual(index.byBrandModel(` ${p.brand.toUpperCase()} `, p.model.toLowerCase()), p);
  }
  assert.equal(index.byGtin('09999999999994'), null);
});

test('changing any single byte of the file makes it fail with SNAPSHOT_INVALID', async () => {
  const file = await encode();
  const failures: number[] = [];
  for (let i = 0; i < file.length; i++) {
    const copy = Buffer.from(file);
    copy[i] = copy[i]! ^ 0x01;
    try {
      await openSnapshot(copy, trusted);
      failures.push(i);
    } catch (error) {
      assert.equal((error as { code?: string }).code, 'SNAPSHOT_INVALID', `byte ${i}`);
    }
  }
  assert.deepEqual(failures, [], 'bytes whose change went unnoticed');
});

test('a truncated file, extra bytes, an unknown key and the wrong key all fail with SNAPSHOT_INVALID', async () => {
  const file = await encode();
  const other = generateKeyPairSync('ed25519').publicKey;
  const cases: [string, Buffer, Map<string, typeof publicKey>][] = [
    ['truncated', file.subarray(0, file.length - 1), trusted],
    ['extra byte', Buffer.concat([file, Buffer.from([0])]), trusted],
    ['header only', file.subarray(0, 40), trusted],
    ['unknown key id', file, new Map([['k2', publicKey]])],
    ['wrong key', file, new Map([['k1', other]])],
    ['not a snapshot', Buffer.from('SKU,GTIN\n1,2\n3,4\n'), trusted],
  ];
  for (const [name, bytes, keys] of cases) {
    await assert.rejects(openSnapshot(bytes, keys), { code: 'SNAPSHOT_INVALID' }, name);
  }
});

test('an empty registry gives a valid empty snapshot; a key id with spaces is refused', async () => {
  const { header, index } = await openSnapshot(await encode([]), trusted);
  assert.equal(header.count, 0);
  assert.equal(index.size, 0);
  await assert.rejects(encode([], { ...signer, keyId: 'a b' }), { code: 'INPUT_INVALID' });
});
