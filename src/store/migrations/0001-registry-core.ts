// 0001: the registry core: organisations, API keys, products, declarations, assessments, events, audit.
import type { Migration } from 'kysely';
import type { StoreCapabilities } from '../capabilities.js';
import type { AnyDb } from './any-db.js';

export function migration0001(caps: StoreCapabilities): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('organisations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('name_key', 'text', (c) => c.notNull().unique())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('api_keys')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('prefix', 'text', (c) => c.notNull())
        .addColumn('secret_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .addColumn('last_used_at', 'text')
        .execute();
      await db.schema.createIndex('api_keys_organisation').on('api_keys').column('organisation_id').execute();
      await db.schema
        .createTable('products')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
        .addColumn('brand', 'text', (c) => c.notNull())
        .addColumn('model', 'text', (c) => c.notNull())
        .addColumn('brand_key', 'text', (c) => c.notNull())
        .addColumn('model_key', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('search_text', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('withdrawn_at', 'text')
        .addColumn('withdrawal_reason', 'text')
        .addUniqueConstraint('products_owner_brand_model', ['organisation_id', 'brand_key', 'model_key'])
        .execute();
      await db.schema.createIndex('products_brand_model').on('products').columns(['brand_key', 'model_key']).execute();
      await db.schema
        .createTable('product_gtins')
        .addColumn('gtin', 'text', (c) => c.primaryKey())
        .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('product_gtins_product').on('product_gtins').column('product_id').execute();
      await db.schema
        .createTable('declarations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
        .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
        .addColumn('version', 'integer')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('document', 'text', (c) => c.notNull())
        .addColumn('support_end_date', 'text')
        .addColumn('from_draft_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by_key_id', 'text')
        .addUniqueConstraint('declarations_product_version', ['product_id', 'version'])
        .execute();
      await db.schema.createIndex('declarations_product').on('declarations').column('product_id').execute();
      await db.schema
        .createTable('assessments')
        .addColumn('declaration_id', 'text', (c) => c.notNull().references('declarations.id'))
        .addColumn('regime', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('sellable', 'integer', (c) => c.notNull())
        .addColumn('result', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('assessments_pk', ['declaration_id', 'regime'])
        .execute();
      await caps
        .addIdentityColumn(db.schema.createTable('audit'), 'id')
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('organisation_id', 'text')
        .addColumn('key_id', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('subject_type', 'text', (c) => c.notNull())
        .addColumn('subject_id', 'text', (c) => c.notNull())
        .addColumn('detail', 'text', (c) => c.notNull())
        .execute();
      await caps
        .addIdentityColumn(db.schema.createTable('events'), 'seq')
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('subject_id', 'text', (c) => c.notNull())
        .addColumn('product_id', 'text')
        .addColumn('organisation_id', 'text')
        .addColumn('payload', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: AnyDb) {
      for (const table of [
        'events',
        'audit',
        'assessments',
        'declarations',
        'product_gtins',
        'products',
        'api_keys',
        'organisations',
      ]) {
        await db.schema.dropTable(table).execute();
      }
    },
  };
}
