// A retailer's settings (migration 0830): the market its shop is in. Private working data, written directly.
import type { Executor } from './executor.js';

export async function findRetailerMarket(db: Executor, organisationId: string): Promise<string | null> {
  const row = await db
    .selectFrom('retailerSettings')
    .select('market')
    .where('organisationId', '=', organisationId)
    .executeTakeFirst();
  return row?.market ?? null;
}

/** Sets the organisation's market, replacing the one chosen before. */
export async function saveRetailerMarket(
  db: Executor,
  organisationId: string,
  market: string,
  now: string,
): Promise<void> {
  await db
    .insertInto('retailerSettings')
    .values({ organisationId, market, updatedAt: now })
    .onConflict((oc) => oc.column('organisationId').doUpdateSet({ market, updatedAt: now }))
    .execute();
}
