// The core of `iotlabel log verify`: a monitor for a tiled log. It checks the checkpoint's signature, downloads
// the entry bundles it has not seen, recomputes the tree from the entries (replaying them through the
// appender), compares every hash tile it touches, checks that the saved state is a prefix of the new tree, and
// hands the new entries to an optional application check. Every problem becomes a Violation with a code.
// `fetch` is injected: paths are relative to the log prefix ("checkpoint", "tile/0/000", ...).
import { IotlabelError } from '../errors.js';
import type { ErrorCode } from '../errors.js';
import { emptyRoot, equalBytes, hashLeaf } from './hash.js';
import { RangeInvalid } from './errors.js';
import { appendEntries } from './append.js';
import type { AppendResult } from './append.js';
import { openCheckpoint } from './open-checkpoint.js';
import type { Checkpoint } from './checkpoint.js';
import { parseVerifierKey } from './note-key.js';
import type { NoteVerifier } from './note-key.js';
import { TILE_WIDTH, entryBundlePath, tilePath, tileWidthAt } from './tile-path.js';
import type { TileId } from './tile-path.js';
import { encodeEntryBundle, encodeHashTile, parseEntryBundle, parseHashTile } from './tile-data.js';
import { decodeBase64, encodeBase64 } from '../encoding/base64.js';
import type { Violation } from './violation.js';
import { diagnoseEntries, tileMismatches } from './lib/diagnose.js';
import type { Level0Mismatch } from './lib/diagnose.js';

/** What a monitor remembers between runs: the last checkpoint it verified. */
export interface LogState {
  size: number;
  /** base64 root hash */
  root: string;
}

export type { Violation } from './violation.js';

export interface LogEntry {
  index: number;
  data: Uint8Array;
}

export interface VerifyLogOptions {
  fetch(path: string): Promise<Uint8Array>;
  /** Trusted log keys, as verifier key strings (name+keyid+base64) or parsed. */
  verifierKeys: readonly (string | NoteVerifier)[];
  /** Required checkpoint origin; defaults to the first key's name. */
  origin?: string;
  state?: LogState | null;
  /** Application checks on the new, authenticated entries (e.g. support periods never shortened). */
  checkEntries?(
    entries: readonly LogEntry[],
    checkpoint: Checkpoint,
  ): readonly Violation[] | Promise<readonly Violation[]>;
  /** Entry bundles replayed per appender call (bounds memory); default 64. */
  bundlesPerBatch?: number;
}

export interface LogVerification {
  /** True when the log verified and checkEntries reported nothing. */
  ok: boolean;
  checkpoint: Checkpoint | null;
  /** The state to save: the new checkpoint when the tree verified, else the previous state. */
  state: LogState;
  entries: LogEntry[];
  violations: Violation[];
}

/** Thrown inside the run to stop at a violation after which nothing further can be checked. */
class Stop extends Error {
  constructor(readonly violation: Violation) {
    super(violation.message);
  }
}

const stop = (code: ErrorCode, message: string, indices: number[] = [], path?: string) =>
  new Stop(path === undefined ? { code, message, indices } : { code, message, indices, path });

export async function verifyLog(options: VerifyLogOptions): Promise<LogVerification> {
  const previous = options.state ?? { size: 0, root: encodeBase64(emptyRoot()) };
  const previousRoot = decodeBase64(previous.root);
  if (
    !Number.isSafeInteger(previous.size) ||
    previous.size < 0 ||
    previousRoot === null ||
    previousRoot.length !== 32
  ) {
    throw new RangeInvalid('saved log state needs a size in 0..2^53-1 and a base64 32-byte root');
  }
  const verifiers = options.verifierKeys.map((key) => (typeof key === 'string' ? parseVerifierKey(key) : key));
  const origin = options.origin ?? verifiers[0]?.name;
  let checkpoint: Checkpoint | null = null;

  const get = async (path: string): Promise<Uint8Array> => {
    try {
      return await options.fetch(path);
    } catch (error) {
      const code = error instanceof IotlabelError ? error.code : 'NETWORK_FAILED';
      throw stop(code, `fetching ${path} failed: ${error instanceof Error ? error.message : String(error)}`, [], path);
    }
  };
  const guard = <T>(path: string, indices: number[], work: () => T): T => {
    try {
      return work();
    } catch (error) {
      if (error instanceof IotlabelError) throw stop(error.code, `${path}: ${error.message}`, indices, path);
      throw error;
    }
  };

  try {
    const note = await get('checkpoint');
    checkpoint = guard(
      'checkpoint',
      [],
      () => openCheckpoint(note, verifiers, origin === undefined ? {} : { origin }).checkpoint,
    );
    const { size, root } = checkpoint;
    if (size < previous.size) {
      throw stop(
        'TLOG_INCONSISTENT',
        `checkpoint has ${size} entries, fewer than the ${previous.size} already seen: the log lost entries`,
        [size],
      );
    }
    if (size === previous.size) {
      if (!equalBytes(root, previousRoot)) {
        throw stop(
          'TLOG_INCONSISTENT',
          `checkpoint root for ${size} entries is ${encodeBase64(root)}, but ${previous.root} was seen before: the log forked`,
          [size],
        );
      }
      return { ok: true, checkpoint, state: previous, entries: [], violations: [] };
    }
    const replay = await replayLog(previous.size, checkpoint, get, guard, options.bundlesPerBatch ?? 64);

    if (!equalBytes(replay.root, root)) {
      throw new Stop(diagnoseEntries(replay.level0Mismatches, size, encodeBase64(replay.root), encodeBase64(root)));
    }
    const violations: Violation[] = tileMismatches(replay.level0Mismatches);
    for (const tile of replay.upperTiles.values()) {
      const served = await replay.servedTile(tile);
      const differing = parseHashTile(tile.data).flatMap((hash, p) =>
        equalBytes(hash, served[p]!) ? [] : [(tile.index * TILE_WIDTH + p) * TILE_WIDTH ** tile.level],
      );
      if (differing.length > 0) {
        violations.push({
          code: 'TLOG_TILE_MISMATCH',
          message: `${tile.path} differs from the tree recomputed from the entries`,
          indices: differing.slice(0, 100),
          path: tile.path,
        });
      }
    }
    if (!equalBytes(replay.previousRoot, previousRoot)) {
      violations.push({
        code: 'TLOG_INCONSISTENT',
        message: `the first ${previous.size} entries now have root ${encodeBase64(replay.previousRoot)}, but ${previous.root} was seen before: the log forked`,
        indices: [previous.size],
      });
    }
    if (violations.length > 0) return { ok: false, checkpoint, state: previous, entries: [], violations };

    const state = { size, root: encodeBase64(root) };
    const promises =
      options.checkEntries === undefined ? [] : [...(await options.checkEntries(replay.entries, checkpoint))];
    return { ok: promises.length === 0, checkpoint, state, entries: replay.entries, violations: promises };
  } catch (error) {
    if (error instanceof Stop)
      return { ok: false, checkpoint, state: previous, entries: [], violations: [error.violation] };
    throw error;
  }
}

type Guard = <T>(path: string, indices: number[], work: () => T) => T;

interface Replay {
  root: Uint8Array;
  previousRoot: Uint8Array;
  entries: LogEntry[];
  level0Mismatches: Level0Mismatch[];
  upperTiles: Map<string, AppendResult['tiles'][number]>;
  servedTile(tile: TileId): Promise<Uint8Array[]>;
}

/** Downloads bundles [start, checkpoint.size) and replays them through the appender, batch by batch. */
async function replayLog(
  start: number,
  checkpoint: Checkpoint,
  get: (path: string) => Promise<Uint8Array>,
  guard: Guard,
  batch: number,
): Promise<Replay> {
  const total = checkpoint.size;
  const served = new Map<string, Uint8Array[]>();
  const servedTile = async (tile: TileId): Promise<Uint8Array[]> => {
    const full = { ...tile, width: tileWidthAt(tile.level, tile.index, total) };
    const path = tilePath(full);
    if (!served.has(path)) {
      const data = await get(path);
      served.set(
        path,
        guard(path, [], () => parseHashTile(data, full.width)),
      );
    }
    return served.get(path)!;
  };
  const computed = new Map<string, AppendResult['tiles'][number]>(); // this run's upper tiles, newest width
  const entries: LogEntry[] = [];
  const level0Mismatches: Level0Mismatch[] = [];
  let size = start;
  let root = emptyRoot();
  let previousRoot: Uint8Array | null = null;

  const first = Math.floor(start / TILE_WIDTH);
  const last = Math.ceil(total / TILE_WIDTH) - 1;
  for (let b0 = first; b0 <= last; b0 += batch) {
    const indices = Array.from({ length: Math.min(batch, last - b0 + 1) }, (_, k) => b0 + k);
    const bundles = await Promise.all(indices.map((b) => fetchBundle(b, total, get, guard)));
    for (const bundle of bundles) level0Mismatches.push(...bundle.mismatches);
    const head = bundles[0]!;
    const reader = {
      readTile: async (tile: TileId) => {
        // The level-0 edge is rebuilt from the entries themselves; higher levels come from this run or the log.
        if (tile.level === 0) return encodeHashTile(head.leafHashes.slice(0, tile.width));
        const own = computed.get(`${tile.level}/${tile.index}`);
        const hashes = own !== undefined ? parseHashTile(own.data) : await servedTile(tile);
        return encodeHashTile(hashes.slice(0, tile.width));
      },
      readEntryBundle: (bundle: { width: number }) => encodeEntryBundle(head.entries.slice(0, bundle.width)),
    };
    const fresh = bundles.flatMap((bundle) =>
      bundle.entries.flatMap((data, p) => {
        const index = bundle.index * TILE_WIDTH + p;
        return index >= size ? [{ index, data }] : [];
      }),
    );
    let result: AppendResult;
    try {
      result = await appendEntries({ size, reader, entries: fresh.map((e) => e.data) });
    } catch (error) {
      if (error instanceof IotlabelError) throw stop(error.code, error.message, [size]);
      throw error;
    }
    previousRoot ??= result.previousRoot;
    size = result.size;
    root = result.root;
    for (const tile of result.tiles) if (tile.level > 0) computed.set(`${tile.level}/${tile.index}`, tile);
    entries.push(...fresh);
  }
  return {
    root,
    previousRoot: previousRoot ?? emptyRoot(),
    entries,
    level0Mismatches,
    upperTiles: computed,
    servedTile,
  };
}

async function fetchBundle(index: number, total: number, get: (path: string) => Promise<Uint8Array>, guard: Guard) {
  const width = tileWidthAt(0, index, total);
  const bundlePath = entryBundlePath({ index, width });
  const hashPath = tilePath({ level: 0, index, width });
  const [bundleData, tileData] = await Promise.all([get(bundlePath), get(hashPath)]);
  const entries = guard(bundlePath, [index * TILE_WIDTH], () => parseEntryBundle(bundleData));
  const tile = guard(hashPath, [index * TILE_WIDTH], () => parseHashTile(tileData, width));
  const leafHashes = entries.map(hashLeaf);
  const firstDiff = leafHashes.findIndex((hash, p) => p < width && !equalBytes(hash, tile[p]!));
  if (entries.length < width) {
    const at = index * TILE_WIDTH + (firstDiff < 0 ? entries.length : firstDiff);
    throw stop(
      'TLOG_ENTRY_MISSING',
      `${bundlePath} holds ${entries.length} entries, want ${width}: entry ${at} is missing`,
      [at],
      bundlePath,
    );
  }
  if (entries.length > width)
    throw stop(
      'TLOG_TILE_INVALID',
      `${bundlePath} holds ${entries.length} entries, want ${width}`,
      [index * TILE_WIDTH],
      bundlePath,
    );
  const mismatches = leafHashes.flatMap((computed, p) =>
    equalBytes(computed, tile[p]!)
      ? []
      : [{ index: index * TILE_WIDTH + p, computed, served: tile[p]!, path: hashPath }],
  );
  return { index, entries, leafHashes, mismatches };
}
