// 0800: failed sign-ins, counted in the database so every `serve` process on it shares one lockout.
import type { Migration } from 'kysely';
import type { AnyDb } from './any-db.js';

export function migration0800(): Migration {
  return {
    // One row per email address that failed to sign in recently (src/registry/accounts/sign-in-lockout.ts),
    // keyed by the SHA-256 of the normalised address so the table holds no one's email. Bookkeeping, written
    // directly (not through the write seam). Rows expire with their window; `first_at` finds them, and
    // (`failures`, `first_at`) picks the least-tried to drop when the table is full.
    async up(db: AnyDb) {
      await db.schema
        .createTable('sign_in_failures')
        .addColumn('email_hash', 'text', (c) => c.primaryKey())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('first_at', 'text', (c) => c.notNull())
        .addColumn('last_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sign_in_failures_first_at').on('sign_in_failures').column('first_at').execute();
      await db.schema
        .createIndex('sign_in_failures_eviction')
        .on('sign_in_failures')
        .columns(['failures', 'first_at'])
        .execute();
    },
    async down(db: AnyDb) {
      await db.schema.dropTable('sign_in_failures').execute();
    },
  };
}
