// Catalogue check jobs of the retailer pages and their results. Bookkeeping rows (like sessions): written
// directly, not through the write seam, so they never reach the audit trail, the event outbox or the log.
import type { Insertable } from 'kysely';
import type { Executor } from './executor.js';
import type { CheckJobResultRow, CheckJobRow, CheckJobTable } from '../schema.js';

/** SQLite and PostgreSQL limit bound parameters; 500 rows of 5 columns stays well inside both. */
const INSERT_CHUNK = 500;

/** Which results to read: only rows that may not be sold, and/or only those whose support ends by a date. */
export interface ResultFilter {
  notSellable: boolean;
  /** YYYY-MM-DD: only rows with a support end date on or before it; null for no such filter. */
  supportEndsBy: string | null;
}

export type NewCheckJob = Omit<Insertable<CheckJobTable>, 'seq'>;

export async function insertJob(db: Executor, row: NewCheckJob): Promise<void> {
  await db.insertInto('checkJobs').values(row).execute();
}

export async function findJob(db: Executor, organisationId: string, id: string): Promise<CheckJobRow | undefined> {
  return db
    .selectFrom('checkJobs')
    .selectAll()
    .where('id', '=', id)
    .where('organisationId', '=', organisationId)
    .executeTakeFirst();
}

/** An organisation's jobs, newest first. */
export async function jobsOfOrganisation(db: Executor, organisationId: string, limit: number): Promise<CheckJobRow[]> {
  return db
    .selectFrom('checkJobs')
    .selectAll()
    .where('organisationId', '=', organisationId)
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
}

/** Progress (and heartbeat) of a running job; false when the job is gone or no longer running. */
export async function updateRunning(
  db: Executor,
  id: string,
  change: { rowsChecked?: number; updatedAt: string },
): Promise<boolean> {
  const result = await db
    .updateTable('checkJobs')
    .set(change)
    .where('id', '=', id)
    .where('state', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function finishJob(
  db: Executor,
  id: string,
  end: { state: 'done' | 'failed'; rowsChecked: number; summary: string | null; error: string | null; at: string },
): Promise<boolean> {
  const result = await db
    .updateTable('checkJobs')
    .set({
      state: end.state,
      rowsChecked: end.rowsChecked,
      summary: end.summary,
      error: end.error,
      finishedAt: end.at,
      updatedAt: end.at,
    })
    .where('id', '=', id)
    .where('state', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Marks running jobs not updated since `staleBefore` as failed (their process is gone); returns how many. */
export async function failStaleJobs(
  db: Executor,
  staleBefore: string,
  error: string,
  now: string,
  ids?: readonly string[],
): Promise<number> {
  let query = db
    .updateTable('checkJobs')
    .set({ state: 'failed', error, finishedAt: now, updatedAt: now })
    .where('state', '=', 'running')
    .where('updatedAt', '<', staleBefore);
  if (ids !== undefined) {
    if (ids.length === 0) return 0;
    query = query.where('id', 'in', ids);
  }
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function insertResults(db: Executor, rows: readonly CheckJobResultRow[]): Promise<void> {
  for (let k = 0; k < rows.length; k += INSERT_CHUNK)
    await db
      .insertInto('checkJobResults')
      .values(rows.slice(k, k + INSERT_CHUNK))
      .execute();
}

function filtered(db: Executor, jobId: string, filter: ResultFilter) {
  let query = db.selectFrom('checkJobResults').where('jobId', '=', jobId);
  if (filter.notSellable) query = query.where('notSellable', '=', 1);
  if (filter.supportEndsBy !== null)
    query = query.where('supportEndDate', 'is not', null).where('supportEndDate', '<=', filter.supportEndsBy);
  return query;
}

export async function countResults(db: Executor, jobId: string, filter: ResultFilter): Promise<number> {
  const row = await filtered(db, jobId, filter)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The results' JSON texts, in input order: `limit` of them after skipping `offset`. */
export async function resultPage(
  db: Executor,
  jobId: string,
  filter: ResultFilter,
  offset: number,
  limit: number,
): Promise<string[]> {
  const rows = await filtered(db, jobId, filter).select('result').orderBy('seq').limit(limit).offset(offset).execute();
  return rows.map((r) => r.result);
}

/** Up to `limit` results after `afterSeq`, in input order (keyset paging, for streaming every result). */
export async function resultsAfter(
  db: Executor,
  jobId: string,
  filter: ResultFilter,
  afterSeq: number,
  limit: number,
): Promise<{ seq: number; result: string }[]> {
  const rows = await filtered(db, jobId, filter)
    .select(['seq', 'result'])
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ seq: Number(r.seq), result: r.result }));
}

/**
 * Deletes an organisation's jobs older than its newest `keep` (and their results); returns the jobs deleted.
 * The job rows go first: a batch of a still-running job then either finds its job gone (and stops) or, having
 * updated it first, commits before the delete proceeds, so its results are deleted with the rest.
 */
export async function deleteOldJobs(db: Executor, organisationId: string, keep: number): Promise<number> {
  const oldest = await db
    .selectFrom('checkJobs')
    .select('seq')
    .where('organisationId', '=', organisationId)
    .orderBy('seq', 'desc')
    .limit(1)
    .offset(keep - 1)
    .executeTakeFirst();
  if (oldest === undefined) return 0;
  const old = await db
    .selectFrom('checkJobs')
    .select('id')
    .where('organisationId', '=', organisationId)
    .where('seq', '<', oldest.seq)
    .execute();
  if (old.length === 0) return 0;
  const ids = old.map((j) => j.id);
  await db.deleteFrom('checkJobs').where('id', 'in', ids).execute();
  await db.deleteFrom('checkJobResults').where('jobId', 'in', ids).execute();
  return ids.length;
}
