// Deltas: a signed file of the records that changed since a snapshot, applied only to that snapshot.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { encodeSnapshot, encodeSnapshotDelta, type SnapshotSigner } from '../../src/catalogue/encode-snapshot.js';
import { applySnapshotDelta, openSnapshot } from '../../src/catalogue/open-snapshot.js';
import { SNAPSHOT_DELTA_MAGIC, toRecord } from '../../src/catalogue/snapshot-format.js';
import type { SellabilityFacts } from '../../src/catalogue/types.js';
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

async function bytes(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const all: Uint8Array[] = [];
  for await (const c of chunks) all.push(c);
  return Buffer.concat(all);
}
const full = (products: SellabilityFacts[], s = signer) => bytes(encodeSnapshot(products, s));
const bodyHash = async (file: Buffer) => (await openSnapshot(file, trusted)).header.bodySha256;
const line = (f: SellabilityFacts) => JSON.stringify(toRecord(f, signer.regimes));

// The registry's next day: p1 got a new GTIN (its old one is gone), p2 was fixed, p3 is gone, p9 is new.
const [p1, p2, , ...rest] = PRODUCTS;
const p1b: SellabilityFacts = { ...p1!, gtins: ['05012345678917'] };
const p2b: SellabilityFacts = {
  ...p2!,
  regimes: { ...p2!.regimes, 'uk-psti-2023': { ...p2!.regimes['uk-psti-2023']!, sellable: true, outcome: 'pass' } },
};
const p9: SellabilityFacts = { ...p1!, productId: 'p9', gtins: ['05099999999995'], model: 'NEW-9', label: null };
const after = [p1b, p2b, ...rest, p9];

async function deltaFile(base: string, result: string, changed: SellabilityFacts[], removed: string[], s = signer) {
  return bytes(encodeSnapshotDelta(changed.map(line), s, { base, result, removed }));
}

test('base + delta answers exactly as the full snapshot of the result, for every GTIN and model', async () => {
  const base = await full(PRODUCTS);
  const result = await full(after);
  const delta = await deltaFile(await bodyHash(base), await bodyHash(result), [p1b, p2b, p9], ['p3']);
  assert.ok(delta.subarray(0, SNAPSHOT_DELTA_MAGIC.length).equals(Buffer.from(SNAPSHOT_DELTA_MAGIC)));
  const patched = await applySnapshotDelta(await openSnapshot(base, trusted), delta, trusted);
  const fresh = await openSnapshot(result, trusted);
  assert.equal(patched.header.bodySha256, fresh.header.bodySha256, 'the next delta starts from the result');
  assert.equal(patched.index.size, fresh.index.size);
  for (const p of [...PRODUCTS, ...after]) {
    for (const gtin of p.gtins) assert.deepEqual(patched.index.byGtin(gtin), fresh.index.byGtin(gtin), gtin);
    assert.deepEqual(patched.index.byBrandModel(p.brand, p.model), fresh.index.byBrandModel(p.brand, p.model));
  }
  assert.equal(patched.index.byGtin(p1!.gtins[0]!), null, "p1's old GTIN no longer answers");
  assert.equal(patched.index.byGtin(PRODUCTS[2]!.gtins[0]!), null, 'the removed product no longer answers');
  assert.equal(patched.index.byGtin('05099999999995')?.model, 'NEW-9');
});

test('deltas chain: each names the previous result as its base', async () => {
  const s0 = await full(PRODUCTS);
  const s1 = await full(after);
  const p9b = { ...p9, model: 'NEW-9B' };
  const s2 = await full([...after.slice(0, -1), p9b]);
  const [h0, h1, h2] = [await bodyHash(s0), await bodyHash(s1), await bodyHash(s2)];
  let opened = await openSnapshot(s0, trusted);
  opened = await applySnapshotDelta(opened, await deltaFile(h0, h1, [p1b, p2b, p9], ['p3']), trusted);
  opened = await applySnapshotDelta(opened, await deltaFile(h1, h2, [p9b], []), trusted);
  assert.equal(opened.header.bodySha256, h2);
  assert.equal(opened.index.byGtin('05099999999995')?.model, 'NEW-9B');
  assert.equal(opened.index.byBrandModel('Acme', 'NEW-9'), null);
});

test('a delta is refused, and the snapshot left as it was, when it does not belong to it or is not genuine', async () => {
  const base = await full(PRODUCTS);
  const h0 = await bodyHash(base);
  const h1 = await bodyHash(await full(after));
  const good = await deltaFile(h0, h1, [p1b], []);
  const other = generateKeyPairSync('ed25519').privateKey;
  const flipped = Buffer.from(good);
  flipped[flipped.length - 3] = flipped[flipped.length - 3]! ^ 1;
  const cases: [string, Buffer, RegExp][] = [
    ['another base', await deltaFile(h1, h1, [p1b], []), /applies to the snapshot with body hash/],
    [
      'another issuer',
      await deltaFile(h0, h1, [p1b], [], { ...signer, issuer: 'https://rogue.example' }),
      /from https:\/\/rogue/,
    ],
    ['an untrusted key', await deltaFile(h0, h1, [p1b], [], { ...signer, privateKey: other }), /does not verify/],
    ['a changed byte', flipped, /does not match the hash|cannot be decompressed/],
    ['a full snapshot given as a delta', await full(after), /want "iotlabel-snapshot-delta\/v1"/],
  ];
  for (const [what, file, message] of cases) {
    const opened = await openSnapshot(base, trusted);
    await assert.rejects(applySnapshotDelta(opened, file, trusted), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'SNAPSHOT_INVALID', what);
      assert.match(error.message, message, what);
      return true;
    });
    assert.deepEqual(opened.index.byGtin(p1!.gtins[0]!), p1, `${what}: the snapshot is unchanged`);
    assert.equal(opened.header.bodySha256, h0);
  }
  // A reader that knows only full snapshots refuses a delta rather than take its records for the registry.
  await assert.rejects(openSnapshot(good, trusted), /want "iotlabel-snapshot\/v1"/);
});
