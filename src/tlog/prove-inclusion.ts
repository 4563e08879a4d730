// Inclusion proof generation, RFC 6962 §2.1.1 PATH(m, D[n]), from stored perfect-subtree hashes.
import { RangeInvalid } from './errors.js';
import { readRangeHashes } from './hash-reader.js';
import type { HashReader, SubtreeCache } from './hash-reader.js';
import { checkedCount, splitPoint } from './lib/size.js';

const fail = (message: string) => new RangeInvalid(message);

/** The leaf ranges whose hashes form the proof for index in a tree of size, bottom-up. */
export function inclusionProofRanges(index: number, size: number): [number, number][] {
  const ranges: [number, number][] = [];
  let lo = 0;
  let hi = size;
  while (hi - lo > 1) {
    const k = splitPoint(hi - lo);
    if (index < lo + k) {
      ranges.push([lo + k, hi]);
      hi = lo + k;
    } else {
      ranges.push([lo, lo + k]);
      lo += k;
    }
  }
  return ranges.reverse();
}

/**
 * The inclusion proof (sibling hashes, leaf first) for the leaf at `index` in the tree of `size` leaves.
 * Requires 0 <= index < size <= 2^53 - 1; throws RangeInvalid (TLOG_RANGE_INVALID) otherwise. Pass one
 * `cache` (a Map) per tree size to hash the shared incomplete subtrees once.
 */
export async function inclusionProof(
  reader: HashReader,
  index: number,
  size: number,
  cache?: SubtreeCache,
): Promise<Uint8Array[]> {
  const i = checkedCount(index, 'index', fail);
  const n = checkedCount(size, 'size', fail);
  if (i >= n) throw fail(`index is beyond size: ${i} >= ${n}`);
  return readRangeHashes(reader, inclusionProofRanges(i, n), cache);
}
