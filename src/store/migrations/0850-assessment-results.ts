// 0850: each distinct assessment result is stored once. A declaration has a result per regime (16 today,
// about 2 KB each), and the declarations of one product line mostly share them, so storing every copy made
// results three quarters of the database and of every commit's bytes. New rows keep only the result's hash;
// rows written before keep their result in place (nothing is rewritten).
import type { Migration } from 'kysely';
import type { AnyDb } from './any-db.js';

export function migration0850(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('assessment_results')
        .addColumn('sha256', 'text', (c) => c.primaryKey())
        .addColumn('result', 'text', (c) => c.notNull())
        .execute();
      await db.schema.alterTable('assessments').addColumn('result_sha256', 'text').execute();
    },
    async down(db: AnyDb) {
      await db.schema.alterTable('assessments').dropColumn('result_sha256').execute();
      await db.schema.dropTable('assessment_results').execute();
    },
  };
}
