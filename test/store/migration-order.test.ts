// Migrations applied in another order: 0300-retail sorts before 0400-web-accounts and 0500-evidence, which
// were written at the same time on other branches, so a database may have applied 0400 and 0500 before 0300.
// Such a database opens: the missing migrations run and nothing is applied twice.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import { DIALECTS, createPostgresDatabase } from '../support/dialects.js';
import {
  appliedMigrations,
  LATEST_MIGRATION,
  migrateToLatest,
  openStore,
  type DialectName,
  type Store,
  type StoreOptions,
} from '../../src/store/index.js';
import { MIGRATIONS } from '../../src/store/migrations/index.js';

const provider = (store: Store, names: (name: string) => boolean): MigrationProvider => ({
  getMigrations: async (): Promise<Record<string, Migration>> =>
    Object.fromEntries(MIGRATIONS.filter((m) => names(m.name)).map((m) => [m.name, m.build(store.capabilities)])),
});

async function storeOptions(dialect: DialectName): Promise<{ options: StoreOptions; cleanUp(): void }> {
  if (dialect === 'postgres')
    return { options: { kind: 'postgres', url: await createPostgresDatabase() }, cleanUp() {} };
  const dir = mkdtempSync(join(tmpdir(), 'iotlabel-order-'));
  return {
    options: { kind: 'sqlite', file: join(dir, 'iotlabel.db') },
    cleanUp: () => rmSync(dir, { recursive: true }),
  };
}

for (const dialect of DIALECTS) {
  describe(`migration order on ${dialect}`, () => {
    test('a database that applied 0400 and 0500 before 0300 opens and reaches the latest schema', async () => {
      const { options, cleanUp } = await storeOptions(dialect);
      const first = await openStore(options);
      try {
        // A build from the branch without 0300: everything up to 0500 but 0300.
        const early = new Migrator({
          db: first.db,
          provider: provider(first, (n) => n <= '0500' && !n.startsWith('0300')),
        });
        const { error } = await early.migrateToLatest();
        assert.equal(error, undefined);
        // Kysely's default check refuses this database once 0300 exists: the hazard this store avoids.
        const strict = new Migrator({ db: first.db, provider: provider(first, () => true) });
        assert.match(String((await strict.migrateToLatest()).error), /corrupted migrations/);

        assert.deepEqual(await migrateToLatest(first), [
          '0300-retail',
          ...MIGRATIONS.map((m) => m.name).filter((n) => n > '0500'),
        ]);
      } finally {
        await first.close();
      }
      const reopened = await openStore(options);
      try {
        assert.deepEqual(await migrateToLatest(reopened), []);
        const applied = await appliedMigrations(reopened);
        assert.deepEqual([...applied].sort(), MIGRATIONS.map((m) => m.name).sort());
        assert.equal(applied.at(-1), LATEST_MIGRATION);
        // The tables of every migration are there, whatever the order: 0300's, 0400's and 0500's.
        for (const table of ['watchlist_gtins', 'users', 'evidence'] as const)
          assert.ok(
            (await reopened.db.introspection.getTables()).some((t) => t.name === table),
            table,
          );
      } finally {
        await reopened.close();
        cleanUp();
      }
    });
  });
}
