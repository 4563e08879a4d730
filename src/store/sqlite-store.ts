// SQLite through better-sqlite3: the embedded default. One connection per process (Kysely serialises
// queries on it); write transactions begin IMMEDIATE so a second process (e.g. `iotlabel admin`) waits on
// the busy timeout instead of failing when a read lock would have to be upgraded.
import { createPrivateFile, ensurePrivateDir, makePrivate } from './private-files.js';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CamelCasePlugin, CompiledQuery, Kysely, SqliteDialect, SqliteDriver, sql } from 'kysely';
import type { DatabaseConnection, Driver, SqliteDatabase } from 'kysely';
import type { StoreCapabilities } from './capabilities.js';
import type { Database } from './schema.js';
import type { Store } from './store-types.js';
import { StoreUnavailable } from './errors.js';

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: ConstructorParameters<typeof SqliteDialect>[0];
  constructor(config: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

export const sqliteCapabilities: StoreCapabilities = {
  dialect: 'sqlite',
  serializeWrites: async () => {
    // BEGIN IMMEDIATE already holds the single write lock of the file.
  },
  // Only INTEGER PRIMARY KEY is SQLite's 64-bit rowid; AUTOINCREMENT stops a deleted top id being reused.
  addIdentityColumn: (table, name) => table.addColumn(name, 'integer', (c) => c.primaryKey().autoIncrement()),
  isUniqueViolation: (error) =>
    typeof error === 'object' &&
    error !== null &&
    ['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY'].includes(String((error as { code?: unknown }).code)),
  supportsFileBackup: true,
  columnTypes: { bytes: 'blob', int64: 'integer' },
  identityTakesExplicitKeys: true,
};

export function openSqliteDatabase(file: string, options: { readonly?: boolean } = {}): BetterSqlite3.Database {
  if (file !== ':memory:' && !options.readonly) {
    ensurePrivateDir(dirname(file));
    createPrivateFile(file);
  }
  let raw: BetterSqlite3.Database;
  try {
    raw = new BetterSqlite3(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  } catch (error) {
    throw new StoreUnavailable(`cannot open SQLite database ${file}: ${(error as Error).message}`, error);
  }
  // Several processes may open the file (serve, admin, backup): wait up to 5 s for a lock rather than fail.
  raw.pragma('busy_timeout = 5000');
  if (!options.readonly) {
    // WAL: readers never block the writer, and backups run while the server serves.
    raw.pragma('journal_mode = WAL');
    // FULL: each commit is fsynced before it is acknowledged, so an acknowledged declaration survives a
    // power cut, not only a crashed process (NORMAL would). Writes are rare next to reads and the log
    // appender batches its own, so the cost of one fsync per commit is small.
    raw.pragma('synchronous = FULL');
  }
  raw.pragma('foreign_keys = ON');
  return raw;
}

/**
 * Kysely prepares every query it runs, a measurable share of a busy writer's time. The queries a
 * process runs come from a few hundred code paths, so their statements are kept (least recently used out).
 * A statement still iterating (a streamed query) is busy and cannot be reused: such a call gets a fresh one.
 */
export function withStatementCache(raw: BetterSqlite3.Database, limit = 500): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => raw.close(),
    prepare(sql) {
      const cached = cache.get(sql);
      if (cached !== undefined && !cached.busy) {
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = raw.prepare(sql);
      if (cached === undefined) {
        cache.set(sql, statement);
        if (cache.size > limit) cache.delete(cache.keys().next().value!);
      }
      return statement;
    },
  };
}

export async function openSqliteStore(file: string): Promise<Store> {
  const raw = openSqliteDatabase(file);
  const db = new Kysely<Database>({
    dialect: new ImmediateSqliteDialect({ database: withStatementCache(raw) }),
    plugins: [new CamelCasePlugin()],
  });
  return {
    db,
    capabilities: sqliteCapabilities,
    location: file,
    ping: async () => {
      try {
        await sql`select 1`.execute(db);
      } catch (error) {
        throw new StoreUnavailable(`SQLite database ${file} does not answer: ${(error as Error).message}`, error);
      }
    },
    backup: async (target) => {
      createPrivateFile(target);
      await raw.backup(target);
      makePrivate(target);
    },
    close: () => db.destroy(),
  };
}
