import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hashChildren, hashLeaf } from '../../src/tlog/hash.js';
import { inclusionProof } from '../../src/tlog/prove-inclusion.js';
import { consistencyProof } from '../../src/tlog/prove-consistency.js';
import { rootFromInclusionProof, verifyInclusion } from '../../src/tlog/verify-inclusion.js';
import { verifyConsistency } from '../../src/tlog/verify-consistency.js';
import { rootFromLeafHashes, treeRoot } from '../../src/tlog/tree-root.js';
import { tileHashReader } from '../../src/tlog/tile-hash-reader.js';
import { bitLength, popCount, shiftRight, trailingZeros, xor } from '../../src/tlog/lib/size.js';
import { MemoryLog, entry, hex, isCode } from './helpers.js';

const MAX = 70;
const leaves = Array.from({ length: MAX }, (_, i) => hashLeaf(entry(i)));
const roots = Array.from({ length: MAX + 1 }, (_, n) => rootFromLeafHashes(leaves.slice(0, n)));

// One log grown one entry at a time, so the node store holds every size 1..MAX.
const log = new MemoryLog();
for (let i = 0; i < MAX; i++) await log.append([entry(i)]);

test('inclusion proofs for every index of every size 1..70 verify, and fail for any other leaf or root', async () => {
  for (let size = 1; size <= MAX; size++) {
    assert.equal(hex(await treeRoot(log.nodes, size)), hex(roots[size]!), `root of ${size}`);
    for (let index = 0; index < size; index++) {
      const proof = await inclusionProof(log.nodes, index, size);
      verifyInclusion(index, size, leaves[index]!, proof, roots[size]!);
      const other = leaves[(index + 1) % size]!;
      if (size > 1)
        assert.throws(
          () => verifyInclusion(index, size, other, proof, roots[size]!),
          isCode('TLOG_INCLUSION_PROOF_INVALID'),
        );
      if (proof.length > 0) {
        const tampered = proof.map((h, k) => (k === proof.length - 1 ? hashLeaf(h) : h));
        assert.throws(
          () => verifyInclusion(index, size, leaves[index]!, tampered, roots[size]!),
          isCode('TLOG_INCLUSION_PROOF_INVALID'),
        );
      }
    }
  }
});

test('consistency proofs for every pair of sizes 1 <= m <= n <= 70 verify, and fail for the wrong roots', async () => {
  for (let n = 1; n <= MAX; n++) {
    for (let m = 1; m <= n; m++) {
      const proof = await consistencyProof(log.nodes, m, n);
      verifyConsistency(m, n, proof, roots[m]!, roots[n]!);
      if (m < n) {
        assert.throws(
          () => verifyConsistency(m, n, proof, roots[m - 1]!, roots[n]!),
          isCode('TLOG_CONSISTENCY_PROOF_INVALID'),
        );
        assert.throws(
          () => verifyConsistency(m, n, proof, roots[m]!, roots[n - 1]!),
          isCode('TLOG_CONSISTENCY_PROOF_INVALID'),
        );
        assert.throws(
          () => verifyConsistency(m, n, [...proof, leaves[0]!], roots[m]!, roots[n]!),
          isCode('TLOG_CONSISTENCY_PROOF_INVALID'),
        );
      }
    }
  }
});

test('a tile-backed hash reader gives the same proofs as the node store', async () => {
  const reader = tileHashReader(log.size, (tile) =>
    log.files.get(`tile/${tile.level}/000${tile.width === 256 ? '' : `.p/${tile.width}`}`)!,
  );
  for (const index of [0, 1, 31, 63, 64, 69]) {
    assert.deepEqual(
      (await inclusionProof(reader, index, MAX)).map(hex),
      (await inclusionProof(log.nodes, index, MAX)).map(hex),
    );
  }
  assert.deepEqual(
    (await consistencyProof(reader, 13, MAX)).map(hex),
    (await consistencyProof(log.nodes, 13, MAX)).map(hex),
  );
  await assert.rejects(async () => reader.readHashes([{ level: 3, index: 9 }]), isCode('TLOG_RANGE_INVALID'));
});

test('proof generation refuses impossible ranges and bad readers', async () => {
  await assert.rejects(() => inclusionProof(log.nodes, 5, 5), isCode('TLOG_RANGE_INVALID'));
  await assert.rejects(() => inclusionProof(log.nodes, -1, 5), isCode('TLOG_RANGE_INVALID'));
  await assert.rejects(() => inclusionProof(log.nodes, 0, 2 ** 53), isCode('TLOG_RANGE_INVALID'));
  await assert.rejects(() => consistencyProof(log.nodes, 0, 5), isCode('TLOG_RANGE_INVALID'));
  await assert.rejects(() => consistencyProof(log.nodes, 6, 5), isCode('TLOG_RANGE_INVALID'));
  assert.deepEqual(await consistencyProof(log.nodes, 5, 5), []);
  await assert.rejects(() => inclusionProof({ readHashes: () => [] }, 0, 2), isCode('TLOG_TILE_INVALID'));
  await assert.rejects(
    () => inclusionProof({ readHashes: () => [new Uint8Array(31)] }, 0, 2),
    isCode('TLOG_TILE_INVALID'),
  );
  await assert.rejects(() => treeRoot(log.nodes, -1), isCode('TLOG_RANGE_INVALID'));
  assert.equal(hex(await treeRoot(log.nodes, 0)), hex(roots[0]!));
});

test('verification checks its inputs before hashing, with "got, want" messages', () => {
  assert.throws(() => verifyInclusion(0, 1, new Uint8Array(31), [], roots[1]!), /leaf hash has 31 bytes, want 32/);
  assert.throws(() => verifyInclusion(0, 2, leaves[0]!, [], roots[2]!), /wrong proof size 0, want 1/);
  assert.throws(() => verifyInclusion(0, 2, leaves[0]!, [new Uint8Array(3)], roots[2]!), /proof hash 0 has 3 bytes/);
  assert.throws(
    () => verifyInclusion(2n ** 64n - 1n, 1, leaves[0]!, [], roots[1]!),
    isCode('TLOG_INCLUSION_PROOF_INVALID'),
  );
  assert.throws(() => verifyInclusion(0.5, 1, leaves[0]!, [], roots[1]!), isCode('TLOG_INCLUSION_PROOF_INVALID'));
  assert.throws(() => verifyInclusion(0, 1, leaves[0]!, [], leaves[1]!), /root mismatch: got .*, want /);
  assert.throws(() => verifyConsistency(1, 2, [new Uint8Array(3)], roots[1]!, roots[2]!), /proof hash 0 has 3 bytes/);
  assert.throws(() => verifyConsistency(3, 2, [], roots[1]!, roots[2]!), /size2 \(2\) < size1 \(3\)/);
  assert.throws(() => verifyConsistency(-1n, 2, [], roots[1]!, roots[2]!), isCode('TLOG_CONSISTENCY_PROOF_INVALID'));
  assert.equal(hex(rootFromInclusionProof(0n, 1n, leaves[0]!, [])), hex(leaves[0]!));
});

test('sizes beyond 2^32 use exact arithmetic (no 32-bit shifts)', () => {
  const big = 2 ** 52;
  const left = hashLeaf(Buffer.from('left subtree'));
  const leaf = leaves[0]!;
  verifyInclusion(big, big + 1, leaf, [left], hashChildren(left, leaf));
  verifyConsistency(big, big + 1, [leaf], left, hashChildren(left, leaf));
  verifyConsistency(BigInt(big) + 1n, BigInt(big) + 1n, [], left, left);
  assert.equal(bitLength(2 ** 40), 41);
  assert.equal(bitLength(0), 0);
  assert.equal(popCount(2 ** 40 + 3), 3);
  assert.equal(trailingZeros(2 ** 40), 40);
  assert.equal(xor(2 ** 40 + 5, 2 ** 41 + 4), 2 ** 40 + 2 ** 41 + 1);
  assert.equal(shiftRight(2 ** 45 + 2 ** 33, 33), 2 ** 12 + 1);
});

test('hashing: named prefixes, and inputs of any length are hashed as given', () => {
  assert.equal(
    hex(hashChildren(Buffer.from('N123'), Buffer.from('N456'))),
    'aa217fe888e47007fa15edab33c2b492a722cb106c64667fc2b044444de66bbb',
  );
  assert.equal(hex(hashChildren(leaves[0]!, leaves[1]!)), hex(rootFromLeafHashes(leaves.slice(0, 2))));
});

test('a subtree cache gives the same proofs and hashes each incomplete subtree once', async () => {
  const cache = new Map<string, Uint8Array>();
  let reads = 0;
  const counting = {
    readHashes: (ids: readonly { level: number; index: number }[]) => (
      (reads += ids.length),
      log.nodes.readHashes(ids)
    ),
  };
  for (const index of [0, 5, 40, 64, 68]) {
    assert.deepEqual(
      (await inclusionProof(counting, index, 69, cache)).map(hex),
      (await inclusionProof(log.nodes, index, 69)).map(hex),
    );
  }
  assert.ok(cache.size > 0);
  const before = reads;
  await inclusionProof(counting, 0, 69, cache);
  assert.ok(reads - before < 7, `cached proof read ${reads - before} nodes`);
  assert.deepEqual(
    (await consistencyProof(counting, 7, 69, cache)).map(hex),
    (await consistencyProof(log.nodes, 7, 69)).map(hex),
  );
});
