// Kept inserts bind new values into SQL Kysely compiled once: every value must land in its own column, whatever
// the key order of the row objects, inside and outside a transaction, on both databases; a shape Kysely would
// compile differently (an undefined value) is not bound blindly.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS, openTestStore, type TestStore } from '../support/dialects.js';
import { keptInsert } from '../../src/store/repositories/kept-insert.js';

interface Doc {
  sha256: string;
  mediaType: string;
  body: string;
}

for (const dialect of DIALECTS) {
  describe(`kept inserts on ${dialect}`, () => {
    let t: TestStore;
    before(async () => {
      t = await openTestStore(dialect);
    });
    after(async () => t.close());

    const insert = keptInsert<Doc>('test_docs', { sha256: true, mediaType: true, body: true }, (db, rows) =>
      db
        .insertInto('logDocuments')
        .values(rows)
        .onConflict((oc) => oc.column('sha256').doNothing()),
    );
    const read = async (prefix: string) =>
      (await t.store.db.selectFrom('logDocuments').selectAll().where('sha256', 'like', `${prefix}%`).execute())
        .map((r) => ({ sha256: r.sha256, mediaType: r.mediaType, body: r.body }))
        .sort((a, b) => (a.sha256 < b.sha256 ? -1 : 1));

    test('each call binds its own values into its own columns, for every row count and key order', async () => {
      const rows = (tag: string, n: number): Doc[] =>
        Array.from({ length: n }, (_, i) => ({
          sha256: `k${tag}${i}`,
          mediaType: `type/${tag}${i}`,
          body: `b${tag}${i}`,
        }));
      await insert(t.store.db, rows('a', 1));
      await insert(t.store.db, rows('b', 1)); // the kept statement
      await insert(t.store.db, rows('c', 3));
      // Keys in another order than the column list, and a value containing quotes and a placeholder look-alike.
      await insert(t.store.db, [{ body: "it's ? $1", sha256: 'kd0', mediaType: 'type/d0' }]);
      await t.store.db.transaction().execute(async (trx) => insert(trx, rows('e', 3)));
      assert.deepEqual(await read('k'), [
        ...rows('a', 1),
        ...rows('b', 1),
        ...rows('c', 3),
        { sha256: 'kd0', mediaType: 'type/d0', body: "it's ? $1" },
        ...rows('e', 3),
      ]);
      // The statement's own clause (here: a duplicate hash is ignored) is kept too.
      await insert(t.store.db, [{ sha256: 'kb0', mediaType: 'other', body: 'other' }]);
      assert.deepEqual((await read('kb0'))[0], rows('b', 1)[0]);
    });

    test('an empty list writes nothing; more rows than are kept and undefined values go through Kysely', async () => {
      await insert(t.store.db, []);
      const many = Array.from({ length: 70 }, (_, i) => ({ sha256: `m${i}`, mediaType: 'type/m', body: `${i}` }));
      await insert(t.store.db, many);
      assert.equal((await read('m')).length, 70);
      // mediaType is NOT NULL: Kysely leaves an undefined value out, so the database refuses the row.
      await assert.rejects(
        insert(t.store.db, [{ sha256: 'u0', mediaType: undefined as unknown as string, body: 'x' }]),
      );
      assert.deepEqual(await read('u'), []);
    });
  });
}
