// Labels: issued labels (with their signed token), their status history, and the public halves of the
// label-signing keys. Private keys never enter the database (files with 0600 permissions or the
// environment; see src/registry/labels/signing-keys.ts).
import type { Migration } from 'kysely';
import type { StoreCapabilities } from '../capabilities.js';
import type { AnyDb } from './any-db.js';

export function migration0100(caps: StoreCapabilities): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('label_keys')
        .addColumn('kid', 'text', (c) => c.primaryKey())
        .addColumn('x', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('retired_at', 'bigint')
        .execute();
      await db.schema
        .createTable('labels')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
        .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
        .addColumn('declaration_id', 'text', (c) => c.notNull().references('declarations.id'))
        .addColumn('declaration_version', 'integer', (c) => c.notNull())
        .addColumn('regime', 'text', (c) => c.notNull())
        .addColumn('gtin', 'text', (c) => c.notNull())
        .addColumn('shield', 'text', (c) => c.notNull())
        .addColumn('support_end_date', 'text', (c) => c.notNull())
        .addColumn('issued_at', 'text', (c) => c.notNull())
        .addColumn('status_list', 'integer', (c) => c.notNull())
        .addColumn('status_index', 'integer', (c) => c.notNull())
        .addColumn('kid', 'text', (c) => c.notNull().references('label_keys.kid'))
        .addColumn('token', 'text', (c) => c.notNull())
        .addColumn('claims', 'text', (c) => c.notNull())
        .addColumn('event_seq', 'bigint', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('status_at', 'text', (c) => c.notNull())
        .addColumn('status_reason', 'text')
        .addColumn('superseded_by', 'text')
        .addUniqueConstraint('labels_status_slot', ['status_list', 'status_index'])
        .addUniqueConstraint('labels_product_regime_version', ['product_id', 'regime', 'declaration_version'])
        .execute();
      await db.schema.createIndex('labels_product_regime').on('labels').columns(['product_id', 'regime']).execute();
      await caps
        .addIdentityColumn(db.schema.createTable('label_status_changes'), 'id')
        .addColumn('label_id', 'text', (c) => c.notNull().references('labels.id'))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('previous', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('organisation_id', 'text')
        .addColumn('event_seq', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('label_status_changes_label').on('label_status_changes').column('label_id').execute();
    },
    async down(db: AnyDb) {
      for (const table of ['label_status_changes', 'labels', 'label_keys']) await db.schema.dropTable(table).execute();
    },
  };
}
