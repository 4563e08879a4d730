// 0810: withdrawn evidence. A withdrawal is a new evidence row (evidence rows are never updated) that names the
// row it withdraws and why; the withdrawn row stays in the history.
import type { Migration } from 'kysely';
import type { AnyDb } from './any-db.js';

export function migration0810(): Migration {
  return {
    // `withdraws`: the id of the evidence row this row withdraws (null for an ordinary upload); `reason`: the
    // manufacturer's words. One column per statement: SQLite adds columns one at a time.
    async up(db: AnyDb) {
      await db.schema.alterTable('evidence').addColumn('withdraws', 'text').execute();
      await db.schema.alterTable('evidence').addColumn('reason', 'text').execute();
    },
    async down(db: AnyDb) {
      await db.schema.alterTable('evidence').dropColumn('reason').execute();
      await db.schema.alterTable('evidence').dropColumn('withdraws').execute();
    },
  };
}
