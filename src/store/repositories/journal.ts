// The two append-only tables: `audit` (who did what, for people) and `events` (what changed, for machines:
// the transparency log, watch-list feeds and webhooks tail it by `seq`). Neither is ever updated or deleted.
import type { Executor } from './executor.js';
import type { AuditRow, EventRow, NewEvent } from '../schema.js';

export type NewAudit = Omit<AuditRow, 'id'>;

// Rows per insert statement: 8 columns x 500 stays far below both dialects' limits on bound parameters.
const INSERT_CHUNK = 500;

/** Appends many audit entries in a few multi-row inserts (the write seam's group commit). */
export async function appendAudits(db: Executor, rows: readonly NewAudit[]): Promise<void> {
  for (let k = 0; k < rows.length; k += INSERT_CHUNK)
    await db
      .insertInto('audit')
      .values(rows.slice(k, k + INSERT_CHUNK))
      .execute();
}

/**
 * Appends events numbered by the caller: each `seq` follows `lastEventSeq` read in the same transaction, after
 * serializeWrites, so numbers are strictly increasing in commit order.
 */
export async function appendEvents(db: Executor, rows: readonly NewEvent[]): Promise<void> {
  for (let k = 0; k < rows.length; k += INSERT_CHUNK)
    await db
      .insertInto('events')
      .values(rows.slice(k, k + INSERT_CHUNK))
      .execute();
}

export async function eventsAfter(db: Executor, after: number, limit: number): Promise<EventRow[]> {
  return db.selectFrom('events').selectAll().where('seq', '>', after).orderBy('seq').limit(limit).execute();
}

export async function lastEventSeq(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirst();
  return Number(row?.seq ?? 0);
}

export async function auditAfter(db: Executor, after: number, limit: number): Promise<AuditRow[]> {
  return db.selectFrom('audit').selectAll().where('id', '>', after).orderBy('id').limit(limit).execute();
}
