// Consistency proof verification (RFC 9162 §2.1.4.2), written as transparency-dev/merkle proof/verify.go.
// The proof for size1 -> size2 is, after an optional seed, a suffix of the inclusion proof of leaf size1-1 in
// the larger tree; chaining it two ways must give both roots.
import { HASH_SIZE } from './hash.js';
import { ConsistencyProofInvalid } from './errors.js';
import { chainBorderRight, chainInner, chainInnerRight, decompInclProof, verifyMatch } from './lib/chain.js';
import { checkedCount, shiftRight, trailingZeros } from './lib/size.js';

const fail = (message: string) => new ConsistencyProofInvalid(message);

/**
 * Checks that the tree of `size2` leaves with root `root2` extends the tree of `size1` leaves with root `root1`.
 * Requires 0 < size1 <= size2 <= 2^53 - 1 (a proof from the empty tree means nothing). Equal sizes need an
 * empty proof and equal roots. Throws ConsistencyProofInvalid (TLOG_CONSISTENCY_PROOF_INVALID) otherwise.
 */
export function verifyConsistency(
  size1: number | bigint,
  size2: number | bigint,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): void {
  const m = checkedCount(size1, 'size1', fail);
  const n = checkedCount(size2, 'size2', fail);
  if (n < m) throw fail(`size2 (${n}) < size1 (${m})`);
  if (m === 0) throw fail('consistency proof from an empty tree is meaningless');
  if (m === n) {
    if (proof.length > 0) throw fail(`size1 = size2 = ${m}, but the proof has ${proof.length} hashes, want 0`);
    verifyMatch(root1, root2, fail);
    return;
  }
  if (proof.length === 0) throw fail('empty proof');
  proof.forEach((hash, k) => {
    if (hash.length !== HASH_SIZE) throw fail(`proof hash ${k} has ${hash.length} bytes, want ${HASH_SIZE}`);
  });

  const decomposition = decompInclProof(m - 1, n);
  const shift = trailingZeros(m);
  const inner = decomposition.inner - shift; // shift < inner because size1 < size2
  const { border } = decomposition;

  // The proof starts with the hash of the subtree of size 2^shift that holds leaf size1-1, unless size1 is
  // exactly that subtree: then the seed is root1 itself.
  const seedIsRoot1 = m === 2 ** shift;
  const seed = seedIsRoot1 ? root1 : proof[0]!;
  const start = seedIsRoot1 ? 0 : 1;
  if (proof.length !== start + inner + border)
    throw fail(`wrong proof size ${proof.length}, want ${start + inner + border}`);
  const rest = proof.slice(start);

  const mask = shiftRight(m - 1, shift);
  const hash1 = chainBorderRight(chainInnerRight(seed, rest.slice(0, inner), mask), rest.slice(inner));
  verifyMatch(hash1, root1, fail);
  const hash2 = chainBorderRight(chainInner(seed, rest.slice(0, inner), mask), rest.slice(inner));
  verifyMatch(hash2, root2, fail);
}
