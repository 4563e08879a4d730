// The hash-chaining steps shared by inclusion and consistency verification, after transparency-dev/merkle
// proof/verify.go. A proof for index i in a tree of size n splits into an "inner" part (the levels where the
// paths to i and to n-1 differ) and a "border" part (left siblings along the right border of the tree).
import { hashChildren, equalBytes } from '../hash.js';
import { bitAt, bitLength, popCount, shiftRight, xor } from './size.js';
import type { IotlabelError } from '../../errors.js';

/** Number of inner and border proof hashes for index in a tree of size (requires index < size). */
export function decompInclProof(index: number, size: number): { inner: number; border: number } {
  const inner = bitLength(xor(index, size - 1));
  const border = popCount(shiftRight(index, inner));
  return { inner, border };
}

/** Chains the inner proof hashes onto seed, taking the side of each sibling from the bits of index. */
export function chainInner(seed: Uint8Array, proof: readonly Uint8Array[], index: number): Uint8Array {
  let hash = seed;
  for (let i = 0; i < proof.length; i++) {
    hash = bitAt(index, i) === 0 ? hashChildren(hash, proof[i]!) : hashChildren(proof[i]!, hash);
  }
  return hash;
}

/** Like chainInner, but only the left siblings: what the smaller tree of a consistency proof saw. */
export function chainInnerRight(seed: Uint8Array, proof: readonly Uint8Array[], index: number): Uint8Array {
  let hash = seed;
  for (let i = 0; i < proof.length; i++) {
    if (bitAt(index, i) === 1) hash = hashChildren(proof[i]!, hash);
  }
  return hash;
}

/** Chains the border hashes, which are all left siblings. */
export function chainBorderRight(seed: Uint8Array, proof: readonly Uint8Array[]): Uint8Array {
  let hash = seed;
  for (const sibling of proof) hash = hashChildren(sibling, hash);
  return hash;
}

/** Throws fail("root mismatch: got X, want Y") unless the calculated root is the expected one. */
export function verifyMatch(
  calculated: Uint8Array,
  expected: Uint8Array,
  fail: (message: string) => IotlabelError,
): void {
  if (!equalBytes(calculated, expected)) {
    throw fail(
      `root mismatch: got ${Buffer.from(calculated).toString('base64')}, want ${Buffer.from(expected).toString('base64')}`,
    );
  }
}
