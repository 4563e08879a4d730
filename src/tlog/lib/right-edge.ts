// The right edge of a tiled tree: at each tile level, the one partial tile (if any). Those tiles hold every
// perfect subtree of the tree's compact range, so they are all an appender needs to read.
import { rootFromLeafHashes } from '../tree-root.js';
import { TILE_WIDTH } from '../tile-path.js';
import type { TileId } from '../tile-path.js';
import { parseHashTile } from '../tile-data.js';

export interface StoredNode {
  level: number;
  index: number;
  hash: Uint8Array;
}

export interface EdgeTile {
  index: number;
  hashes: Uint8Array[];
}

/** The partial tiles a tree of `size` entries has, lowest level first (levels without one are skipped). */
export function rightEdgeTiles(size: number): TileId[] {
  const tiles: TileId[] = [];
  for (let level = 0; TILE_WIDTH ** level <= size; level++) {
    const hashes = Math.floor(size / TILE_WIDTH ** level);
    const width = hashes % TILE_WIDTH;
    if (width > 0) tiles.push({ level, index: Math.floor(hashes / TILE_WIDTH), width });
  }
  return tiles;
}

/** Reads the right-edge tiles through `readTile`, checking each one's length. */
export async function readRightEdge(
  size: number,
  readTile: (tile: TileId) => Uint8Array | Promise<Uint8Array>,
): Promise<Map<number, EdgeTile>> {
  const wanted = rightEdgeTiles(size);
  const data = await Promise.all(wanted.map((tile) => readTile(tile)));
  return new Map(
    wanted.map((tile, k) => [tile.level, { index: tile.index, hashes: parseHashTile(data[k]!, tile.width) }]),
  );
}

/** The compact range (perfect subtrees, left to right) held by the right-edge tiles. */
export function compactRange(edge: Map<number, EdgeTile>): StoredNode[] {
  const nodes: StoredNode[] = [];
  const levels = [...edge.keys()].sort((a, b) => b - a);
  for (const level of levels) {
    const { index, hashes } = edge.get(level)!;
    let at = 0;
    for (let r = 7; r >= 0; r--) {
      if (Math.floor(hashes.length / 2 ** r) % 2 === 0) continue;
      const piece = hashes.slice(at, at + 2 ** r);
      nodes.push({ level: 8 * level + r, index: (index * TILE_WIDTH + at) / 2 ** r, hash: rootFromLeafHashes(piece) });
      at += 2 ** r;
    }
  }
  return nodes;
}
