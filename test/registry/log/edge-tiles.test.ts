// The right edge kept between batches (src/registry/log/edge-tiles.ts): over any run of batches, some rolled
// back and some appended by another process, the appender reading through it gets the root it would get from
// the store alone, and after a batch of its own it reads nothing from the store.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { appendEntries, type AppendResult } from '../../../src/tlog/append.js';
import { hashLeaf } from '../../../src/tlog/hash.js';
import { rootFromLeafHashes } from '../../../src/tlog/tree-root.js';
import { encodeEntryBundle } from '../../../src/tlog/tile-data.js';
import { tilePath, type TileId } from '../../../src/tlog/tile-path.js';
import { createEdgeTiles } from '../../../src/registry/log/edge-tiles.js';
import { entry, hex } from '../../tlog/helpers.js';

/** What log_nodes holds, as tiles by path (every width a committed append wrote). */
class TileStore {
  readonly tiles = new Map<string, Uint8Array>();
  reads = 0;
  read = async (tile: TileId): Promise<Uint8Array> => {
    this.reads++;
    return this.tiles.get(tilePath(tile)) ?? new Uint8Array(0);
  };
  commit(result: AppendResult): void {
    for (const tile of result.tiles) this.tiles.set(tilePath(tile), tile.data);
  }
}

const bundles = {
  readEntryBundle: (b: { width: number }) =>
    encodeEntryBundle(Array.from({ length: b.width }, () => new Uint8Array(0))),
};

type Step = { count: number; kind: 'commit' | 'rollback' | 'other-process' };

test('property: batches through the kept edge give the root of every committed entry; a committed batch needs no store read', async () => {
  const step = fc.record({
    count: fc.integer({ min: 1, max: 300 }),
    kind: fc.constantFrom<Step['kind']>('commit', 'commit', 'rollback', 'other-process'),
  });
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 10 }), async (steps) => {
      const store = new TileStore();
      const edge = createEdgeTiles();
      const committed: Uint8Array[] = [];
      let salt = 0; // a rolled-back batch's entries differ from whatever is later written at its indices
      let previousKind: Step['kind'] | undefined;
      for (const { count, kind } of steps) {
        const entries = Array.from({ length: count }, () => entry(1_000_000 + salt++));
        const size = committed.length;
        if (kind === 'other-process') {
          // Another process appends straight to the store; this one's kept edge is not told.
          store.commit(await appendEntries({ size, reader: { readTile: store.read, ...bundles }, entries }));
          committed.push(...entries);
          previousKind = kind;
          continue;
        }
        edge.begin();
        const readsBefore = store.reads;
        const result = await appendEntries({
          size,
          reader: { readTile: (tile) => edge.read(tile, store.read), ...bundles },
          entries,
        });
        // The edge the appender started from is the store's: its root is the committed entries' root.
        assert.equal(hex(result.previousRoot), hex(rootFromLeafHashes(committed.map(hashLeaf))));
        if (previousKind === 'commit')
          assert.equal(store.reads, readsBefore, 'read the store after a batch of its own');
        edge.produced(result.tiles);
        if (kind === 'commit') {
          store.commit(result);
          edge.committed();
          committed.push(...entries);
        }
        // A rolled-back batch: nothing stored, committed() never called.
        previousKind = kind === 'rollback' ? previousKind : kind;
      }
    }),
    { numRuns: 60 },
  );
});

test('a short tile from the store is handed to the appender but not kept', async () => {
  const edge = createEdgeTiles();
  let reads = 0;
  const short = async () => {
    reads++;
    return new Uint8Array(32);
  };
  const tile = { level: 0, index: 0, width: 3 };
  assert.equal((await edge.read(tile, short)).length, 32);
  await edge.read(tile, short);
  assert.equal(reads, 2);
});
