// The offline snapshot (GET /v1/snapshots/latest): every product's sellability facts for today, signed with
// the registry's active label-signing key (published at /.well-known/iotlabel/keys, so one key set verifies
// labels and snapshots). Built once and kept until anything is written (the events table's last seq moves,
// which covers other processes too), the key changes, or the day changes.
import { todayUtc } from '../../calendar.js';
import { createHash } from 'node:crypto';
import { encodeSnapshot } from '../../catalogue/encode-snapshot.js';
import { SNAPSHOT_CONTENT_TYPE } from '../../catalogue/snapshot-format.js';
import type { SellabilityFacts } from '../../catalogue/types.js';
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
}

export function createSnapshots(deps: RegistryDeps, extras: { facts: FactsSource; keys: LabelKeys }) {
  const { store, engine, publicUrl, clock } = deps;
  const { facts, keys } = extras;
  let cached: { seq: number; day: string; snapshot: Promise<BuiltSnapshot> } | undefined;

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
    const chunks: Uint8Array[] = [];
    const hash = createHash('sha256');
    let bytes = 0;
    for await (const chunk of encodeSnapshot(compact(), {
      issuer: publicUrl,
      createdAt,
      regimes,
      keyId: key.kid,
      privateKey: key.privateKey,
    })) {
      chunks.push(chunk);
      hash.update(chunk);
      bytes += chunk.byteLength;
    }
    return {
      chunks,
      bytes,
      etag: `"${hash.digest('base64url').slice(0, 27)}"`,
      keyId: key.kid,
      createdAt,
      count,
      contentType: SNAPSHOT_CONTENT_TYPE,
    };
  }

  /** The current snapshot, built when something changed since the last one (concurrent callers share a build). */
  async function latest(): Promise<BuiltSnapshot> {
    const [seq, day] = [await journal.lastEventSeq(store.db), todayUtc(clock)];
    if (cached && cached.seq === seq && cached.day === day) return cached.snapshot;
    const snapshot = build(day);
    cached = { seq, day, snapshot };
    snapshot.catch(() => {
      if (cached?.snapshot === snapshot) cached = undefined;
    });
    return snapshot;
  }

  return { latest };
}

export type Snapshots = ReturnType<typeof createSnapshots>;
