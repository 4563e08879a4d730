// Running the migrations (./migrations/). Kysely's migrator, told to accept an existing database that applied
// the migrations in another order: 0300-retail sorts before 0400 and 0500, which were written at the same
// time on other branches, so a database may have applied 0400 and 0500 first. Each migration touches only
// its own tables, so the order between them does not matter; Kysely still refuses a database that applied
// a migration this build does not have, and runs what is missing in name order.
import { Migrator } from 'kysely';
import type { Migration, MigrationProvider, MigrationResultSet } from 'kysely';
import type { StoreCapabilities } from './capabilities.js';
import type { Store } from './store-types.js';
import { IotlabelError } from '../errors.js';
import { migrationsFor } from './migrations/index.js';

export { LATEST_MIGRATION, MIGRATIONS } from './migrations/index.js';

class InCodeMigrations implements MigrationProvider {
  constructor(private readonly caps: StoreCapabilities) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrationsFor(this.caps);
  }
}

function migrator(store: Store, provider: MigrationProvider = new InCodeMigrations(store.capabilities)): Migrator {
  return new Migrator({ db: store.db, provider, allowUnorderedMigrations: true });
}

/** Brings the database to the latest schema. Safe to run from several processes at once (Kysely locks). */
export async function migrateToLatest(store: Store): Promise<string[]> {
  const result: MigrationResultSet = await migrator(store).migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new IotlabelError('INTERNAL', `database migration ${failed} failed: ${(result.error as Error).message}`, {
      cause: result.error,
    });
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Names of the migrations applied so far (for `restore`, to recognise an iotlabel database). */
export async function appliedMigrations(store: Store): Promise<string[]> {
  const all = await migrator(store).getMigrations();
  return all.filter((m) => m.executedAt !== undefined).map((m) => m.name);
}
