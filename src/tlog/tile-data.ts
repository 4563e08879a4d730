// Tile contents (c2sp.org/tlog-tiles): a hash tile is its hashes concatenated (32 bytes each); an entry bundle
// is its entries, each preceded by its length as a big-endian uint16.
import { HASH_SIZE } from './hash.js';
import { EntryTooLarge, TileInvalid } from './errors.js';
import { TILE_WIDTH } from './tile-path.js';

export const MAX_ENTRY_SIZE = 0xffff;

/** Splits a hash tile into its hashes (views into `tile`), checking the length against `width` when given. */
export function parseHashTile(tile: Uint8Array, width?: number): Uint8Array[] {
  if (tile.length === 0 || tile.length % HASH_SIZE !== 0 || tile.length > TILE_WIDTH * HASH_SIZE) {
    throw new TileInvalid(
      `hash tile has ${tile.length} bytes, want a multiple of ${HASH_SIZE} up to ${TILE_WIDTH * HASH_SIZE}`,
    );
  }
  const count = tile.length / HASH_SIZE;
  if (width !== undefined && count !== width) throw new TileInvalid(`hash tile holds ${count} hashes, want ${width}`);
  const hashes: Uint8Array[] = [];
  for (let i = 0; i < count; i++) hashes.push(tile.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE));
  return hashes;
}

/** Concatenates 1..256 hashes into a tile. */
export function encodeHashTile(hashes: readonly Uint8Array[]): Uint8Array {
  if (hashes.length === 0 || hashes.length > TILE_WIDTH)
    throw new TileInvalid(`a tile holds 1..${TILE_WIDTH} hashes, got ${hashes.length}`);
  for (const hash of hashes)
    if (hash.length !== HASH_SIZE) throw new TileInvalid(`tile hash has ${hash.length} bytes, want ${HASH_SIZE}`);
  return Buffer.concat(hashes);
}

/** Writes entries as a bundle. Each entry must be at most 65,535 bytes. */
export function encodeEntryBundle(entries: readonly Uint8Array[]): Uint8Array {
  if (entries.length > TILE_WIDTH)
    throw new TileInvalid(`a bundle holds at most ${TILE_WIDTH} entries, got ${entries.length}`);
  let total = 0;
  for (const entry of entries) {
    if (entry.length > MAX_ENTRY_SIZE)
      throw new EntryTooLarge(`log entry has ${entry.length} bytes, the limit is ${MAX_ENTRY_SIZE}`);
    total += 2 + entry.length;
  }
  const bundle = Buffer.allocUnsafe(total);
  let at = 0;
  for (const entry of entries) {
    bundle.writeUInt16BE(entry.length, at);
    bundle.set(entry, at + 2);
    at += 2 + entry.length;
  }
  return bundle;
}

/** Reads the entries of a bundle (views into `bundle`). Refuses truncation and more than 256 entries. */
export function parseEntryBundle(bundle: Uint8Array): Uint8Array[] {
  const entries: Uint8Array[] = [];
  let at = 0;
  while (at < bundle.length) {
    if (at + 2 > bundle.length) throw new TileInvalid(`entry bundle ends inside the length of entry ${entries.length}`);
    const length = (bundle[at]! << 8) | bundle[at + 1]!;
    if (at + 2 + length > bundle.length)
      throw new TileInvalid(
        `entry ${entries.length} of the bundle needs ${length} bytes, only ${bundle.length - at - 2} remain`,
      );
    entries.push(bundle.subarray(at + 2, at + 2 + length));
    at += 2 + length;
    if (entries.length > TILE_WIDTH) throw new TileInvalid(`entry bundle holds more than ${TILE_WIDTH} entries`);
  }
  return entries;
}
