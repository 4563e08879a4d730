import type { Executor } from './executor.js';
import type { OrganisationRow, UserRow } from '../schema.js';

export async function insertUser(db: Executor, row: UserRow): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

export async function findUser(db: Executor, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findUserByEmail(db: Executor, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('emailKey', '=', email.trim().toLowerCase()).executeTakeFirst();
}

export async function listUsers(db: Executor, organisationId: string): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().where('organisationId', '=', organisationId).orderBy('emailKey').execute();
}

export interface UserWithOrganisation {
  user: UserRow;
  organisation: OrganisationRow;
}

/** The user and their organisation in one query (every signed-in request needs both). */
export async function findUserWithOrganisation(db: Executor, id: string): Promise<UserWithOrganisation | undefined> {
  const row = await db
    .selectFrom('users as u')
    .innerJoin('organisations as o', 'o.id', 'u.organisationId')
    .selectAll('u')
    .select(['o.name as orgName', 'o.nameKey as orgNameKey', 'o.kind as orgKind', 'o.createdAt as orgCreatedAt'])
    .where('u.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const { orgName, orgNameKey, orgKind, orgCreatedAt, ...user } = row;
  return {
    user,
    organisation: {
      id: user.organisationId,
      name: orgName,
      nameKey: orgNameKey,
      kind: orgKind,
      createdAt: orgCreatedAt,
    },
  };
}

export async function setPasswordHash(db: Executor, id: string, passwordHash: string): Promise<void> {
  await db.updateTable('users').set({ passwordHash }).where('id', '=', id).execute();
}
