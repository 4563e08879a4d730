// 0500: evidence attached to declarations (password analyses, security.txt files).
import type { Migration } from 'kysely';
import type { AnyDb } from './any-db.js';

export function migration0500(): Migration {
  return {
    // Evidence documents attached to a declaration (version or draft): immutable rows, never updated.
    async up(db: AnyDb) {
      await db.schema
        .createTable('evidence')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('declaration_id', 'text', (c) => c.notNull().references('declarations.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
        .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('document', 'text', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('source_url', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by_key_id', 'text')
        .addUniqueConstraint('evidence_declaration_seq', ['declaration_id', 'seq'])
        .execute();
    },
    async down(db: AnyDb) {
      await db.schema.dropTable('evidence').execute();
    },
  };
}
