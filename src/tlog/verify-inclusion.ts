// Inclusion proof verification (RFC 9162 §2.1.3.2), written as transparency-dev/merkle proof/verify.go:
// rootFromInclusionProof computes the root the proof leads to, verifyInclusion compares it.
import { HASH_SIZE } from './hash.js';
import { InclusionProofInvalid } from './errors.js';
import { chainBorderRight, chainInner, decompInclProof, verifyMatch } from './lib/chain.js';
import { checkedCount } from './lib/size.js';

const fail = (message: string) => new InclusionProofInvalid(message);

/**
 * The root of a tree of `size` leaves in which `leafHash` sits at `index`, according to `proof`
 * (bottom-up sibling hashes). Requires 0 <= index < size <= 2^53 - 1 and 32-byte hashes.
 * Throws InclusionProofInvalid (TLOG_INCLUSION_PROOF_INVALID) otherwise.
 */
export function rootFromInclusionProof(
  index: number | bigint,
  size: number | bigint,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
): Uint8Array {
  const i = checkedCount(index, 'index', fail);
  const n = checkedCount(size, 'size', fail);
  if (i >= n) throw fail(`index is beyond size: ${i} >= ${n}`);
  if (leafHash.length !== HASH_SIZE) throw fail(`leaf hash has ${leafHash.length} bytes, want ${HASH_SIZE}`);
  const { inner, border } = decompInclProof(i, n);
  if (proof.length !== inner + border) throw fail(`wrong proof size ${proof.length}, want ${inner + border}`);
  proof.forEach((hash, k) => {
    if (hash.length !== HASH_SIZE) throw fail(`proof hash ${k} has ${hash.length} bytes, want ${HASH_SIZE}`);
  });
  const innerRoot = chainInner(leafHash, proof.slice(0, inner), i);
  return chainBorderRight(innerRoot, proof.slice(inner));
}

/** Checks that `leafHash` is at `index` in the tree of `size` leaves whose root is `root`. Throws if not. */
export function verifyInclusion(
  index: number | bigint,
  size: number | bigint,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): void {
  verifyMatch(rootFromInclusionProof(index, size, leafHash, proof), root, fail);
}
