// Resource paths of c2sp.org/tlog-tiles, relative to the log prefix:
//   tile/<L>/<N>[.p/<W>]       hash tiles
//   tile/entries/<N>[.p/<W>]   entry bundles
// N is written in 3-digit groups, all but the last prefixed with "x": 1234067 -> x001/x234/067.
import { TileInvalid } from './errors.js';

export const TILE_WIDTH = 256;
export const MAX_TILE_LEVEL = 63;

/** A hash tile: `width` hashes (1..256; 256 is a full tile) at tile level `level`, number `index`. */
export interface TileId {
  level: number;
  index: number;
  width: number;
}

/** An entry bundle: `width` entries (1..256) of bundle number `index`. */
export interface BundleId {
  index: number;
  width: number;
}

export type ParsedTilePath = ({ kind: 'hash' } & TileId) | ({ kind: 'entries' } & BundleId);

function checkIndexWidth(index: number, width: number): void {
  if (!Number.isSafeInteger(index) || index < 0)
    throw new TileInvalid(`tile index ${index} is not an integer in 0..2^53-1`);
  if (!Number.isInteger(width) || width < 1 || width > TILE_WIDTH)
    throw new TileInvalid(`tile width ${width} is not in 1..${TILE_WIDTH}`);
}

function encodeIndex(index: number): string {
  let path = String(index % 1000).padStart(3, '0');
  for (let rest = Math.floor(index / 1000); rest > 0; rest = Math.floor(rest / 1000)) {
    path = `x${String(rest % 1000).padStart(3, '0')}/${path}`;
  }
  return path;
}

const suffix = (width: number) => (width === TILE_WIDTH ? '' : `.p/${width}`);

/** tile/<L>/<N>[.p/<W>] */
export function tilePath(tile: TileId): string {
  if (!Number.isInteger(tile.level) || tile.level < 0 || tile.level > MAX_TILE_LEVEL)
    throw new TileInvalid(`tile level ${tile.level} is not in 0..${MAX_TILE_LEVEL}`);
  checkIndexWidth(tile.index, tile.width);
  return `tile/${tile.level}/${encodeIndex(tile.index)}${suffix(tile.width)}`;
}

/** tile/entries/<N>[.p/<W>] */
export function entryBundlePath(bundle: BundleId): string {
  checkIndexWidth(bundle.index, bundle.width);
  return `tile/entries/${encodeIndex(bundle.index)}${suffix(bundle.width)}`;
}

const PATH = /^tile\/(entries|0|[1-9][0-9]?)\/((?:x[0-9]{3}\/)*)([0-9]{3})(?:\.p\/([1-9][0-9]{0,2}))?$/;

/** Parses a tile or entry-bundle path, accepting only the one canonical spelling of each resource. */
export function parseTilePath(path: string): ParsedTilePath {
  const match = PATH.exec(path);
  if (match === null) throw new TileInvalid(`"${path}" is not a tile path`);
  const [, level, groups, last, width] = match as unknown as [string, string, string, string, string | undefined];
  const digits = groups
    .split('/')
    .filter(Boolean)
    .map((group) => group.slice(1));
  if (digits[0] === '000') throw new TileInvalid(`"${path}" has a leading zero group`);
  const index = Number([...digits, last].join(''));
  const w = width === undefined ? TILE_WIDTH : Number(width);
  if (width !== undefined && w >= TILE_WIDTH)
    throw new TileInvalid(`"${path}" has a partial width of ${w}, want 1..255`);
  checkIndexWidth(index, w);
  if (level === 'entries') return { kind: 'entries', index, width: w };
  const l = Number(level);
  if (l > MAX_TILE_LEVEL) throw new TileInvalid(`"${path}" has level ${l}, want 0..${MAX_TILE_LEVEL}`);
  return { kind: 'hash', level: l, index, width: w };
}

/** The width tile `index` at tile level `level` has in a tree of `size` entries (0 if it does not exist yet). */
export function tileWidthAt(level: number, index: number, size: number): number {
  const hashes = Math.floor(size / TILE_WIDTH ** level); // hashes at this tile level
  return Math.max(0, Math.min(TILE_WIDTH, hashes - index * TILE_WIDTH));
}
