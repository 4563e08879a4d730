// The one schema, as Kysely migrations kept in code (no files to ship or find at run time). Both databases
// run the same migrations; the only dialect-specific column (the identity key) goes through capabilities.
// Never edit a migration that has shipped: add the next one.
import { Migrator, sql } from 'kysely';
import type { Kysely, Migration, MigrationProvider, MigrationResultSet } from 'kysely';
import type { StoreCapabilities } from './capabilities.js';
import type { Store } from './store.js';
import { IotlabelError } from '../errors.js';

// Migrations see an untyped database: the typed schema describes the latest version only.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

function migrations(caps: StoreCapabilities): Record<string, Migration> {
  return {
    '0001-registry-core': {
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
        await db.schema
          .createIndex('products_brand_model')
          .on('products')
          .columns(['brand_key', 'model_key'])
          .execute();
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
    },
    // Labels: issued labels (with their signed token), their status history, and the public halves of the
    // label-signing keys. Private keys never enter the database (files with 0600 permissions or the
    // environment; see src/registry/labels/signing-keys.ts).
    '0100-labels': {
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
        await db.schema
          .createIndex('label_status_changes_label')
          .on('label_status_changes')
          .column('label_id')
          .execute();
      },
      async down(db: AnyDb) {
        for (const table of ['label_status_changes', 'labels', 'label_keys'])
          await db.schema.dropTable(table).execute();
      },
    },
    '0200-transparency-log': {
      // The registry's transparency log (docs/transparency-log.md). Tiles are not stored twice: a hash tile is
      // a run of log_nodes at level 8L and an entry bundle a run of log_entries, so every stored byte is served.
      async up(db: AnyDb) {
        const bytes = caps.dialect === 'postgres' ? 'bytea' : 'blob';
        const int64 = caps.dialect === 'postgres' ? 'bigint' : 'integer';
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
    },
    // Retail: retailers' watch lists, the notices they get (feeds), webhook subscriptions and their durable
    // delivery outbox with every attempt, and the cursor with which notices follow the events table.
    '0300-retail': {
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
    },
    // Web accounts: people who sign in to the pages, and their server-side sessions.
    '0400-web-accounts': {
      async up(db: AnyDb) {
        await db.schema
          .createTable('users')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('email', 'text', (c) => c.notNull())
          .addColumn('email_key', 'text', (c) => c.notNull().unique())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('password_hash', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('disabled_at', 'text')
          .execute();
        await db.schema.createIndex('users_organisation').on('users').column('organisation_id').execute();
        await db.schema
          .createTable('sessions')
          .addColumn('id_hash', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .addColumn('last_seen_at', 'text', (c) => c.notNull())
          .addColumn('form_state', 'text')
          .execute();
        await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
        await db.schema.createIndex('sessions_expires').on('sessions').column('expires_at').execute();
      },
      async down(db: AnyDb) {
        for (const table of ['sessions', 'users']) await db.schema.dropTable(table).execute();
      },
    },
    '0500-evidence': {
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
    },
    '0600-event-seq-from-write-seam': {
      // The write seam numbers events itself (the next after the largest, under the write lock) so a batch
      // writes them in one insert. SQLite takes an explicit rowid as it is; PostgreSQL's identity column
      // would refuse one, so it becomes a plain key.
      async up(db: AnyDb) {
        if (caps.dialect === 'postgres') await sql`alter table events alter column seq drop identity`.execute(db);
      },
      async down(db: AnyDb) {
        if (caps.dialect === 'postgres')
          await sql`alter table events alter column seq add generated always as identity`.execute(db);
      },
    },
    '0700-check-jobs': {
      // Catalogue checks started from the retailer pages (src/registry/retail/check-jobs.ts): a retailer's private
      // working data, written directly (not through the write seam), so any `serve` process on this database
      // can show a job and its results. `seq` orders jobs newest first; `id` is the unguessable one in URLs.
      // Each result keeps, beside its JSON, the two columns the results page filters on.
      async up(db: AnyDb) {
        await caps
          .addIdentityColumn(db.schema.createTable('check_jobs'), 'seq')
          .addColumn('id', 'text', (c) => c.notNull().unique())
          .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
          .addColumn('file_name', 'text', (c) => c.notNull())
          .addColumn('regime', 'text', (c) => c.notNull())
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('started_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addColumn('finished_at', 'text')
          .addColumn('state', 'text', (c) => c.notNull())
          .addColumn('rows_checked', 'integer', (c) => c.notNull())
          .addColumn('summary', 'text')
          .addColumn('error', 'text')
          .execute();
        await db.schema
          .createIndex('check_jobs_organisation_seq')
          .on('check_jobs')
          .columns(['organisation_id', 'seq'])
          .execute();
        await db.schema.createIndex('check_jobs_state').on('check_jobs').columns(['state', 'updated_at']).execute();
        await db.schema
          .createTable('check_job_results')
          .addColumn('job_id', 'text', (c) => c.notNull())
          .addColumn('seq', 'integer', (c) => c.notNull())
          .addColumn('not_sellable', 'integer', (c) => c.notNull())
          .addColumn('support_end_date', 'text')
          .addColumn('result', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('check_job_results_pk', ['job_id', 'seq'])
          .execute();
        await db.schema
          .createIndex('check_job_results_not_sellable')
          .on('check_job_results')
          .columns(['job_id', 'not_sellable', 'seq'])
          .execute();
        await db.schema
          .createIndex('check_job_results_support_end')
          .on('check_job_results')
          .columns(['job_id', 'support_end_date'])
          .execute();
      },
      async down(db: AnyDb) {
        for (const table of ['check_job_results', 'check_jobs']) await db.schema.dropTable(table).execute();
      },
    },
  };
}

class InCodeMigrations implements MigrationProvider {
  constructor(private readonly caps: StoreCapabilities) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations(this.caps);
  }
}

/** Brings the database to the latest schema. Safe to run from several processes at once (Kysely locks). */
export async function migrateToLatest(store: Store): Promise<string[]> {
  const migrator = new Migrator({ db: store.db, provider: new InCodeMigrations(store.capabilities) });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new IotlabelError('INTERNAL', `database migration ${failed} failed: ${(result.error as Error).message}`, {
      cause: result.error,
    });
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Names of the migrations applied so far (for `restore`, to recognise an iotlabel database). */
export async function appliedMigrations(store: Store): Promise<string[]> {
  const migrator = new Migrator({ db: store.db, provider: new InCodeMigrations(store.capabilities) });
  const all = await migrator.getMigrations();
  return all.filter((m) => m.executedAt !== undefined).map((m) => m.name);
}

/** The newest migration this build has (names sort in order). Building the map runs no migration code. */
export const LATEST_MIGRATION: string = Object.keys(migrations({} as StoreCapabilities))
  .sort()
  .at(-1)!;
