// The right edge of the log's tree kept in memory between batches (see createEdgeTiles).
import type { AppendResult } from '../../tlog/append.js';
import { HASH_SIZE } from '../../tlog/hash.js';
import { TILE_WIDTH, type TileId } from '../../tlog/tile-path.js';

/**
 * The right edge's partial hash tiles as this process last committed them, so a batch need not read them back
 * from log_nodes (two range reads and a root rebuilt from up to 255 hashes per level, every batch). A tile is
 * named by its level, index and width, and in an append-only log those name one content for good: a tile kept
 * here is what the store held, or what a committed batch of this process wrote. Another process's appends
 * change the tree's size, so its batches ask for tiles of other widths, which are read from the store. Tiles a
 * batch produced are kept only once it has committed (a rolled-back batch's widths are written again with
 * other entries). The appender still checks the edge against the latest checkpoint's root.
 */
export function createEdgeTiles() {
  /** Tile level -> the partial tile there. */
  let kept = new Map<number, { index: number; width: number; data: Uint8Array }>();
  let pending: AppendResult['tiles'] | undefined;
  return {
    begin() {
      pending = undefined;
    },
    async read(tile: TileId, fromStore: (tile: TileId) => Promise<Uint8Array>): Promise<Uint8Array> {
      const known = kept.get(tile.level);
      if (known !== undefined && known.index === tile.index && known.width === tile.width) return known.data;
      const data = await fromStore(tile);
      // Only what the store holds in full is kept (a short read is the appender's to refuse).
      if (data.length === tile.width * HASH_SIZE) kept.set(tile.level, { index: tile.index, width: tile.width, data });
      return data;
    },
    produced(tiles: AppendResult['tiles']) {
      pending = tiles;
    },
    committed() {
      if (pending === undefined) return;
      const next = new Map(kept);
      for (const tile of pending)
        if (tile.width < TILE_WIDTH) next.set(tile.level, { index: tile.index, width: tile.width, data: tile.data });
        else next.delete(tile.level);
      kept = next;
      pending = undefined;
    },
  };
}
export type EdgeTiles = ReturnType<typeof createEdgeTiles>;
