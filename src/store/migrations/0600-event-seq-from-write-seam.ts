// 0600: events are numbered by the write seam, not by the database.
import { sql } from 'kysely';
import type { Migration } from 'kysely';
import type { StoreCapabilities } from '../capabilities.js';
import type { AnyDb } from './any-db.js';

export function migration0600(caps: StoreCapabilities): Migration {
  return {
    // The write seam numbers events itself (the next after the largest, under the write lock) so a batch
    // writes them in one insert. SQLite takes an explicit rowid as it is; PostgreSQL's identity column
    // would refuse one, so it becomes a plain key.
    async up(db: AnyDb) {
      if (!caps.identityTakesExplicitKeys) await sql`alter table events alter column seq drop identity`.execute(db);
    },
    async down(db: AnyDb) {
      if (!caps.identityTakesExplicitKeys)
        await sql`alter table events alter column seq add generated always as identity`.execute(db);
    },
  };
}
