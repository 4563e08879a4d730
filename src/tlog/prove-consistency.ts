// Consistency proof generation, RFC 6962 §2.1.2 PROOF(m, D[n]) = SUBPROOF(m, D[n], true).
import { RangeInvalid } from './errors.js';
import { readRangeHashes } from './hash-reader.js';
import type { HashReader, SubtreeCache } from './hash-reader.js';
import { checkedCount, splitPoint } from './lib/size.js';

const fail = (message: string) => new RangeInvalid(message);

/** The leaf ranges whose hashes form the proof that size1 is a prefix of size2, bottom-up. */
export function consistencyProofRanges(size1: number, size2: number): [number, number][] {
  const ranges: [number, number][] = [];
  let lo = 0;
  let hi = size2;
  let m = size1; // relative to lo
  let whole = true; // SUBPROOF's b: the old tree is exactly this subtree, so the verifier knows its hash
  for (;;) {
    if (m === hi - lo) {
      if (!whole) ranges.push([lo, hi]);
      break;
    }
    const k = splitPoint(hi - lo);
    if (m <= k) {
      ranges.push([lo + k, hi]);
      hi = lo + k;
    } else {
      ranges.push([lo, lo + k]);
      lo += k;
      m -= k;
      whole = false;
    }
  }
  return ranges.reverse();
}

/**
 * The consistency proof from the tree of `size1` leaves to the tree of `size2` leaves. Requires
 * 0 < size1 <= size2 <= 2^53 - 1 (equal sizes give an empty proof); throws RangeInvalid otherwise.
 */
export async function consistencyProof(
  reader: HashReader,
  size1: number,
  size2: number,
  cache?: SubtreeCache,
): Promise<Uint8Array[]> {
  const m = checkedCount(size1, 'size1', fail);
  const n = checkedCount(size2, 'size2', fail);
  if (m === 0) throw fail('no consistency proof exists from the empty tree');
  if (m > n) throw fail(`size1 ${m} is larger than size2 ${n}`);
  if (m === n) return [];
  return readRangeHashes(reader, consistencyProofRanges(m, n), cache);
}
