// 0200: the transparency log: entries, tree nodes, checkpoints and the documents entries point to.
import type { Migration } from 'kysely';
import type { StoreCapabilities } from '../capabilities.js';
import type { AnyDb } from './any-db.js';

export function migration0200(caps: StoreCapabilities): Migration {
  return {
    // The registry's transparency log (docs/transparency-log.md). Tiles are not stored twice: a hash tile is
    // a run of log_nodes at level 8L and an entry bundle a run of log_entries, so every stored byte is served.
    async up(db: AnyDb) {
      const { bytes, int64 } = caps.columnTypes;
      await db.schema
        .createTable('log_entries')
        .addColumn('idx', int64, (c) => c.primaryKey())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('product_id', 'text')
        .addColumn('subject_id', 'text', (c) => c.notNull())
        .addColumn('doc_sha256', 'text')
        .addColumn('event_seq', int64, (c) => c.notNull())
        .addColumn('data', bytes, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('log_entries_product').on('log_entries').columns(['product_id', 'idx']).execute();
      await db.schema.createIndex('log_entries_subject').on('log_entries').column('subject_id').execute();
      await db.schema
        .createTable('log_nodes')
        .addColumn('level', 'integer', (c) => c.notNull())
        .addColumn('idx', int64, (c) => c.notNull())
        .addColumn('hash', bytes, (c) => c.notNull())
        .addPrimaryKeyConstraint('log_nodes_pk', ['level', 'idx'])
        .execute();
      await db.schema
        .createTable('log_checkpoints')
        .addColumn('size', int64, (c) => c.primaryKey())
        .addColumn('root', bytes, (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('log_documents')
        .addColumn('sha256', 'text', (c) => c.primaryKey())
        .addColumn('media_type', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: AnyDb) {
      for (const table of ['log_documents', 'log_checkpoints', 'log_nodes', 'log_entries'])
        await db.schema.dropTable(table).execute();
    },
  };
}
