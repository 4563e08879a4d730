// RFC 6962 §2.1 (unchanged in RFC 9162 §2.1.1) hashing with SHA-256. The one-byte prefixes keep leaves and
// interior nodes apart, so an interior node can never be passed off as a leaf (second-preimage defence).
import { hash } from 'node:crypto';

export const HASH_SIZE = 32;
export const LEAF_HASH_PREFIX = 0x00;
export const NODE_HASH_PREFIX = 0x01;

// Node hashing is the hot path of every proof; one scratch buffer avoids an allocation per node.
const scratch = Buffer.allocUnsafe(1 + 2 * HASH_SIZE);
scratch[0] = NODE_HASH_PREFIX;

/** The root of the empty tree: SHA-256 of the empty string. */
export function emptyRoot(): Uint8Array {
  return hash('sha256', new Uint8Array(0), 'buffer');
}

/** SHA-256(0x00 || entry). */
export function hashLeaf(entry: Uint8Array): Uint8Array {
  const input = Buffer.allocUnsafe(1 + entry.length);
  input[0] = LEAF_HASH_PREFIX;
  input.set(entry, 1);
  return hash('sha256', input, 'buffer');
}

/** SHA-256(0x01 || left || right). Inputs of other lengths are hashed as given (the test vectors use some). */
export function hashChildren(left: Uint8Array, right: Uint8Array): Uint8Array {
  if (left.length === HASH_SIZE && right.length === HASH_SIZE) {
    scratch.set(left, 1);
    scratch.set(right, 1 + HASH_SIZE);
    return hash('sha256', scratch, 'buffer');
  }
  const input = Buffer.allocUnsafe(1 + left.length + right.length);
  input[0] = NODE_HASH_PREFIX;
  input.set(left, 1);
  input.set(right, 1 + left.length);
  return hash('sha256', input, 'buffer');
}

/** Constant-length byte comparison (hashes are public, so timing does not matter here). */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}
