// PostgreSQL through a pg Pool. Several `iotlabel serve` processes may share one database: writes are
// serialised by a transaction-scoped advisory lock (see StoreCapabilities.serializeWrites), reads are not.
import pg from 'pg';
import { CamelCasePlugin, Kysely, PostgresDialect, sql } from 'kysely';
import type { StoreCapabilities } from './capabilities.js';
import type { Database } from './schema.js';
import type { Store } from './store-types.js';
import { StoreUnavailable, StoreUnsupported } from './errors.js';
import { redactUrl } from './redact-url.js';

/** Arbitrary but fixed: the advisory lock key every iotlabel writer takes ("iotl" in ASCII). */
const WRITE_LOCK_KEY = 0x696f746c;
const INT8_OID = 20;

export const postgresCapabilities: StoreCapabilities = {
  dialect: 'postgres',
  serializeWrites: async (trx) => {
    await sql`select pg_advisory_xact_lock(${WRITE_LOCK_KEY})`.execute(trx);
  },
  addIdentityColumn: (table, name) =>
    table.addColumn(name, 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity()),
  isUniqueViolation: (error) =>
    typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505',
  supportsFileBackup: false,
  columnTypes: { bytes: 'bytea', int64: 'bigint' },
  identityTakesExplicitKeys: false,
};

export async function openPostgresStore(url: string, poolSize = 10): Promise<Store> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    // Our 64-bit columns (event seq, audit id, counts) stay far below 2^53: read them as numbers.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
  const location = redactUrl(url);
  const store: Store = {
    db,
    capabilities: postgresCapabilities,
    location,
    ping: async () => {
      try {
        await sql`select 1`.execute(db);
      } catch (error) {
        throw new StoreUnavailable(`PostgreSQL at ${location} does not answer: ${(error as Error).message}`, error);
      }
    },
    backup: async () => {
      throw new StoreUnsupported('backup makes SQLite copies; for PostgreSQL use pg_dump (see docs/operations.md)');
    },
    close: () => db.destroy(),
  };
  await store.ping();
  return store;
}
