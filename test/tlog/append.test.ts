import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { appendEntries } from '../../src/tlog/append.js';
import { hashLeaf } from '../../src/tlog/hash.js';
import { rootFromLeafHashes } from '../../src/tlog/tree-root.js';
import { entryBundlePath, tilePath } from '../../src/tlog/tile-path.js';
import { encodeEntryBundle } from '../../src/tlog/tile-data.js';
import { MemoryLog, entry, hex, isCode } from './helpers.js';

// Tiles of a tree computed from scratch: level-0 tiles are leaf hashes; a level-L hash is the root of 256^L leaves.
function tilesFromScratch(leaves: Uint8Array[]): Map<string, string> {
  const out = new Map<string, string>();
  let hashes = leaves;
  for (let level = 0; hashes.length > 0; level++) {
    for (let index = 0; index * 256 < hashes.length; index++) {
      const tile = hashes.slice(index * 256, (index + 1) * 256);
      out.set(tilePath({ level, index, width: tile.length }), hex(Buffer.concat(tile)));
    }
    const full = Math.floor(hashes.length / 256);
    hashes = Array.from({ length: full }, (_, i) => rootFromLeafHashes(hashes.slice(i * 256, (i + 1) * 256)));
  }
  return out;
}

test('property: appending in any batches gives the from-scratch root, tiles and bundles', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 8 }), async (batches) => {
      const log = new MemoryLog();
      const written = new Map<string, string>(); // the newest version of every tile, keyed by its final path
      let next = 0;
      for (const count of batches) {
        const result = await log.append(Array.from({ length: count }, (_, k) => entry(next + k)));
        assert.equal(result.leafHashes.length, count);
        next += count;
        for (const tile of result.tiles) written.set(tilePath({ ...tile, width: 256 }), tilePath(tile));
      }
      const leaves = Array.from({ length: next }, (_, i) => hashLeaf(entry(i)));
      assert.equal(hex(rootFromLeafHashes(leaves)), hex((await log.append([])).root));
      // Every tile of the final tree, full or partial, is stored byte for byte as a fresh computation gives it.
      for (const [path, want] of tilesFromScratch(leaves))
        assert.equal(hex(log.files.get(path) ?? new Uint8Array(0)), want, path);
      for (let b = 0; b * 256 < next; b++) {
        const width = Math.min(256, next - b * 256);
        const want = encodeEntryBundle(Array.from({ length: width }, (_, k) => entry(b * 256 + k)));
        assert.equal(hex(log.files.get(entryBundlePath({ index: b, width }))!), hex(want));
      }
    }),
    { numRuns: 25 },
  );
});

test('a 70,000-entry log has exactly the tiles of the spec example, and the right root', async () => {
  const log = new MemoryLog();
  const batches = [1, 65535, 3000, 1464];
  let next = 0;
  let previous = (await log.append([])).root;
  for (const count of batches) {
    const result = await log.append(Array.from({ length: count }, (_, k) => entry(next + k)));
    assert.equal(hex(result.previousRoot), hex(previous));
    previous = result.root;
    next += count;
  }
  assert.equal(log.size, 70000);
  assert.ok(log.files.has('tile/0/272') && log.files.has('tile/0/273.p/112'));
  assert.ok(log.files.has('tile/1/000') && log.files.has('tile/1/001.p/17') && log.files.has('tile/2/000.p/1'));
  assert.ok(log.files.has('tile/entries/273.p/112'));
  const leaves = Array.from({ length: 70000 }, (_, i) => hashLeaf(entry(i)));
  assert.equal(hex(previous), hex(rootFromLeafHashes(leaves)));
});

test('the appender reports every completed subtree', async () => {
  const log = new MemoryLog();
  const result = await log.append([entry(0), entry(1), entry(2), entry(3), entry(4)]);
  assert.deepEqual(
    result.nodes.map((n) => `${n.level}/${n.index}`),
    ['0/0', '0/1', '1/0', '0/2', '0/3', '1/1', '2/0', '0/4'],
  );
});

test('the appender refuses oversized entries and a store that returns the wrong data', async () => {
  const log = new MemoryLog();
  await log.append([entry(0), entry(1), entry(2)]);
  await assert.rejects(() => log.append([new Uint8Array(0x10000)]), isCode('TLOG_ENTRY_TOO_LARGE'));
  const reader = {
    readTile: () => new Uint8Array(64),
    readEntryBundle: () => encodeEntryBundle([entry(0), entry(1), entry(2)]),
  };
  await assert.rejects(() => appendEntries({ size: 3, reader, entries: [entry(3)] }), isCode('TLOG_TILE_INVALID'));
  const shortBundle = {
    readTile: () => log.files.get('tile/0/000.p/3')!,
    readEntryBundle: () => encodeEntryBundle([entry(0)]),
  };
  await assert.rejects(
    () => appendEntries({ size: 3, reader: shortBundle, entries: [entry(3)] }),
    isCode('TLOG_TILE_INVALID'),
  );
  await assert.rejects(() => appendEntries({ size: -1, reader, entries: [] }), isCode('TLOG_RANGE_INVALID'));
  await assert.rejects(
    () => appendEntries({ size: Number.MAX_SAFE_INTEGER, reader, entries: [entry(0)] }),
    isCode('TLOG_RANGE_INVALID'),
  );
});
