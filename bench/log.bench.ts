// The registry's transparency log, on SQLite in a temporary folder:
// 1. durable appends per second through the real write seam (writer.write + ctx.emit of a logged event, each
//    acknowledged only after its fsynced commit), 64 concurrent writers, group commit on (target >= 5,000/s);
//    baseline in the same run: the same load with one transaction per write (maxWriteBatch = 1).
// 2. inclusion proofs per second against a 1,000,000-entry log stored in log_nodes (target >= 20,000/s):
//    generated from the store (the server's side), and generated + verified (server and client together).
//    Baseline: raw SHA-256 of 64 bytes, as in tlog.bench.ts (a proof verification costs ~20 of those).
import { hash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { opsPerSecond } from './harness.js';
import type { BenchFigure } from './harness.js';
import { migrateToLatest, openStore, type Store } from '../src/store/index.js';
import { createServices, systemActor } from '../src/registry/index.js';
import { appendLogRecords } from '../src/registry/log/batch.js';
import { createNodeReader } from '../src/registry/log/nodes.js';
import { generateNoteKey, parseSignerKey } from '../src/tlog/note-key.js';
import { inclusionProof } from '../src/tlog/prove-inclusion.js';
import { verifyInclusion } from '../src/tlog/verify-inclusion.js';
import { hashLeaf } from '../src/tlog/hash.js';
import { openCheckpoint } from '../src/tlog/open-checkpoint.js';
import { parseVerifierKey } from '../src/tlog/note-key.js';
import { verifierKeyFor } from '../src/registry/log/key.js';

const key = generateNoteKey('bench.invalid/log');
const operator = systemActor('bench');

async function tempStore(): Promise<{ store: Store; done(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'iotlabel-logbench-'));
  const store = await openStore({ kind: 'sqlite', file: join(dir, 'iotlabel.db') });
  await migrateToLatest(store);
  return {
    store,
    done: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Appends per second: `writers` loops of writer.write(emit a logged status change) for `ms`. */
async function appendRate(maxWriteBatch: number, writers: number, ms: number): Promise<{ rate: number; size: number }> {
  const { store, done } = await tempStore();
  try {
    const services = createServices({ store, logSignerKey: key.signerKey, maxWriteBatch });
    const org = await services.organisations.registerOrganisation(operator, {
      name: 'Bench Devices',
      kind: 'manufacturer',
    });
    const product = await services.products.createProduct(operator, {
      brand: 'Bench',
      model: 'B-1',
      name: 'Bench',
      category: 'hub',
      organisationId: org.id,
    });
    let count = 0;
    const end = performance.now() + ms;
    const start = performance.now();
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        for (let n = 0; performance.now() < end; n++) {
          await services.writer.write(operator, async (ctx) => {
            await ctx.audit({ action: 'label.suspend', subjectType: 'label', subjectId: `lbl_${w}_${n}` });
            await ctx.emit({
              type: 'label-status-changed',
              subjectId: `lbl_${w}_${n}`,
              productId: product.id,
              organisationId: org.id,
              payload: {
                labelId: `lbl_${w}_${n}`,
                status: 'suspended',
                previous: 'valid',
                reason: 'bench',
                statusList: 0,
                statusIndex: n,
              },
            });
          });
          count++;
        }
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    return { rate: count / seconds, size: (await services.log.checkpoint()).size };
  } finally {
    await done();
  }
}

const entry = (i: number) =>
  Buffer.from(
    `{"gtins":[],"manufacturer":"org_bench","previous":null,"product":"prd_${i}","sha256":null,"subject":"s${i}","supportEnd":null,"time":"2026-01-01T00:00:00.000Z","type":"label-suspended","v":1,"verdicts":{}}`,
  );

async function proofRates(
  size: number,
  ms: number,
): Promise<{ generate: number; generateVerify: number; buildSeconds: number; cached: number }> {
  const { store, done } = await tempStore();
  try {
    const signer = parseSignerKey(key.signerKey);
    const buildStart = performance.now();
    for (let at = 0; at < size; at += 20_000) {
      const records = Array.from({ length: Math.min(20_000, size - at) }, (_, k) => entry(at + k));
      await store.db.transaction().execute((trx) => appendLogRecords(trx, signer, records, '2026-01-01T00:00:00.000Z'));
    }
    const buildSeconds = (performance.now() - buildStart) / 1000;
    const services = createServices({ store, logSignerKey: key.signerKey });
    const { note } = await services.log.checkpoint();
    const { root } = openCheckpoint(note, [parseVerifierKey(verifierKeyFor(key.signerKey))]).checkpoint;
    const reader = createNodeReader(store);
    const cache = new Map<string, Uint8Array>();
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % size;
    // Warm the in-memory upper levels once (a server does this on its first proofs).
    for (let k = 0; k < 200; k++) await inclusionProof(reader, next(), size, cache);
    const rate = async (fn: (index: number) => Promise<void>) => {
      // 32 requests in flight, as a busy server would have.
      let ops = 0;
      const end = performance.now() + ms;
      const start = performance.now();
      await Promise.all(
        Array.from({ length: 32 }, async () => {
          while (performance.now() < end) {
            await fn(next());
            ops++;
          }
        }),
      );
      return (ops * 1000) / (performance.now() - start);
    };
    const generate = await rate(async (index) => void (await inclusionProof(reader, index, size, cache)));
    const generateVerify = await rate(async (index) =>
      verifyInclusion(index, size, hashLeaf(entry(index)), await inclusionProof(reader, index, size, cache), root),
    );
    return { generate, generateVerify, buildSeconds, cached: reader.cachedNodes() };
  } finally {
    await done();
  }
}

export async function run({ quick }: { quick: boolean }): Promise<BenchFigure[]> {
  const ms = quick ? 1000 : 3000;
  const writers = 64;
  const baseline = await appendRate(1, writers, ms);
  const grouped = await appendRate(512, writers, ms);
  const size = quick ? 100_000 : 1_000_000;
  const input = Buffer.alloc(64, 7);
  const sha = {
    name: 'raw SHA-256 of 64 bytes',
    value: opsPerSecond(() => hash('sha256', input, 'buffer')),
    unit: 'hashes/s',
  };
  const proofs = await proofRates(size, ms);
  const appendBaseline = {
    name: 'one transaction per write (same load)',
    value: Math.round(baseline.rate),
    unit: 'appends/s',
  };
  return [
    {
      name: `log: durable appends through the write seam, SQLite, ${writers} concurrent writers, group commit`,
      value: Math.round(grouped.rate),
      unit: 'appends/s',
      baseline: appendBaseline,
      ratio: grouped.rate / baseline.rate,
      ratioMeaning: 'group commit / one transaction per write',
      target: '>= 5000 appends/s',
      met: grouped.rate >= 5000,
      notes: { entries: grouped.size, baselineEntries: baseline.size },
    },
    {
      name: `log: inclusion proofs generated from the store at ${size.toLocaleString('en')} entries`,
      value: Math.round(proofs.generate),
      unit: 'proofs/s',
      baseline: sha,
      ratio: proofs.generate / sha.value,
      ratioMeaning: 'proofs per raw hash',
      target: '>= 20000 proofs/s',
      met: proofs.generate >= 20_000,
      notes: { cachedNodes: proofs.cached, buildSeconds: Math.round(proofs.buildSeconds) },
    },
    {
      name: `log: inclusion proofs generated from the store and verified at ${size.toLocaleString('en')} entries`,
      value: Math.round(proofs.generateVerify),
      unit: 'proofs/s',
      baseline: sha,
      ratio: proofs.generateVerify / sha.value,
      ratioMeaning: 'proofs per raw hash',
      target: '>= 20000 proofs/s',
      met: proofs.generateVerify >= 20_000,
    },
  ];
}
