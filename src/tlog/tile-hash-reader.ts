// A HashReader backed by hash tiles alone, for stores that keep only what they serve. A node at tree level
// 8L + r is rebuilt from 2^r consecutive hashes of one tile at tile level L (up to 127 node hashes), so a store
// that keeps every level (AppendResult.nodes) answers proofs faster.
import { RangeInvalid } from './errors.js';
import type { HashReader, NodeId } from './hash-reader.js';
import { TILE_WIDTH, tilePath, tileWidthAt } from './tile-path.js';
import type { TileId } from './tile-path.js';
import { parseHashTile } from './tile-data.js';
import { rootFromLeafHashes } from './tree-root.js';

/** Reads the nodes of the tree of `size` entries from its tiles (at their width in that tree). */
export function tileHashReader(size: number, readTile: (tile: TileId) => Uint8Array | Promise<Uint8Array>): HashReader {
  return {
    async readHashes(nodes: readonly NodeId[]): Promise<Uint8Array[]> {
      const places = nodes.map(({ level, index }) => {
        if ((index + 1) * 2 ** level > size)
          throw new RangeInvalid(`node (${level}, ${index}) is not complete in a tree of ${size} entries`);
        const r = level % 8;
        const first = index * 2 ** r; // position among the hashes of tile level floor(level / 8)
        const tile = { level: (level - r) / 8, index: Math.floor(first / TILE_WIDTH), width: 0 };
        tile.width = tileWidthAt(tile.level, tile.index, size);
        return { tile, offset: first % TILE_WIDTH, count: 2 ** r };
      });
      const unique = new Map<string, TileId>();
      for (const { tile } of places) unique.set(tilePath(tile), tile);
      const loaded = new Map<string, Uint8Array[]>();
      await Promise.all(
        [...unique].map(async ([path, tile]) => loaded.set(path, parseHashTile(await readTile(tile), tile.width))),
      );
      return places.map(({ tile, offset, count }) =>
        rootFromLeafHashes(loaded.get(tilePath(tile))!.slice(offset, offset + count)),
      );
    },
  };
}
