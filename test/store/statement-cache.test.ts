// The SQLite statement cache: a statement is prepared once per SQL text, a streamed (busy) statement is never
// handed out twice, and the least recently used statement leaves first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import BetterSqlite3 from 'better-sqlite3';
import { withStatementCache } from '../../src/store/sqlite-store.js';

function database() {
  const raw = new BetterSqlite3(':memory:');
  raw.exec('create table t (n integer); insert into t values (1), (2), (3)');
  return raw;
}

test('the same SQL gets the same prepared statement', () => {
  const db = withStatementCache(database());
  const first = db.prepare('select n from t order by n');
  assert.equal(db.prepare('select n from t order by n'), first);
  assert.deepEqual(first.all([]), [{ n: 1 }, { n: 2 }, { n: 3 }]);
  assert.notEqual(db.prepare('select n from t where n > ?'), first);
  db.close();
});

test('a statement still iterating is not handed out again; both read their own rows', () => {
  const db = withStatementCache(database());
  const sql = 'select n from t order by n';
  const streaming = db.prepare(sql);
  const rows = streaming.iterate([]);
  assert.deepEqual(rows.next().value, { n: 1 });
  const other = db.prepare(sql);
  assert.notEqual(other, streaming);
  assert.deepEqual(other.all([]), [{ n: 1 }, { n: 2 }, { n: 3 }]);
  assert.deepEqual([...rows], [{ n: 2 }, { n: 3 }]);
  // Once the stream has finished, the cached statement is free again.
  assert.equal(db.prepare(sql), streaming);
  db.close();
});

test('beyond the limit the least recently used statement is prepared anew', () => {
  const db = withStatementCache(database(), 2);
  const a = db.prepare('select 1');
  const b = db.prepare('select 2');
  assert.equal(db.prepare('select 1'), a); // a is now the most recently used
  db.prepare('select 3'); // evicts b
  assert.equal(db.prepare('select 1'), a);
  assert.notEqual(db.prepare('select 2'), b);
  db.close();
});
