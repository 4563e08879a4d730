// The offline snapshot (GET /v1/snapshots/latest): every product's sellability facts for today, signed with
// the registry's active label-signing key (published at /.well-known/iotlabel/keys, so one key set verifies
// labels and snapshots). A snapshot is consistent with the sellable answers as of its `createdAt`.
// A full build reads every product, so it never runs on a reader's behalf once there is a snapshot: after a
// write (the events table's last seq moves, which covers other processes and key rotations too) or a new day,
// readers get the previous snapshot while one new build runs, at most one build starting every
// `minIntervalMs` (later writes within the interval are picked up by a build scheduled for its end).
//
// Deltas (GET /v1/snapshots/delta?since=<body hash>): each build keeps a short hash of every product's record
// line; the last few builds' hashes are kept, and the current build keeps the lines of the products whose
// record differs from any of them. A delta from one of those builds to the current one is then those lines
// alone, signed, with the ids of products gone: a till fetches only what changed.
import { todayUtc } from '../../calendar.js';
import { createHash } from 'node:crypto';
import { encodeSnapshot, encodeSnapshotDelta, type SnapshotSigner } from '../../catalogue/encode-snapshot.js';
import { SNAPSHOT_CONTENT_TYPE, SNAPSHOT_DELTA_CONTENT_TYPE } from '../../catalogue/snapshot-format.js';
import { IotlabelError } from '../../errors.js';
import type { SellabilityFacts } from '../../catalogue/types.js';
import { listMarkets, marketLaws } from '../../regimes/index.js';
import { journal } from '../../store/index.js';
import type { FactsSource } from './facts.js';
import type { LabelKeys } from '../labels/signing-keys.js';
import type { RegistryDeps } from '../deps.js';

export interface BuiltSnapshot {
  chunks: readonly Uint8Array[];
  bytes: number;
  etag: string;
  keyId: string;
  createdAt: string;
  count: number;
  contentType: string;
  /** The signed header's body hash: what a delta names as its base or result. */
  bodySha256: string;
}

/** A build's record hashes (and, for the newest, the lines that differ from an older kept build). */
interface BuildRecords {
  bodySha256: string;
  hashes: Map<string, string>;
  signer: Omit<SnapshotSigner, 'keyId' | 'privateKey'>;
  lines: Map<string, string>;
  /** More records changed than a delta keeps: deltas from older builds are refused (fetch the full one). */
  overflow: boolean;
}

/** Builds whose record hashes are kept, the current one included: deltas start from any of the others. */
const KEPT_BUILDS = 4;
/** Changed lines a build keeps for deltas at most; beyond it a full snapshot is the smaller download anyway. */
const MAX_DELTA_LINES = 20_000;
export const KEPT_SNAPSHOT_BUILDS = KEPT_BUILDS;

/** What `latest()` answers: the snapshot, and whether a newer one is being built (or is due) behind it. */
export interface ServedSnapshot extends BuiltSnapshot {
  stale: boolean;
}

/** Runs `run` after `ms` milliseconds; tests pass one they trigger themselves. */
export type SnapshotScheduler = (run: () => void, ms: number) => { cancel(): void };

export interface SnapshotOptions {
  /** Least time between the starts of two builds (default 5 s). */
  minIntervalMs?: number;
  /** A monotonic clock in milliseconds for that interval (default performance.now). */
  now?: () => number;
  schedule?: SnapshotScheduler;
  /** Changed records a build keeps for deltas at most (default 20,000); beyond it deltas start afresh. */
  maxDeltaLines?: number;
  /**
   * The most of the time builds may take while writes go on (default 0.25): after a build of d ms the next
   * starts no sooner than d * (1 / share - 1) ms after it ended. A full build of 100,000 products takes
   * seconds of the one thread; tills polling through a write trickle must not keep it building. 1: no bound.
   */
  maxBuildShare?: number;
}

export const DEFAULT_SNAPSHOT_INTERVAL_MS = 5000;

/** A file's chunks, its length and its ETag (a hash of every byte). */
async function collect(
  file: AsyncIterable<Uint8Array>,
): Promise<{ chunks: Uint8Array[]; bytes: number; etag: string }> {
  const chunks: Uint8Array[] = [];
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of file) {
    chunks.push(chunk);
    hash.update(chunk);
    bytes += chunk.byteLength;
  }
  return { chunks, bytes, etag: `"${hash.digest('base64url').slice(0, 27)}"` };
}

const timerScheduler: SnapshotScheduler = (run, ms) => {
  const timer = setTimeout(run, ms);
  timer.unref();
  return { cancel: () => clearTimeout(timer) };
};

interface Version {
  seq: number;
  day: string;
}

export function createSnapshots(
  deps: RegistryDeps,
  extras: { facts: FactsSource; keys: LabelKeys; options?: SnapshotOptions },
) {
  const { store, engine, publicUrl, clock } = deps;
  const { facts, keys } = extras;
  const minIntervalMs = extras.options?.minIntervalMs ?? DEFAULT_SNAPSHOT_INTERVAL_MS;
  const now = extras.options?.now ?? (() => performance.now());
  const schedule = extras.options?.schedule ?? timerScheduler;
  const maxDeltaLines = extras.options?.maxDeltaLines ?? MAX_DELTA_LINES;
  const maxBuildShare = Math.min(1, Math.max(0.01, extras.options?.maxBuildShare ?? 0.25));
  /** When the next build may start at the soonest, after the share bound (a monotonic time). */
  let restedUntil = -Infinity;
  let current: { version: Version; snapshot: BuiltSnapshot } | undefined;
  let history: BuildRecords[] = [];
  /** Deltas made for the current build, by base. */
  const deltas = new Map<string, BuiltSnapshot & { base: string; removed: number }>();
  let building: { version: Version; done: Promise<BuiltSnapshot> } | undefined;
  let due: { cancel(): void } | undefined;
  let lastStart = -Infinity;
  let wanted = false; // a reader saw a newer version while a build ran: build again when it ends
  let checking: Promise<void> | undefined; // that check, between the end of one build and the start of the next

  async function build(day: string): Promise<BuiltSnapshot> {
    await keys.ready();
    const key = await keys.signingKey(store.db);
    const regimes = engine.listRegimes().map((r) => r.id);
    const createdAt = clock().toISOString();
    let count = 0;
    // Only the first reason per regime travels: it is the one a verdict shows; the rest is for people online.
    async function* compact(): AsyncGenerator<SellabilityFacts> {
      for await (const f of facts.allFacts(day)) {
        count++;
        const r: SellabilityFacts['regimes'] = {};
        for (const [id, entry] of Object.entries(f.regimes)) r[id] = { ...entry, reasons: entry.reasons.slice(0, 1) };
        yield { ...f, regimes: r };
      }
    }
    const signer = {
      issuer: publicUrl,
      createdAt,
      regimes,
      markets: Object.fromEntries(
        listMarkets().map((m) => [m.id, marketLaws(m).map((law) => ({ regime: law.regime, from: law.from }))]),
      ),
    };
    const older = history.slice();
    const records: BuildRecords = { bodySha256: '', hashes: new Map(), signer, lines: new Map(), overflow: false };
    const onRecord = (productId: string, line: string) => {
      const digest = createHash('sha256').update(line).digest('base64url').slice(0, 22);
      records.hashes.set(productId, digest);
      if (records.overflow || !older.some((b) => b.hashes.get(productId) !== digest)) return;
      records.lines.set(productId, line);
      if (records.lines.size > maxDeltaLines) {
        records.overflow = true;
        records.lines.clear();
      }
    };
    const onHeader = (header: { bodySha256: string }) => (records.bodySha256 = header.bodySha256);
    const encoded = encodeSnapshot(
      compact(),
      { ...signer, keyId: key.kid, privateKey: key.privateKey },
      { onRecord, onHeader },
    );
    const file = await collect(encoded);
    // An overflowing build starts the history afresh: no delta can reach it from the older ones.
    history = records.overflow ? [records] : [...older, records].slice(-KEPT_BUILDS);
    deltas.clear();
    return {
      ...file,
      keyId: key.kid,
      createdAt,
      count,
      contentType: SNAPSHOT_CONTENT_TYPE,
      bodySha256: records.bodySha256,
    };
  }

  /**
   * The signed delta from the kept build whose body hash is `since` to the snapshot served now (the same as
   * `latest()`, so it may be stale while a newer build runs). SNAPSHOT_BASE_UNKNOWN when that build is not
   * kept (too old, never made here, or too much has changed since): fetch the full snapshot instead.
   */
  async function delta(since: string): Promise<ServedSnapshot & { base: string; removed: number }> {
    const served = await latest();
    const current = history.find((b) => b.bodySha256 === served.bodySha256);
    const base = history.find((b) => b.bodySha256 === since);
    if (current === undefined || base === undefined || (base !== current && current.overflow))
      throw new IotlabelError(
        'SNAPSHOT_BASE_UNKNOWN',
        `no delta from the snapshot with body hash ${since}: it is not among the last ${KEPT_BUILDS} built here, or too much has changed since; fetch /v1/snapshots/latest`,
      );
    let made = deltas.get(since);
    if (made === undefined) {
      const lines: string[] = [];
      for (const [id, line] of current.lines) if (base.hashes.get(id) !== current.hashes.get(id)) lines.push(line);
      const removed = [...base.hashes.keys()].filter((id) => !current.hashes.has(id));
      const key = await keys.signingKey(store.db);
      const signer = { ...current.signer, keyId: key.kid, privateKey: key.privateKey };
      const file = await collect(
        encodeSnapshotDelta(lines, signer, { base: since, result: current.bodySha256, removed }),
      );
      made = {
        ...file,
        keyId: key.kid,
        createdAt: current.signer.createdAt,
        count: lines.length,
        contentType: SNAPSHOT_DELTA_CONTENT_TYPE,
        bodySha256: current.bodySha256,
        base: since,
        removed: removed.length,
      };
      if (deltas.size >= KEPT_BUILDS) deltas.clear();
      deltas.set(since, made);
    }
    return { ...made, stale: served.stale };
  }

  async function versionNow(): Promise<Version> {
    await keys.ready(); // its first call may write the first key (an event), so it comes before reading the seq
    return { seq: await journal.lastEventSeq(store.db), day: todayUtc(clock) };
  }

  const same = (a: Version, b: Version) => a.seq === b.seq && a.day === b.day;

  function start(version: Version): Promise<BuiltSnapshot> {
    due?.cancel();
    due = undefined;
    lastStart = now();
    const started = lastStart;
    const done = build(version.day);
    const entry = { version, done };
    building = entry;
    const ended = () => {
      const end = now();
      restedUntil = end + (end - started) * (1 / maxBuildShare - 1);
      if (building === entry) building = undefined;
      if (!wanted) return;
      wanted = false;
      const check = versionNow()
        .then((v) => {
          if (!current || !same(current.version, v)) refresh(v);
        })
        .catch(() => undefined)
        .finally(() => {
          if (checking === check) checking = undefined;
        });
      checking = check;
    };
    done.then(
      (snapshot) => {
        current = { version, snapshot };
        ended();
      },
      () => ended(),
    );
    return done;
  }

  /** Starts a build for `version` now, or schedules one for the end of the interval; never waits for it. */
  function refresh(version: Version): void {
    if (building) {
      if (!same(building.version, version)) wanted = true;
      return;
    }
    if (due) return;
    const wait = Math.max(lastStart + minIntervalMs, restedUntil) - now();
    if (wait <= 0) {
      start(version).catch(() => undefined);
      return;
    }
    due = schedule(() => {
      due = undefined;
      // Through refresh again: a reader may have started a build while the version was being read.
      void versionNow()
        .then((v) => {
          if (!current || !same(current.version, v)) refresh(v);
        })
        .catch(() => undefined);
    }, wait);
  }

  /**
   * The snapshot to serve now. Only the very first one is waited for (there is nothing else to give); after
   * that a change answers at once with the previous snapshot (`stale: true`) while a new one is built.
   */
  async function latest(): Promise<ServedSnapshot> {
    const version = await versionNow();
    if (current && same(current.version, version)) return { ...current.snapshot, stale: false };
    if (current) {
      refresh(version);
      return { ...current.snapshot, stale: true };
    }
    const first = building;
    if (!first) return { ...(await start(version)), stale: false };
    refresh(version);
    return { ...(await first.done), stale: !same(first.version, version) };
  }

  /** Resolves when no build is running (tests, shutdown). */
  async function settled(): Promise<void> {
    while (building || checking) await (building?.done ?? checking)?.catch(() => undefined);
  }

  function stop(): void {
    due?.cancel();
    due = undefined;
  }

  return { latest, delta, settled, stop };
}

export type Snapshots = ReturnType<typeof createSnapshots>;
