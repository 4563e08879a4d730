// The two append-only tables: `audit` (who did what, for people) and `events` (what changed, for machines:
// the transparency log, watch-list feeds and webhooks tail it by `seq`). Neither is ever updated or deleted.
import type { Executor } from './executor.js';
import type { AuditRow, EventRow, NewEvent } from '../schema.js';

export type NewAudit = Omit<AuditRow, 'id'>;

export async function appendAudit(db: Executor, row: NewAudit): Promise<void> {
  await db.insertInto('audit').values(row).execute();
}

/** Appends an event and returns its sequence number. Call only inside a write transaction (see serializeWrites). */
export async function appendEvent(db: Executor, row: NewEvent): Promise<number> {
  const inserted = await db.insertInto('events').values(row).returning('seq').executeTakeFirstOrThrow();
  return Number(inserted.seq);
}

export async function eventsAfter(db: Executor, after: number, limit: number): Promise<EventRow[]> {
  return db.selectFrom('events').selectAll().where('seq', '>', after).orderBy('seq').limit(limit).execute();
}

export async function lastEventSeq(db: Executor): Promise<number> {
  const row = await db.selectFrom('events').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
  return Number(row?.seq ?? 0);
}

export async function auditAfter(db: Executor, after: number, limit: number): Promise<AuditRow[]> {
  return db.selectFrom('audit').selectAll().where('id', '>', after).orderBy('id').limit(limit).execute();
}
