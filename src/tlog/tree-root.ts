// The Merkle tree hash of a whole tree: from a list of leaf hashes, or from stored perfect subtrees.
import { emptyRoot, hashChildren } from './hash.js';
import { RangeInvalid } from './errors.js';
import { readRangeHashes } from './hash-reader.js';
import type { HashReader } from './hash-reader.js';
import { checkedCount } from './lib/size.js';

/** MTH(D[0:n]) given the n leaf hashes, bottom-up (a lone right node is promoted unchanged, as RFC 6962 implies). */
export function rootFromLeafHashes(leafHashes: readonly Uint8Array[]): Uint8Array {
  if (leafHashes.length === 0) return emptyRoot();
  let level = leafHashes.slice();
  while (level.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) next.push(hashChildren(level[i]!, level[i + 1]!));
    if (level.length % 2 === 1) next.push(level[level.length - 1]!);
    level = next;
  }
  return level[0]!;
}

/** The root of the tree of `size` leaves, read from stored node hashes. */
export async function treeRoot(reader: HashReader, size: number): Promise<Uint8Array> {
  const n = checkedCount(size, 'size', (message) => new RangeInvalid(message));
  if (n === 0) return emptyRoot();
  const [root] = await readRangeHashes(reader, [[0, n]]);
  return root!;
}
