import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { entryBundlePath, parseTilePath, tilePath, tileWidthAt } from '../../src/tlog/tile-path.js';
import { encodeEntryBundle, encodeHashTile, parseEntryBundle, parseHashTile } from '../../src/tlog/tile-data.js';
import { rightEdgeTiles } from '../../src/tlog/append.js';
import { isCode } from './helpers.js';

test('tile paths as in c2sp.org/tlog-tiles', () => {
  assert.equal(tilePath({ level: 0, index: 1234067, width: 256 }), 'tile/0/x001/x234/067');
  assert.equal(tilePath({ level: 0, index: 0, width: 256 }), 'tile/0/000');
  assert.equal(tilePath({ level: 1, index: 1000, width: 17 }), 'tile/1/x001/000.p/17');
  assert.equal(tilePath({ level: 63, index: 1000000, width: 1 }), 'tile/63/x001/x000/000.p/1');
  assert.equal(entryBundlePath({ index: 273, width: 112 }), 'tile/entries/273.p/112');
  assert.equal(entryBundlePath({ index: 5, width: 256 }), 'tile/entries/005');
  assert.deepEqual(parseTilePath('tile/0/x001/x234/067'), { kind: 'hash', level: 0, index: 1234067, width: 256 });
  assert.deepEqual(parseTilePath('tile/entries/x001/000.p/255'), { kind: 'entries', index: 1000, width: 255 });
  for (const bad of [
    'tile/0/67',
    'tile/00/000',
    'tile/64/000',
    'tile/0/x000/067',
    'tile/0/001/067',
    'tile/0/000.p/0',
    'tile/0/000.p/256',
    'tile/0/000.p/017',
    'tile/entries/000.p/',
    '/tile/0/000',
    'tile/0/000/',
    'tile/data/000',
  ]) {
    assert.throws(() => parseTilePath(bad), isCode('TLOG_TILE_INVALID'), bad);
  }
  assert.throws(() => tilePath({ level: 64, index: 0, width: 1 }), isCode('TLOG_TILE_INVALID'));
  assert.throws(() => tilePath({ level: 0, index: -1, width: 1 }), isCode('TLOG_TILE_INVALID'));
  assert.throws(() => entryBundlePath({ index: 0, width: 0 }), isCode('TLOG_TILE_INVALID'));
  assert.throws(() => entryBundlePath({ index: 0, width: 257 }), isCode('TLOG_TILE_INVALID'));
});

test('property: every tile path parses back to the tile it names', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 63 }),
      fc.maxSafeNat(),
      fc.integer({ min: 1, max: 256 }),
      (level, index, width) => {
        assert.deepEqual(parseTilePath(tilePath({ level, index, width })), { kind: 'hash', level, index, width });
        assert.deepEqual(parseTilePath(entryBundlePath({ index, width })), { kind: 'entries', index, width });
      },
    ),
  );
});

test('tile widths: the spec examples for trees of 70,000 and 256 entries', () => {
  const size = 70000;
  const fullLevel0 = Array.from({ length: 300 }, (_, n) => tileWidthAt(0, n, size)).filter((w) => w === 256).length;
  assert.equal(fullLevel0, 273);
  assert.equal(tileWidthAt(0, 273, size), 112);
  assert.equal(tileWidthAt(0, 274, size), 0);
  assert.equal(tileWidthAt(1, 0, size), 256);
  assert.equal(tileWidthAt(1, 1, size), 17);
  assert.equal(tileWidthAt(2, 0, size), 1);
  assert.deepEqual(rightEdgeTiles(size), [
    { level: 0, index: 273, width: 112 },
    { level: 1, index: 1, width: 17 },
    { level: 2, index: 0, width: 1 },
  ]);
  assert.deepEqual(rightEdgeTiles(256), [{ level: 1, index: 0, width: 1 }]);
  assert.deepEqual(rightEdgeTiles(0), []);
});

test('hash tiles are 32-byte hashes back to back', () => {
  const hashes = Array.from({ length: 3 }, (_, i) => new Uint8Array(32).fill(i));
  const tile = encodeHashTile(hashes);
  assert.equal(tile.length, 96);
  assert.deepEqual(
    parseHashTile(tile, 3).map((h) => h[0]),
    [0, 1, 2],
  );
  assert.throws(() => parseHashTile(tile, 4), isCode('TLOG_TILE_INVALID'));
  assert.throws(() => parseHashTile(tile.subarray(1)), isCode('TLOG_TILE_INVALID'));
  assert.throws(() => parseHashTile(new Uint8Array(0)), isCode('TLOG_TILE_INVALID'));
  assert.throws(() => parseHashTile(new Uint8Array(257 * 32)), isCode('TLOG_TILE_INVALID'));
  assert.throws(() => encodeHashTile([]), isCode('TLOG_TILE_INVALID'));
  assert.throws(() => encodeHashTile([new Uint8Array(31)]), isCode('TLOG_TILE_INVALID'));
});

test('entry bundles carry 16-bit big-endian lengths', () => {
  const bundle = encodeEntryBundle([Buffer.from('ab'), new Uint8Array(0), new Uint8Array(300).fill(7)]);
  assert.deepEqual([...bundle.subarray(0, 6)], [0, 2, 0x61, 0x62, 0, 0]);
  assert.deepEqual([...bundle.subarray(6, 8)], [0x01, 0x2c]);
  const entries = parseEntryBundle(bundle);
  assert.deepEqual(
    entries.map((e) => e.length),
    [2, 0, 300],
  );
  assert.equal(encodeEntryBundle([new Uint8Array(0xffff)]).length, 0x10001);
  assert.throws(() => encodeEntryBundle([new Uint8Array(0x10000)]), isCode('TLOG_ENTRY_TOO_LARGE'));
  assert.throws(
    () => encodeEntryBundle(Array.from({ length: 257 }, () => new Uint8Array(0))),
    isCode('TLOG_TILE_INVALID'),
  );
  assert.throws(() => parseEntryBundle(bundle.subarray(0, bundle.length - 1)), isCode('TLOG_TILE_INVALID'));
  assert.throws(() => parseEntryBundle(Uint8Array.from([0])), isCode('TLOG_TILE_INVALID'));
  assert.throws(() => parseEntryBundle(new Uint8Array(2 * 257)), isCode('TLOG_TILE_INVALID'));
});

test('property: bundles round-trip, and parsing arbitrary bytes fails only with TLOG_TILE_INVALID', () => {
  fc.assert(
    fc.property(fc.array(fc.uint8Array({ maxLength: 600 }), { maxLength: 20 }), (entries) => {
      const parsed = parseEntryBundle(encodeEntryBundle(entries));
      assert.deepEqual(
        parsed.map((e) => Buffer.from(e).toString('hex')),
        entries.map((e) => Buffer.from(e).toString('hex')),
      );
    }),
  );
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
      try {
        parseEntryBundle(bytes);
      } catch (error) {
        assert.ok(isCode('TLOG_TILE_INVALID')(error));
      }
    }),
  );
});
