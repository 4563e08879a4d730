// Retail: retailers' watch lists, the notices they get (feeds), webhook subscriptions and their durable
// delivery outbox with every attempt, and the cursor with which notices follow the events table.
import type { Migration } from 'kysely';
import type { StoreCapabilities } from '../capabilities.js';
import type { AnyDb } from './any-db.js';

export function migration0300(caps: StoreCapabilities): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('watchlist_gtins')
        .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
        .addColumn('gtin', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('since_seq', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('watchlist_gtins_pk', ['organisation_id', 'gtin'])
        .execute();
      await db.schema.createIndex('watchlist_gtins_gtin').on('watchlist_gtins').column('gtin').execute();
      await caps
        .addIdentityColumn(db.schema.createTable('retail_notices'), 'seq')
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
        .addColumn('dedupe_key', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('product_id', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addUniqueConstraint('retail_notices_dedupe', ['organisation_id', 'dedupe_key'])
        .execute();
      await db.schema
        .createIndex('retail_notices_organisation')
        .on('retail_notices')
        .columns(['organisation_id', 'seq'])
        .execute();
      await db.schema
        .createTable('retail_cursors')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('webhooks')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('secret_sealed', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('deleted_at', 'text')
        .execute();
      await db.schema.createIndex('webhooks_organisation').on('webhooks').column('organisation_id').execute();
      await caps
        .addIdentityColumn(db.schema.createTable('webhook_deliveries'), 'seq')
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('webhook_id', 'text', (c) => c.notNull().references('webhooks.id'))
        .addColumn('notice_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('next_attempt_at', 'text', (c) => c.notNull())
        .addColumn('delivered_at', 'text')
        .addUniqueConstraint('webhook_deliveries_once', ['webhook_id', 'notice_id'])
        .execute();
      await db.schema
        .createIndex('webhook_deliveries_pending')
        .on('webhook_deliveries')
        .columns(['status', 'webhook_id', 'seq'])
        .execute();
      await caps
        .addIdentityColumn(db.schema.createTable('webhook_attempts'), 'id')
        .addColumn('delivery_id', 'text', (c) => c.notNull())
        .addColumn('webhook_id', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('status_code', 'integer')
        .addColumn('error', 'text')
        .addColumn('ms', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('webhook_attempts_webhook')
        .on('webhook_attempts')
        .columns(['webhook_id', 'id'])
        .execute();
    },
    async down(db: AnyDb) {
      for (const table of [
        'webhook_attempts',
        'webhook_deliveries',
        'webhooks',
        'retail_cursors',
        'retail_notices',
        'watchlist_gtins',
      ])
        await db.schema.dropTable(table).execute();
    },
  };
}
