// Proof generation reads stored node hashes through this interface, so the registry can back it with its
// database (all node levels) or with tiles (see tileHashReader). Only perfect subtrees are ever asked for.
import { HASH_SIZE, hashChildren } from './hash.js';
import { TileInvalid } from './errors.js';
import { bitLength, trailingZeros } from './lib/size.js';

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
    // The largest piece that both starts on its own alignment and fits before hi.
    const fits = bitLength(hi - start) - 1;
    const level = start === 0 ? fits : Math.min(fits, trailingZeros(start));
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

/**
 * Hashes of incomplete subtrees, by leaf range. Every proof against one tree size shares the same few incomplete
 * subtrees on the tree's right border; keep one cache per tree size to hash them once.
 */
export type SubtreeCache = Map<string, Uint8Array>;

/** Reads the Merkle tree hash of each range [lo, hi) with one call to the reader. */
export async function readRangeHashes(
  reader: HashReader,
  ranges: readonly (readonly [number, number])[],
  cache?: SubtreeCache,
): Promise<Uint8Array[]> {
  // Only incomplete subtrees (a length that is not a power of two) are worth caching; the rest are one node.
  const incomplete = ranges.map(([lo, hi]) => ((hi - lo) & (hi - lo - 1)) !== 0 || hi - lo > 2 ** 31);
  const groups = ranges.map(([lo, hi], g) => (incomplete[g] && cache?.has(`${lo}-${hi}`) ? [] : rangeNodes(lo, hi)));
  const nodes = groups.flat();
  const hashes = nodes.length === 0 ? [] : await reader.readHashes(nodes);
  if (hashes.length !== nodes.length)
    throw new TileInvalid(`hash reader returned ${hashes.length} hashes, want ${nodes.length}`);
  hashes.forEach((hash, k) => {
    if (hash.length !== HASH_SIZE) {
      throw new TileInvalid(
        `hash reader returned ${hash.length} bytes for node (${nodes[k]!.level}, ${nodes[k]!.index}), want ${HASH_SIZE}`,
      );
    }
  });
  let next = 0;
  return groups.map((group, g) => {
    if (group.length === 1) return hashes[next++]!;
    const key = `${ranges[g]![0]}-${ranges[g]![1]}`;
    if (group.length === 0) return cache!.get(key)!;
    const hash = foldRight(hashes.slice(next, next + group.length));
    next += group.length;
    cache?.set(key, Uint8Array.from(hash));
    return hash;
  });
}
