// A pure incremental appender for a tiled log (c2sp.org/tlog-tiles). Given the current size, a reader of the
// right-edge tiles and a batch of entries, it returns everything the store must write: leaf hashes, every new
// perfect-subtree hash, the hash tiles and entry bundles that changed (at their new width) and the new root.
import { emptyRoot, hashChildren, hashLeaf } from './hash.js';
import { RangeInvalid, TileInvalid, EntryTooLarge } from './errors.js';
import { foldRight } from './hash-reader.js';
import { TILE_WIDTH, entryBundlePath, tilePath } from './tile-path.js';
import type { BundleId, TileId } from './tile-path.js';
import { MAX_ENTRY_SIZE, encodeEntryBundle, encodeHashTile, parseEntryBundle } from './tile-data.js';
import { compactRange, readRightEdge } from './lib/right-edge.js';
import type { EdgeTile, StoredNode } from './lib/right-edge.js';
import { checkedCount } from './lib/size.js';

export type { StoredNode } from './lib/right-edge.js';
export { rightEdgeTiles } from './lib/right-edge.js';

/** Where the appender reads the tiles it extends: only the partial tiles of the current tree are asked for. */
export interface TileReader {
  readTile(tile: TileId): Uint8Array | Promise<Uint8Array>;
  readEntryBundle(bundle: BundleId): Uint8Array | Promise<Uint8Array>;
}

export interface AppendResult {
  previousSize: number;
  previousRoot: Uint8Array;
  size: number;
  root: Uint8Array;
  /** One per new entry, in order; entry k has index previousSize + k. */
  leafHashes: Uint8Array[];
  /** Every perfect subtree completed by this batch (level 0 = leaf hashes), for stores that keep all levels. */
  nodes: StoredNode[];
  /** Hash tiles that changed, at their width in the new tree (256 = full). */
  tiles: (TileId & { path: string; data: Uint8Array })[];
  /** Entry bundles that changed, at their width in the new tree. */
  bundles: (BundleId & { path: string; data: Uint8Array })[];
}

/** Appends `entries` to the tiled tree of `size` entries. Reads only the right edge through `reader`. */
export async function appendEntries(input: {
  size: number;
  reader: TileReader;
  entries: readonly Uint8Array[];
}): Promise<AppendResult> {
  const start = checkedCount(input.size, 'size', (message) => new RangeInvalid(message));
  const { reader, entries } = input;
  if (start + entries.length > Number.MAX_SAFE_INTEGER)
    throw new RangeInvalid('the log would grow beyond 2^53-1 entries');
  entries.forEach((entry, k) => {
    if (entry.length > MAX_ENTRY_SIZE)
      throw new EntryTooLarge(`entry ${k} of the batch has ${entry.length} bytes, the limit is ${MAX_ENTRY_SIZE}`);
  });

  const edge = await readRightEdge(start, (tile) => reader.readTile(tile));
  const stack = compactRange(edge);
  const previousRoot = stack.length === 0 ? emptyRoot() : foldRight(stack.map((node) => node.hash));

  const leafHashes: Uint8Array[] = [];
  const nodes: StoredNode[] = [];
  for (let k = 0; k < entries.length; k++) {
    const leaf = { level: 0, index: start + k, hash: hashLeaf(entries[k]!) };
    leafHashes.push(leaf.hash);
    nodes.push(leaf);
    stack.push(leaf);
    // Two perfect subtrees of the same height side by side merge into their parent.
    while (stack.length >= 2 && stack[stack.length - 1]!.level === stack[stack.length - 2]!.level) {
      const right = stack.pop()!;
      const left = stack.pop()!;
      const parent = { level: left.level + 1, index: left.index / 2, hash: hashChildren(left.hash, right.hash) };
      nodes.push(parent);
      stack.push(parent);
    }
  }
  const size = start + entries.length;
  const root = stack.length === 0 ? emptyRoot() : foldRight(stack.map((node) => node.hash));
  return {
    previousSize: start,
    previousRoot,
    size,
    root,
    leafHashes,
    nodes,
    tiles: changedTiles(nodes, edge),
    bundles: await changedBundles(start, entries, reader),
  };
}

function changedTiles(nodes: readonly StoredNode[], edge: Map<number, EdgeTile>): AppendResult['tiles'] {
  // Tile level L holds the perfect subtrees of height 8L; group the new ones by tile.
  const byTile = new Map<string, { level: number; index: number; hashes: Uint8Array[] }>();
  for (const node of nodes) {
    if (node.level % 8 !== 0) continue;
    const level = node.level / 8;
    const index = Math.floor(node.index / TILE_WIDTH);
    const key = `${level}/${index}`;
    let tile = byTile.get(key);
    if (tile === undefined) {
      const old = edge.get(level);
      tile = { level, index, hashes: old !== undefined && old.index === index ? old.hashes.slice() : [] };
      byTile.set(key, tile);
    }
    if (node.index % TILE_WIDTH !== tile.hashes.length)
      throw new TileInvalid(`tile ${key} is not contiguous at hash ${node.index}`);
    tile.hashes.push(node.hash);
  }
  return [...byTile.values()].map(({ level, index, hashes }) => {
    const id = { level, index, width: hashes.length };
    return { ...id, path: tilePath(id), data: encodeHashTile(hashes) };
  });
}

async function changedBundles(
  start: number,
  entries: readonly Uint8Array[],
  reader: TileReader,
): Promise<AppendResult['bundles']> {
  const bundles: AppendResult['bundles'] = [];
  let next = 0;
  let at = start;
  while (next < entries.length) {
    const index = Math.floor(at / TILE_WIDTH);
    const offset = at % TILE_WIDTH;
    const take = Math.min(TILE_WIDTH - offset, entries.length - next);
    const parts: Uint8Array[] = [];
    if (offset > 0) {
      const old = await reader.readEntryBundle({ index, width: offset });
      const count = parseEntryBundle(old).length;
      if (count !== offset) throw new TileInvalid(`entry bundle ${index} holds ${count} entries, want ${offset}`);
      parts.push(old);
    }
    parts.push(encodeEntryBundle(entries.slice(next, next + take)));
    const id = { index, width: offset + take };
    bundles.push({ ...id, path: entryBundlePath(id), data: Buffer.concat(parts) });
    next += take;
    at += take;
  }
  return bundles;
}
