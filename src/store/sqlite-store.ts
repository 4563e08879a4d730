// SQLite through better-sqlite3: the embedded default. One connection per process (Kysely serialises
// queries on it), driven by ./sqlite-durable-driver.ts: IMMEDIATE write transactions, and a commit answered
// once it is on disk without blocking the thread meanwhile.
import { createPrivateFile, ensurePrivateDir, makePrivate } from './private-files.js';
import { open } from 'node:fs/promises';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CamelCasePlugin, Kysely, SqliteDialect, sql } from 'kysely';
import type { Driver, SqliteDatabase } from 'kysely';
import type { StoreCapabilities } from './capabilities.js';
import type { Database } from './schema.js';
import type { Store } from './store-types.js';
import { StoreUnavailable } from './errors.js';
import { DurableSqliteDriver, type DurableSqliteConfig } from './sqlite-durable-driver.js';
import { startCheckpointer, type Checkpointer } from './sqlite-checkpointer.js';

class DurableSqliteDialect extends SqliteDialect {
  readonly #config: DurableSqliteConfig;
  constructor(config: DurableSqliteConfig) {
    super({ database: config.database });
    this.#config = config;
  }
  override createDriver(): Driver {
    return new DurableSqliteDriver(this.#config);
  }
}

/** Resolves once the writes to the database's WAL file (or, when it has none, to the file itself) are on disk. */
async function syncToDisk(file: string): Promise<void> {
  let handle;
  try {
    handle = await open(`${file}-wal`, 'r').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return open(file, 'r');
      throw error;
    });
    await handle.datasync();
  } catch (error) {
    throw new StoreUnavailable(`cannot write SQLite database ${file} to disk: ${(error as Error).message}`, error);
  } finally {
    await handle?.close();
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

export interface SqliteOpenOptions {
  readonly?: boolean;
  /**
   * FULL (the default): SQLite fsyncs each commit itself, blocking the thread. NORMAL: the caller makes each
   * commit durable before acknowledging it (the store does, through syncToDisk); SQLite still syncs around
   * checkpoints, so the file is never left inconsistent.
   */
  synchronous?: 'FULL' | 'NORMAL';
}

export function openSqliteDatabase(file: string, options: SqliteOpenOptions = {}): BetterSqlite3.Database {
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
    // Every commit is on disk before it is acknowledged, so an acknowledged declaration survives a power cut,
    // not only a crashed process: SQLite's own fsync (FULL), or the store's flush after the commit (NORMAL).
    raw.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
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
  const onDisk = file !== ':memory:';
  const raw = openSqliteDatabase(file, { synchronous: onDisk ? 'NORMAL' : 'FULL' });
  // Without the worker (it could not start), the connection goes on checkpointing itself.
  const checkpointer: Checkpointer | undefined = onDisk
    ? await startCheckpointer(raw, file).catch(() => undefined)
    : undefined;
  const db = new Kysely<Database>({
    dialect: new DurableSqliteDialect({
      database: withStatementCache(raw),
      inTransaction: () => raw.inTransaction,
      flush: onDisk ? () => syncToDisk(file) : async () => undefined,
    }),
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
    close: async () => {
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}
