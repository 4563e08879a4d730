// 0840: a catalogue check job may be for a market (issue 14: a shop is in a country), judged by every law
// binding a sale there; `regime` then names those laws for display, and `market` is the code checked.
import type { Migration } from 'kysely';
import type { AnyDb } from './any-db.js';

export function migration0840(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable('check_jobs').addColumn('market', 'text').execute();
    },
    async down(db: AnyDb) {
      await db.schema.alterTable('check_jobs').dropColumn('market').execute();
    },
  };
}
