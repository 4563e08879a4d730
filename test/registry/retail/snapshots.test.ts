// The offline snapshot is never rebuilt on a reader's behalf once one exists: after a write the previous
// snapshot answers at once while one new build runs (held here by a gate the test opens, not by timing),
// and builds start at most once per interval. On both databases.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Services } from '../../../src/registry/index.js';
import { createSnapshots, KEPT_SNAPSHOT_BUILDS, type SnapshotScheduler } from '../../../src/registry/retail/index.js';
import { DIALECTS } from '../../support/dialects.js';
import { declarationFor, manufacturer, openTestRegistry, type TestRegistry } from '../../support/registry.js';
import { withCheckDigit } from '../../support/gtin.js';

/** A facts source whose every full read waits for the test to open that build's gate. */
function gatedFacts(s: Services) {
  const gates: { open: () => void; opened: Promise<void>; start: () => void; started: Promise<void> }[] = [];
  let builds = 0;
  const gate = (n: number) => {
    while (gates.length <= n) {
      let open = () => {};
      let start = () => {};
      const opened = new Promise<void>((resolve) => (open = resolve));
      const started = new Promise<void>((resolve) => (start = resolve));
      gates.push({ open, opened, start, started });
    }
    return gates[n]!;
  };
  const facts = {
    ...s.facts,
    async *allFacts(day: string) {
      const n = builds++;
      gate(n).start();
      await gate(n).opened;
      yield* s.facts.allFacts(day);
    },
  };
  return {
    facts,
    open: (n: number) => gate(n).open(),
    /** Resolves when build `n` (from 0) has begun reading the products. */
    started: (n: number) => gate(n).started,
    builds: () => builds,
  };
}

function manualScheduler() {
  const pending: { run: () => void; ms: number; cancelled: boolean }[] = [];
  const schedule: SnapshotScheduler = (run, ms) => {
    const entry = { run, ms, cancelled: false };
    pending.push(entry);
    return { cancel: () => void (entry.cancelled = true) };
  };
  return { schedule, pending };
}

for (const dialect of DIALECTS) {
  describe(`offline snapshot on ${dialect}`, () => {
    let t: TestRegistry;
    let s: Services;
    let declare: (model: string, body: string) => Promise<void>;

    before(async () => {
      t = await openTestRegistry(dialect);
      s = t.services;
      const acme = await manufacturer(s, 'Snapshot Devices Ltd');
      declare = async (model, body) => {
        await s.declarations.submitForModel(
          acme.actor,
          declarationFor({ brand: 'Snap', model, gtins: [withCheckDigit(body)] }),
        );
      };
      await declare('S-1', '501000000001');
    });
    after(() => t.close());

    test(
      'after a write the previous snapshot answers while the new one is built; the next answer is new',
      { timeout: 60_000 },
      async () => {
        const gated = gatedFacts(s);
        const snapshots = createSnapshots(s, {
          facts: gated.facts,
          keys: s.labels.keys,
          options: { minIntervalMs: 0, maxBuildShare: 1 },
        });
        gated.open(0);
        const first = await snapshots.latest();
        assert.equal(first.stale, false);
        assert.equal(first.count, 1);
        assert.equal((await snapshots.latest()).etag, first.etag, 'nothing changed, nothing rebuilt');
        assert.equal(gated.builds(), 1);

        await declare('S-2', '501000000002');
        // Build 1 stays blocked until the gate opens: if latest() waited for it, this await would never return.
        const during = await snapshots.latest();
        await gated.started(1); // the write started a build, which now waits at its gate
        assert.equal(during.etag, first.etag);
        assert.equal(during.createdAt, first.createdAt);
        assert.equal(during.count, 1);
        assert.equal(during.stale, true);
        assert.equal((await snapshots.latest()).etag, first.etag);
        assert.equal(gated.builds(), 2, 'readers share the one build in progress');

        gated.open(1);
        await snapshots.settled();
        const after = await snapshots.latest();
        assert.notEqual(after.etag, first.etag);
        assert.equal(after.count, 2);
        assert.equal(after.stale, false);
        snapshots.stop();
      },
    );

    test('the first snapshot is waited for, once: readers that come meanwhile share its build', async () => {
      const gated = gatedFacts(s);
      const snapshots = createSnapshots(s, {
        facts: gated.facts,
        keys: s.labels.keys,
        options: { minIntervalMs: 0, maxBuildShare: 1 },
      });
      const readers = [snapshots.latest(), snapshots.latest()];
      await gated.started(0);
      const third = snapshots.latest();
      gated.open(0);
      const answers = await Promise.all([...readers, third]);
      assert.equal(new Set(answers.map((a) => a.etag)).size, 1);
      assert.ok(answers.every((a) => !a.stale));
      assert.equal(gated.builds(), 1);
      snapshots.stop();
    });

    test('a write during a build is picked up by one more build when it ends', { timeout: 60_000 }, async () => {
      const gated = gatedFacts(s);
      const snapshots = createSnapshots(s, {
        facts: gated.facts,
        keys: s.labels.keys,
        options: { minIntervalMs: 0, maxBuildShare: 1 },
      });
      gated.open(0);
      const first = await snapshots.latest();
      await declare('S-3', '501000000003');
      await snapshots.latest(); // starts build 1 (held)
      await gated.started(1);
      await declare('S-4', '501000000004');
      assert.equal((await snapshots.latest()).etag, first.etag);
      gated.open(1);
      gated.open(2);
      // The build for the first write ends, sees the newer write and starts another; wait for that one too.
      await gated.started(2);
      await snapshots.settled();
      const latest = await snapshots.latest();
      assert.equal(latest.count, first.count + 2);
      assert.equal(latest.stale, false);
      snapshots.stop();
    });

    test(
      'builds start at most once per interval; a write within it is built when the interval ends',
      { timeout: 60_000 },
      async () => {
        const gated = gatedFacts(s);
        const timer = manualScheduler();
        let now = 0;
        const snapshots = createSnapshots(s, {
          facts: gated.facts,
          keys: s.labels.keys,
          options: { minIntervalMs: 5000, now: () => now, schedule: timer.schedule },
        });
        for (let n = 0; n < 3; n++) gated.open(n);
        const first = await snapshots.latest();
        await declare('S-5', '501000000005');
        now = 1000;
        const early = await snapshots.latest();
        assert.equal(early.etag, first.etag);
        assert.equal(early.stale, true);
        assert.equal(gated.builds(), 1, 'no build within the interval');
        assert.equal(timer.pending.length, 1);
        assert.equal(timer.pending[0]!.ms, 4000, 'scheduled for the end of the interval');
        await snapshots.latest();
        assert.equal(timer.pending.length, 1, 'one scheduled build however many readers ask');

        now = 5000;
        timer.pending[0]!.run();
        while (gated.builds() < 2) await new Promise((resolve) => setImmediate(resolve));
        await snapshots.settled();
        const later = await snapshots.latest();
        assert.notEqual(later.etag, first.etag);
        assert.equal(later.count, first.count + 1);
        snapshots.stop();
      },
    );

    test('a long build rests the builder, so builds take at most their share of the time', async () => {
      const gated = gatedFacts(s);
      const timer = manualScheduler();
      let now = 0;
      const snapshots = createSnapshots(s, {
        facts: gated.facts,
        keys: s.labels.keys,
        options: { minIntervalMs: 1000, maxBuildShare: 0.25, now: () => now, schedule: timer.schedule },
      });
      const building = snapshots.latest();
      await gated.started(0);
      now = 2000; // the build took two seconds
      gated.open(0);
      const first = await building;
      await snapshots.settled();
      await declare('S-6', '501000000006');
      const early = await snapshots.latest();
      assert.equal(early.etag, first.etag);
      assert.equal(early.stale, true);
      assert.equal(gated.builds(), 1);
      // Rested three times the build's length (a quarter of the time building), not the 1 s interval.
      assert.equal(timer.pending.length, 1);
      assert.equal(timer.pending[0]!.ms, 6000);
      now = 8000;
      gated.open(1);
      timer.pending[0]!.run();
      while (gated.builds() < 2) await new Promise((resolve) => setImmediate(resolve));
      await snapshots.settled();
      assert.equal((await snapshots.latest()).count, first.count + 1);
      snapshots.stop();
    });
  });
}

for (const dialect of DIALECTS) {
  describe(`snapshot deltas on ${dialect}`, () => {
    let t: TestRegistry;
    let s: Services;
    let n = 0;
    let declare: () => Promise<void>;
    before(async () => {
      t = await openTestRegistry(dialect);
      s = t.services;
      const acme = await manufacturer(s, 'Delta History Ltd');
      declare = async () => {
        n++;
        await s.declarations.submitForModel(
          acme.actor,
          declarationFor({
            brand: 'Hist',
            model: `H-${n}`,
            gtins: [withCheckDigit(`5020000${String(n).padStart(5, '0')}`)],
          }),
        );
      };
      await declare();
    });
    after(() => t.close());

    /** A write, then the build it causes; returns the new snapshot. */
    const next = async (snapshots: ReturnType<typeof createSnapshots>) => {
      await declare();
      await snapshots.latest();
      await snapshots.settled();
      return snapshots.latest();
    };

    test('deltas start from any of the last builds kept, each holding what changed since it', async () => {
      const snapshots = createSnapshots(s, {
        facts: s.facts,
        keys: s.labels.keys,
        options: { minIntervalMs: 0, maxBuildShare: 1 },
      });
      const built = [await snapshots.latest()];
      for (let i = 1; i < KEPT_SNAPSHOT_BUILDS + 1; i++) built.push(await next(snapshots));
      const current = built.at(-1)!;
      // The current build and the three before it can be a base: 0, 1, 2 and 3 products changed since.
      for (let back = 0; back < KEPT_SNAPSHOT_BUILDS; back++) {
        const base = built[built.length - 1 - back]!;
        const delta = await snapshots.delta(base.bodySha256);
        assert.equal(delta.count, back, `${back} builds back`);
        assert.equal(delta.base, base.bodySha256);
        assert.equal(delta.bodySha256, current.bodySha256);
        assert.equal(delta.contentType, 'application/vnd.iotlabel.snapshot-delta');
      }
      // The oldest is no longer kept: fetch the full snapshot.
      await assert.rejects(snapshots.delta(built[0]!.bodySha256), { code: 'SNAPSHOT_BASE_UNKNOWN' });
      snapshots.stop();
    });

    test('when more changed than a delta keeps, deltas start afresh from that build', async () => {
      const snapshots = createSnapshots(s, {
        facts: s.facts,
        keys: s.labels.keys,
        options: { minIntervalMs: 0, maxBuildShare: 1, maxDeltaLines: 1 },
      });
      const first = await snapshots.latest();
      const second = await next(snapshots); // one product changed: within the limit
      assert.equal((await snapshots.delta(first.bodySha256)).count, 1);
      await declare();
      const third = await next(snapshots); // two more since `first`: over it
      await assert.rejects(snapshots.delta(first.bodySha256), { code: 'SNAPSHOT_BASE_UNKNOWN' });
      await assert.rejects(snapshots.delta(second.bodySha256), { code: 'SNAPSHOT_BASE_UNKNOWN' });
      assert.equal((await snapshots.delta(third.bodySha256)).count, 0);
      const fourth = await next(snapshots);
      assert.equal((await snapshots.delta(third.bodySha256)).count, 1);
      assert.equal((await snapshots.delta(third.bodySha256)).bodySha256, fourth.bodySha256);
      snapshots.stop();
    });
  });
}
