import type { Executor } from './executor.js';
import type { OrganisationRow } from '../schema.js';

export async function insertOrganisation(db: Executor, row: OrganisationRow): Promise<void> {
  await db.insertInto('organisations').values(row).execute();
}

export async function findOrganisation(db: Executor, id: string): Promise<OrganisationRow | undefined> {
  return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findOrganisationByName(db: Executor, name: string): Promise<OrganisationRow | undefined> {
  return db.selectFrom('organisations').selectAll().where('nameKey', '=', name.trim().toLowerCase()).executeTakeFirst();
}

export async function listOrganisations(
  db: Executor,
  options: { kind?: string; limit: number; after?: string },
): Promise<OrganisationRow[]> {
  let query = db.selectFrom('organisations').selectAll().orderBy('id').limit(options.limit);
  if (options.kind) query = query.where('kind', '=', options.kind as OrganisationRow['kind']);
  if (options.after) query = query.where('id', '>', options.after);
  return query.execute();
}

export async function countOrganisations(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('organisations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
