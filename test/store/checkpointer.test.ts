// WAL checkpoints run on a worker thread: the serving connection never checkpoints itself while the worker
// runs, the worker copies the WAL back once it passes its threshold (so the WAL is reused, not grown), and a
// worker that cannot start leaves the serving connection checkpointing as SQLite does by default.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { startCheckpointer } from '../../src/store/sqlite-checkpointer.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { sql } from 'kysely';

function serving() {
  const file = join(mkdtempSync(join(tmpdir(), 'iotlabel-checkpoint-')), 'c.db');
  const raw = new BetterSqlite3(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.exec('create table t (x text)');
  return { file, raw };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('the worker checkpoints past its threshold, so the WAL is reused rather than grown', async () => {
  const { file, raw } = serving();
  const checkpointer = await startCheckpointer(raw, file, { atBytes: 256 * 1024, everyMs: 10 });
  assert.equal(raw.pragma('wal_autocheckpoint', { simple: true }), 0, 'the serving connection never checkpoints');
  const insert = raw.prepare('insert into t values (?)');
  const row = 'x'.repeat(1000);
  for (let batch = 0; batch < 20; batch++) {
    raw.transaction(() => {
      for (let i = 0; i < 500; i++) insert.run(row); // about 0.5 MB a transaction, 10 MB in all
    })();
    await sleep(40); // the worker's turn
  }
  const wal = statSync(`${file}-wal`).size;
  assert.ok(wal < 4 * 1024 * 1024, `the WAL is ${wal} bytes after 10 MB of writes`);
  // Asked directly, a checkpoint copies back every frame there is (nobody is reading).
  const answer = await checkpointer.checkpoint();
  assert.equal(answer.busy, 0);
  assert.equal(answer.checkpointed, answer.log);
  assert.equal((raw.prepare('select count(*) as n from t').get() as { n: number }).n, 10_000);
  await checkpointer.stop();
  raw.close();
});

test('writes one after another leave the WAL bounded: past its limit a checkpoint waits for the writer', async () => {
  const { file, raw } = serving();
  const checkpointer = await startCheckpointer(raw, file, {
    atBytes: 256 * 1024,
    everyMs: 5,
    truncateAtBytes: 2 * 1024 * 1024,
  });
  const insert = raw.prepare('insert into t values (?)');
  const row = 'x'.repeat(1000);
  let highest = 0;
  // As a bulk upload writes: one transaction after another, yielding only to the event loop between them.
  const until = Date.now() + 1500;
  let written = 0;
  while (Date.now() < until || written < 40_000) {
    raw.transaction(() => {
      for (let i = 0; i < 200; i++) insert.run(row);
    })();
    written += 200;
    highest = Math.max(highest, statSync(`${file}-wal`).size);
    await new Promise((resolve) => setTimeout(resolve, 1)); // as the writer waits for its commit's flush
  }
  assert.ok(highest < 12 * 1024 * 1024, `the WAL reached ${highest} bytes over ${written / 1000} MB of writes`);
  assert.equal((raw.prepare('select count(*) as n from t').get() as { n: number }).n, written);
  await checkpointer.stop();
  raw.close();
});

test('a worker that cannot open the file leaves the serving connection checkpointing itself', async () => {
  const { file, raw } = serving();
  await assert.rejects(startCheckpointer(raw, `${file}.missing`));
  assert.equal(raw.pragma('wal_autocheckpoint', { simple: true }), 1000);
  raw.close();
});

test('a store on a file keeps its writes through the worker and closes cleanly', async () => {
  const { file, raw } = serving();
  raw.close();
  const store = await openSqliteStore(file);
  await sql`create table u (y integer)`.execute(store.db);
  for (let i = 0; i < 50; i++) await sql`insert into u values (${i})`.execute(store.db);
  await store.close();
  const again = new BetterSqlite3(file, { readonly: true });
  assert.equal((again.prepare('select count(*) as n from u').get() as { n: number }).n, 50);
  again.close();
});
