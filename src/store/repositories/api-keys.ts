import type { Executor } from './executor.js';
import type { ApiKeyRow, OrganisationRow } from '../schema.js';

export async function insertApiKey(db: Executor, row: ApiKeyRow): Promise<void> {
  await db.insertInto('apiKeys').values(row).execute();
}

export interface KeyWithOrganisation {
  key: ApiKeyRow;
  organisation: OrganisationRow;
}

/** The key whose SHA-256 is `secretHash`, with its organisation; revoked keys are returned too (callers decide). */
export async function findKeyByHash(db: Executor, secretHash: string): Promise<KeyWithOrganisation | undefined> {
  const row = await db
    .selectFrom('apiKeys as k')
    .innerJoin('organisations as o', 'o.id', 'k.organisationId')
    .select([
      'k.id',
      'k.organisationId',
      'k.role',
      'k.name',
      'k.prefix',
      'k.secretHash',
      'k.createdAt',
      'k.revokedAt',
      'k.lastUsedAt',
      'o.name as orgName',
      'o.nameKey as orgNameKey',
      'o.kind as orgKind',
      'o.createdAt as orgCreatedAt',
    ])
    .where('k.secretHash', '=', secretHash)
    .executeTakeFirst();
  if (!row) return undefined;
  const { orgName, orgNameKey, orgKind, orgCreatedAt, ...key } = row;
  return {
    key,
    organisation: {
      id: key.organisationId,
      name: orgName,
      nameKey: orgNameKey,
      kind: orgKind,
      createdAt: orgCreatedAt,
    },
  };
}

export async function findApiKey(db: Executor, id: string): Promise<ApiKeyRow | undefined> {
  return db.selectFrom('apiKeys').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listApiKeys(db: Executor, organisationId: string): Promise<ApiKeyRow[]> {
  return db
    .selectFrom('apiKeys')
    .selectAll()
    .where('organisationId', '=', organisationId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}

export async function markKeyRevoked(db: Executor, id: string, at: string): Promise<void> {
  await db.updateTable('apiKeys').set({ revokedAt: at }).where('id', '=', id).where('revokedAt', 'is', null).execute();
}

/** Bookkeeping only (not audited, no event): when the key was last seen. */
export async function touchApiKey(db: Executor, id: string, at: string): Promise<void> {
  await db.updateTable('apiKeys').set({ lastUsedAt: at }).where('id', '=', id).execute();
}
