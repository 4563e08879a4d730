// Failed sign-ins per email address (its hash), shared by every process on the database. Bookkeeping rows like
// sessions: written directly, never through the write seam, so they reach neither the audit trail nor the log.
import { sql } from 'kysely';
import type { Executor } from './executor.js';

/**
 * Counts one more failure for `emailHash` and returns the count in the current window. A row whose window
 * began before `windowStart` starts a new window at `now`. One statement, so two processes counting the
 * same address at once both count.
 */
export async function recordSignInFailure(
  db: Executor,
  emailHash: string,
  now: string,
  windowStart: string,
): Promise<number> {
  await db
    .insertInto('signInFailures')
    .values({ emailHash, failures: 1, firstAt: now, lastAt: now })
    .onConflict((oc) =>
      oc.column('emailHash').doUpdateSet({
        failures: sql<number>`case when sign_in_failures.first_at < cast(${windowStart} as text) then 1 else sign_in_failures.failures + 1 end`,
        firstAt: sql<string>`case when sign_in_failures.first_at < cast(${windowStart} as text) then cast(${now} as text) else sign_in_failures.first_at end`,
        lastAt: now,
      }),
    )
    .execute();
  return signInFailures(db, emailHash, windowStart);
}

/** The failures for `emailHash` in the window that began at or after `windowStart` (0 when none). */
export async function signInFailures(db: Executor, emailHash: string, windowStart: string): Promise<number> {
  const row = await db
    .selectFrom('signInFailures')
    .select('failures')
    .where('emailHash', '=', emailHash)
    .where('firstAt', '>=', windowStart)
    .executeTakeFirst();
  return row ? Number(row.failures) : 0;
}

/** Forgets the failures of `emailHash` (a good sign-in, or the operator unlocking it); true when there were some. */
export async function clearSignInFailures(db: Executor, emailHash: string): Promise<boolean> {
  const result = await db.deleteFrom('signInFailures').where('emailHash', '=', emailHash).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * Keeps the table bounded: drops rows whose window ended, then, beyond `maxRows`, the least-tried oldest rows.
 * Rows at `keepFrom` failures or more (locked addresses) are never dropped for room, so a flood of made-up
 * addresses cannot unlock one. Returns how many rows went.
 */
export async function pruneSignInFailures(
  db: Executor,
  windowStart: string,
  maxRows: number,
  keepFrom: number,
): Promise<number> {
  const expired = await db.deleteFrom('signInFailures').where('firstAt', '<', windowStart).executeTakeFirst();
  let dropped = Number(expired.numDeletedRows);
  const { n } = await db
    .selectFrom('signInFailures')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const excess = Number(n) - maxRows;
  if (excess > 0) {
    const room = await db
      .deleteFrom('signInFailures')
      .where('emailHash', 'in', (eb) =>
        eb
          .selectFrom('signInFailures')
          .select('emailHash')
          .where('failures', '<', keepFrom)
          .orderBy('failures')
          .orderBy('firstAt')
          .limit(excess),
      )
      .executeTakeFirst();
    dropped += Number(room.numDeletedRows);
  }
  return dropped;
}
