// The SQLite driver answers a write that ends a transaction only once its flush to disk is done, holds the
// connection meanwhile (no query in this process reads a change before it is durable), flushes once per
// transaction rather than per statement, and hands a failed flush to the writer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, sql } from 'kysely';
import { DurableSqliteDriver } from '../../src/store/sqlite-durable-driver.js';
import { withStatementCache } from '../../src/store/sqlite-store.js';

interface Db {
  t: { x: number };
}

/** A Kysely over a fresh file whose flushes wait until the test lets each one finish. */
function open() {
  const raw = new BetterSqlite3(join(mkdtempSync(join(tmpdir(), 'iotlabel-durable-')), 'd.db'));
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.exec('create table t (x integer)');
  const flushes: { done(): void; fail(error: Error): void }[] = [];
  const log: string[] = [];
  const driver = new DurableSqliteDriver({
    database: withStatementCache(raw),
    inTransaction: () => raw.inTransaction,
    flush: () =>
      new Promise<void>((resolve, reject) => {
        log.push('flush');
        flushes.push({ done: resolve, fail: reject });
      }),
  });
  const db = new Kysely<Db>({
    dialect: {
      createDriver: () => driver,
      createAdapter: () => new SqliteAdapter(),
      createIntrospector: (k) => new SqliteIntrospector(k),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  });
  return { db, flushes, log };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

test('a commit is answered after its flush, and no query reads the change before the flush is done', async () => {
  const { db, flushes, log } = open();
  const write = db
    .transaction()
    .execute(async (trx) => {
      await trx.insertInto('t').values({ x: 1 }).execute();
      await trx.insertInto('t').values({ x: 2 }).execute();
    })
    .then(() => log.push('committed'));
  await settle();
  assert.deepEqual(log, ['flush'], 'one flush for the whole transaction, at its commit');
  const read = db
    .selectFrom('t')
    .selectAll()
    .execute()
    .then((rows) => (log.push('read'), rows));
  await settle();
  await settle();
  assert.deepEqual(log, ['flush'], 'neither the writer nor a reader is answered while the flush is pending');
  flushes[0]!.done();
  await write;
  assert.deepEqual(await read, [{ x: 1 }, { x: 2 }]);
  assert.deepEqual(log, ['flush', 'committed', 'read']);
  await db.destroy();
});

test('a write outside a transaction is flushed; a read is not', async () => {
  const { db, flushes, log } = open();
  assert.deepEqual(await db.selectFrom('t').selectAll().execute(), []);
  await sql`select 1`.execute(db);
  assert.deepEqual(log, []);
  const insert = db.insertInto('t').values({ x: 3 }).execute();
  await settle();
  assert.deepEqual(log, ['flush']);
  flushes[0]!.done();
  const [result] = await insert;
  assert.equal(result?.numInsertedOrUpdatedRows, 1n);
  await db.destroy();
});

test('a flush that fails reaches the writer, and the connection is free again afterwards', async () => {
  const { db, flushes } = open();
  const write = db.transaction().execute(async (trx) => trx.insertInto('t').values({ x: 4 }).execute());
  await settle();
  flushes[0]!.fail(new Error('disk gone'));
  await assert.rejects(write, /disk gone/);
  assert.deepEqual(await db.selectFrom('t').select('x').execute(), [{ x: 4 }]);
  await db.destroy();
});
