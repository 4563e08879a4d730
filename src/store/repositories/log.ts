// The transparency log's tables: entries, every perfect-subtree hash, signed checkpoints and the documents
// entries name by hash. Appends happen only inside the write seam's transaction (after serializeWrites),
// so sizes and indices are handed out by one writer at a time, in every process.
import { sql } from 'kysely';
import type { Executor } from './executor.js';
import { keptInsert } from './kept-insert.js';
import type { LogCheckpointTable, LogEntryTable } from '../schema.js';

export type LogEntryRow = LogEntryTable;
export type LogCheckpointRow = LogCheckpointTable;

/** SQLite and PostgreSQL limit bound parameters; 500 rows of 3 columns stays well inside both. */
const INSERT_CHUNK = 500;

export async function latestCheckpoint(db: Executor): Promise<LogCheckpointRow | undefined> {
  return db.selectFrom('logCheckpoints').selectAll().orderBy('size', 'desc').limit(1).executeTakeFirst();
}

export async function checkpointAt(db: Executor, size: number): Promise<LogCheckpointRow | undefined> {
  return db.selectFrom('logCheckpoints').selectAll().where('size', '=', size).executeTakeFirst();
}

export async function insertCheckpoint(db: Executor, row: LogCheckpointRow): Promise<void> {
  await db.insertInto('logCheckpoints').values(row).execute();
}

export async function insertEntries(db: Executor, rows: readonly LogEntryRow[]): Promise<void> {
  for (let k = 0; k < rows.length; k += INSERT_CHUNK)
    await db
      .insertInto('logEntries')
      .values(rows.slice(k, k + INSERT_CHUNK))
      .execute();
}

export async function insertNodes(
  db: Executor,
  nodes: readonly { level: number; index: number; hash: Uint8Array }[],
): Promise<void> {
  for (let k = 0; k < nodes.length; k += INSERT_CHUNK) {
    const rows = nodes.slice(k, k + INSERT_CHUNK).map((n) => ({ level: n.level, idx: n.index, hash: n.hash }));
    await db.insertInto('logNodes').values(rows).execute();
  }
}

/** Entry bytes of [from, to), in index order (an entry bundle is a run of these). */
export async function entryData(db: Executor, from: number, to: number): Promise<{ idx: number; data: Uint8Array }[]> {
  const rows = await db
    .selectFrom('logEntries')
    .select(['idx', 'data'])
    .where('idx', '>=', from)
    .where('idx', '<', to)
    .orderBy('idx')
    .execute();
  return rows.map((r) => ({ idx: Number(r.idx), data: r.data }));
}

/** Hashes of one level's nodes [from, to), in index order (a hash tile is a run of these at level 8L). */
export async function nodeRun(
  db: Executor,
  level: number,
  from: number,
  to: number,
): Promise<{ idx: number; hash: Uint8Array }[]> {
  const rows = await db
    .selectFrom('logNodes')
    .select(['idx', 'hash'])
    .where('level', '=', level)
    .where('idx', '>=', from)
    .where('idx', '<', to)
    .orderBy('idx')
    .execute();
  return rows.map((r) => ({ idx: Number(r.idx), hash: r.hash }));
}

/** The hashes of scattered nodes in one query; missing nodes are simply absent from the answer. */
export async function nodesAt(
  db: Executor,
  nodes: readonly { level: number; index: number }[],
): Promise<{ level: number; idx: number; hash: Uint8Array }[]> {
  if (nodes.length === 0) return [];
  const where = sql.join(
    nodes.map((n) => sql`(level = ${n.level} and idx = ${n.index})`),
    sql` or `,
  );
  const result = await sql<{
    level: number;
    idx: number;
    hash: Uint8Array;
  }>`select level, idx, hash from log_nodes where ${where}`.execute(db);
  return result.rows.map((r) => ({ level: Number(r.level), idx: Number(r.idx), hash: r.hash }));
}

export async function lastEntryOfProduct(db: Executor, productId: string): Promise<number | null> {
  const row = await db
    .selectFrom('logEntries')
    .select((eb) => eb.fn.max('idx').as('idx'))
    .where('productId', '=', productId)
    .executeTakeFirst();
  return row?.idx === null || row?.idx === undefined ? null : Number(row.idx);
}

/** The bytes of a product's newest entry, or undefined when the log has none for it. */
export async function lastEntryDataOfProduct(db: Executor, productId: string): Promise<Uint8Array | undefined> {
  const row = await db
    .selectFrom('logEntries')
    .select('data')
    .where('productId', '=', productId)
    .orderBy('idx', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.data;
}

/** The newest entry recording `subjectId` with one of `types` (e.g. a declaration's entry, for its labels). */
export async function entryOfSubject(
  db: Executor,
  subjectId: string,
  types: readonly string[],
): Promise<LogEntryRow | undefined> {
  return db
    .selectFrom('logEntries')
    .selectAll()
    .where('subjectId', '=', subjectId)
    .where('type', 'in', types)
    .orderBy('idx', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The entries of these types about these subjects, oldest first (index, subject and type only). */
export async function entriesOfSubjects(
  db: Executor,
  subjectIds: readonly string[],
  types: readonly string[],
): Promise<{ idx: number; subjectId: string; type: string }[]> {
  const out: { idx: number; subjectId: string; type: string }[] = [];
  for (let k = 0; k < subjectIds.length; k += INSERT_CHUNK) {
    const rows = await db
      .selectFrom('logEntries')
      .select(['idx', 'subjectId', 'type'])
      .where('subjectId', 'in', subjectIds.slice(k, k + INSERT_CHUNK))
      .where('type', 'in', types)
      .execute();
    for (const r of rows) out.push({ idx: Number(r.idx), subjectId: String(r.subjectId), type: r.type });
  }
  return out.sort((a, b) => a.idx - b.idx);
}

/** A product's entries with an index in (after, below), oldest first, at most `limit`. */
export async function entriesOfProduct(
  db: Executor,
  productId: string,
  after: number,
  below: number,
  limit: number,
): Promise<LogEntryRow[]> {
  return db
    .selectFrom('logEntries')
    .selectAll()
    .where('productId', '=', productId)
    .where('idx', '>', after)
    .where('idx', '<', below)
    .orderBy('idx')
    .limit(limit)
    .execute();
}

const documentInsert = keptInsert<{ sha256: string; mediaType: string; body: string }>(
  'log_documents',
  { sha256: true, mediaType: true, body: true },
  (db, rows) =>
    db
      .insertInto('logDocuments')
      .values(rows)
      .onConflict((oc) => oc.column('sha256').doNothing()),
);

export async function putDocument(
  db: Executor,
  doc: { sha256: string; mediaType: string; body: string },
): Promise<void> {
  await documentInsert(db, [doc]);
}

export async function findDocument(
  db: Executor,
  sha256: string,
): Promise<{ mediaType: string; body: string } | undefined> {
  return db.selectFrom('logDocuments').select(['mediaType', 'body']).where('sha256', '=', sha256).executeTakeFirst();
}
