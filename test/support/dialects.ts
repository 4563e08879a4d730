// The databases every store and registry test runs against, as Kysely's own suite does:
//   for (const dialect of DIALECTS) describe(dialect, () => { ... openTestStore(dialect) ... })
// scripts/run-tests.mjs starts one PostgreSQL server per run and passes its URL in IOTLABEL_TEST_PG_URL;
// each call of openTestStore('postgres') creates a fresh database on it, so test files stay isolated.
// IOTLABEL_TEST_DIALECTS=sqlite narrows a quick local run; CI never sets it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore, migrateToLatest, randomToken, type Store, type DialectName } from '../../src/store/index.js';

const ALL: DialectName[] = ['sqlite', 'postgres'];

export const DIALECTS: DialectName[] = (() => {
  const narrowed = process.env.IOTLABEL_TEST_DIALECTS;
  if (!narrowed) return ALL;
  const chosen = narrowed.split(',').map((d) => d.trim()) as DialectName[];
  for (const d of chosen) if (!ALL.includes(d)) throw new Error(`IOTLABEL_TEST_DIALECTS: unknown dialect "${d}"`);
  return chosen;
})();

export function postgresServerUrl(): string {
  const url = process.env.IOTLABEL_TEST_PG_URL;
  if (!url) {
    throw new Error(
      'IOTLABEL_TEST_PG_URL is not set: run the tests with `npm test` / `npm run test:unit` (scripts/run-tests.mjs ' +
        'starts PostgreSQL), or set IOTLABEL_TEST_DIALECTS=sqlite for a quick SQLite-only run',
    );
  }
  return url;
}

/** A new, empty PostgreSQL database on the test server; returns its URL. */
export async function createPostgresDatabase(): Promise<string> {
  const serverUrl = postgresServerUrl();
  const name = `t_${randomToken(12)}`;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export interface TestStore {
  store: Store;
  /** Another, independent connection to the same database (as a second process would have). */
  reopen(): Promise<Store>;
  /** Closes the store and deletes the SQLite file (PostgreSQL databases go with the server at the end). */
  close(): Promise<void>;
}

/** A fresh, migrated store on `dialect`. */
export async function openTestStore(dialect: DialectName): Promise<TestStore> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'iotlabel-test-'));
    const file = join(dir, 'iotlabel.db');
    const store = await openStore({ kind: 'sqlite', file });
    await migrateToLatest(store);
    return {
      store,
      reopen: () => openStore({ kind: 'sqlite', file }),
      close: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const url = await createPostgresDatabase();
  const store = await openStore({ kind: 'postgres', url, poolSize: 4 });
  await migrateToLatest(store);
  return { store, reopen: () => openStore({ kind: 'postgres', url, poolSize: 4 }), close: () => store.close() };
}
