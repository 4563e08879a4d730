// 0830: a retailer's settings, chosen once on its pages: the market its shop is in (issue 14), used by
// default for its catalogue checks.
import type { Migration } from 'kysely';
import type { AnyDb } from './any-db.js';

export function migration0830(): Migration {
  return {
    // One row per organisation; a retailer's private working data, written directly (not through the write
    // seam), like its check jobs.
    async up(db: AnyDb) {
      await db.schema
        .createTable('retailer_settings')
        .addColumn('organisation_id', 'text', (c) => c.primaryKey().references('organisations.id'))
        .addColumn('market', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: AnyDb) {
      await db.schema.dropTable('retailer_settings').execute();
    },
  };
}
