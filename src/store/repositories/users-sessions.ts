// Server-side sessions of signed-in people. Bookkeeping rows (like an API key's last use): written directly,
// not through the write seam, so they never reach the audit trail's event outbox or the public log.
import type { Executor } from './executor.js';
import type { SessionRow } from '../schema.js';

export async function insertSession(db: Executor, row: SessionRow): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

export async function findSession(db: Executor, idHash: string): Promise<SessionRow | undefined> {
  return db.selectFrom('sessions').selectAll().where('idHash', '=', idHash).executeTakeFirst();
}

export async function extendSession(
  db: Executor,
  idHash: string,
  lastSeenAt: string,
  expiresAt: string,
): Promise<void> {
  await db.updateTable('sessions').set({ lastSeenAt, expiresAt }).where('idHash', '=', idHash).execute();
}

export async function setFormState(db: Executor, idHash: string, formState: string | null): Promise<void> {
  await db.updateTable('sessions').set({ formState }).where('idHash', '=', idHash).execute();
}

export async function deleteSession(db: Executor, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('idHash', '=', idHash).execute();
}

export async function deleteUserSessions(db: Executor, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('userId', '=', userId).execute();
}

/** Removes sessions that expired before `now`; returns how many. */
export async function deleteExpiredSessions(db: Executor, now: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expiresAt', '<', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
