// Proof generation reads stored node hashes through this interface, so the registry can back it with its
// database (all node levels) or with tiles (see tileHashReader). Only perfect subtrees are ever asked for.
import { HASH_SIZE, hashChildren } from './hash.js';
import { TileInvalid } from './errors.js';

/** The perfect subtree covering leaves [index * 2^level, (index + 1) * 2^level). Level 0 is a leaf hash. */
export interface NodeId {
  level: number;
  index: number;
}

/** Returns the hashes of the given nodes, in order. One call per proof, so a store can batch its reads. */
export interface HashReader {
  readHashes(nodes: readonly NodeId[]): readonly Uint8Array[] | Promise<readonly Uint8Array[]>;
}

/** The perfect subtrees that make up leaves [lo, hi), left to right (largest aligned piece first). */
export function rangeNodes(lo: number, hi: number): NodeId[] {
  const nodes: NodeId[] = [];
  let start = lo;
  while (start < hi) {
    let level = 0;
    while (start % 2 ** (level + 1) === 0 && start + 2 ** (level + 1) <= hi) level++;
    nodes.push({ level, index: start / 2 ** level });
    start += 2 ** level;
  }
  return nodes;
}

/** MTH of a range from its perfect pieces: RFC 6962 splits off the largest power of two, so fold from the right. */
export function foldRight(hashes: readonly Uint8Array[]): Uint8Array {
  let hash = hashes[hashes.length - 1]!;
  for (let i = hashes.length - 2; i >= 0; i--) hash = hashChildren(hashes[i]!, hash);
  return hash;
}

/** Reads the Merkle tree hash of each range [lo, hi) with one call to the reader. */
export async function readRangeHashes(reader: HashReader, ranges: readonly (readonly [number, number])[]): Promise<Uint8Array[]> {
  const groups = ranges.map(([lo, hi]) => rangeNodes(lo, hi));
  const nodes = groups.flat();
  const hashes = await reader.readHashes(nodes);
  if (hashes.length !== nodes.length) throw new TileInvalid(`hash reader returned ${hashes.length} hashes, want ${nodes.length}`);
  hashes.forEach((hash, k) => {
    if (hash.length !== HASH_SIZE) {
      throw new TileInvalid(`hash reader returned ${hash.length} bytes for node (${nodes[k]!.level}, ${nodes[k]!.index}), want ${HASH_SIZE}`);
    }
  });
  let next = 0;
  return groups.map((group) => {
    const pieces = hashes.slice(next, next + group.length);
    next += group.length;
    return foldRight(pieces);
  });
}
