// 0700: catalogue check jobs started from the retailer pages, and their results.
import type { Migration } from 'kysely';
import type { StoreCapabilities } from '../capabilities.js';
import type { AnyDb } from './any-db.js';

export function migration0700(caps: StoreCapabilities): Migration {
  return {
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
  };
}
