// Labels, their status history and the public halves of the label-signing keys. Label rows are written
// once; only the current status (a copy of the newest status change) and `supersededBy` move later.
import type { Executor } from './executor.js';
import type { LabelKeyRow, LabelRow, LabelStatusChangeRow } from '../schema.js';
import type { LabelStatus } from '../../labels/label-status.js';

export async function labelKeys(db: Executor): Promise<LabelKeyRow[]> {
  return db.selectFrom('labelKeys').selectAll().orderBy('createdAt', 'desc').orderBy('kid').execute();
}

export async function activeLabelKey(db: Executor): Promise<LabelKeyRow | undefined> {
  return db.selectFrom('labelKeys').selectAll().where('status', '=', 'active').executeTakeFirst();
}

export async function findLabelKey(db: Executor, kid: string): Promise<LabelKeyRow | undefined> {
  return db.selectFrom('labelKeys').selectAll().where('kid', '=', kid).executeTakeFirst();
}

export async function insertLabelKey(db: Executor, row: LabelKeyRow): Promise<void> {
  await db.insertInto('labelKeys').values(row).execute();
}

export async function retireLabelKeys(db: Executor, at: number): Promise<string[]> {
  const active = await db.selectFrom('labelKeys').select('kid').where('status', '=', 'active').execute();
  await db.updateTable('labelKeys').set({ status: 'retired', retiredAt: at }).where('status', '=', 'active').execute();
  return active.map((r) => r.kid);
}

export async function insertLabel(db: Executor, row: LabelRow): Promise<void> {
  await db.insertInto('labels').values(row).execute();
}

export async function findLabel(db: Executor, id: string): Promise<LabelRow | undefined> {
  return db.selectFrom('labels').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The product's labels, newest first (optionally for one regime). */
export async function labelsOfProduct(db: Executor, productId: string, regime?: string): Promise<LabelRow[]> {
  let query = db.selectFrom('labels').selectAll().where('productId', '=', productId);
  if (regime !== undefined) query = query.where('regime', '=', regime);
  return query.orderBy('declarationVersion', 'desc').orderBy('issuedAt', 'desc').orderBy('id').execute();
}

/** The newest label of the product under the regime: its current label. */
export async function currentLabel(db: Executor, productId: string, regime: string): Promise<LabelRow | undefined> {
  return (await labelsOfProduct(db, productId, regime))[0];
}

export async function markSuperseded(db: Executor, id: string, by: string): Promise<void> {
  await db
    .updateTable('labels')
    .set({ supersededBy: by })
    .where('id', '=', id)
    .where('supersededBy', 'is', null)
    .execute();
}

/** The highest status slot handed out so far, as (list, index), or undefined before the first label. */
export async function lastStatusSlot(db: Executor): Promise<{ list: number; index: number } | undefined> {
  const row = await db
    .selectFrom('labels')
    .select(['statusList', 'statusIndex'])
    .orderBy('statusList', 'desc')
    .orderBy('statusIndex', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { list: Number(row.statusList), index: Number(row.statusIndex) } : undefined;
}

/** (index, status) of every label in list n that is not valid; the others are valid by default. */
export async function statusesOfList(db: Executor, list: number): Promise<{ index: number; status: LabelStatus }[]> {
  const rows = await db
    .selectFrom('labels')
    .select(['statusIndex', 'status'])
    .where('statusList', '=', list)
    .where('status', '!=', 'valid')
    .execute();
  return rows.map((r) => ({ index: Number(r.statusIndex), status: r.status }));
}

/** Every label given an index in list `list`, with its stored status (to check against the log). */
export async function labelsOfList(
  db: Executor,
  list: number,
): Promise<{ id: string; productId: string; status: LabelStatus }[]> {
  return db.selectFrom('labels').select(['id', 'productId', 'status']).where('statusList', '=', list).execute();
}

export async function setLabelStatus(
  db: Executor,
  id: string,
  status: LabelStatus,
  at: string,
  reason: string,
): Promise<void> {
  await db.updateTable('labels').set({ status, statusAt: at, statusReason: reason }).where('id', '=', id).execute();
}

export async function appendStatusChange(db: Executor, row: Omit<LabelStatusChangeRow, 'id'>): Promise<void> {
  await db.insertInto('labelStatusChanges').values(row).execute();
}

export async function statusChangesOf(db: Executor, labelId: string): Promise<LabelStatusChangeRow[]> {
  return db.selectFrom('labelStatusChanges').selectAll().where('labelId', '=', labelId).orderBy('id').execute();
}
