// The one schema, as Kysely migrations kept in code (no files to ship or find at run time), one file per
// migration, listed here in order. Both databases run the same migrations; where they differ, a migration
// asks the store's capabilities (../capabilities.ts), never which dialect it is on.
// Never edit a migration that has shipped: add the next one, with a name that sorts after the last.
import type { Migration } from 'kysely';
import type { StoreCapabilities } from '../capabilities.js';
import { migration0001 } from './0001-registry-core.js';
import { migration0100 } from './0100-labels.js';
import { migration0200 } from './0200-transparency-log.js';
import { migration0300 } from './0300-retail.js';
import { migration0400 } from './0400-web-accounts.js';
import { migration0500 } from './0500-evidence.js';
import { migration0600 } from './0600-event-seq-from-write-seam.js';
import { migration0700 } from './0700-check-jobs.js';
import { migration0800 } from './0800-sign-in-failures.js';
import { migration0810 } from './0810-evidence-withdrawal.js';
import { migration0830 } from './0830-retailer-settings.js';
import { migration0840 } from './0840-check-job-market.js';
import { migration0850 } from './0850-assessment-results.js';

export interface NamedMigration {
  readonly name: string;
  build(caps: StoreCapabilities): Migration;
}

export const MIGRATIONS: readonly NamedMigration[] = [
  { name: '0001-registry-core', build: migration0001 },
  { name: '0100-labels', build: migration0100 },
  { name: '0200-transparency-log', build: migration0200 },
  { name: '0300-retail', build: migration0300 },
  { name: '0400-web-accounts', build: migration0400 },
  { name: '0500-evidence', build: migration0500 },
  { name: '0600-event-seq-from-write-seam', build: migration0600 },
  { name: '0700-check-jobs', build: migration0700 },
  { name: '0800-sign-in-failures', build: migration0800 },
  { name: '0810-evidence-withdrawal', build: migration0810 },
  { name: '0830-retailer-settings', build: migration0830 },
  { name: '0840-check-job-market', build: migration0840 },
  { name: '0850-assessment-results', build: migration0850 },
];

/** The migrations for one database, by name, as Kysely's provider returns them. */
export function migrationsFor(caps: StoreCapabilities): Record<string, Migration> {
  return Object.fromEntries(MIGRATIONS.map((m) => [m.name, m.build(caps)]));
}

/** The newest migration this build has (names sort in order). */
export const LATEST_MIGRATION: string = MIGRATIONS.map((m) => m.name)
  .sort()
  .at(-1)!;
