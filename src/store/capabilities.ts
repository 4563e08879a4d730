// The few real differences between SQLite and PostgreSQL, named once (as Kysely names supportsReturning).
// Repositories and use cases never ask which database they are on; they call these.
import type { CreateTableBuilder, Transaction } from 'kysely';
import type { Database } from './schema.js';

export type DialectName = 'sqlite' | 'postgres';

export interface StoreCapabilities {
  readonly dialect: DialectName;
  /**
   * Called first in every write transaction. Afterwards no other writer (in this or another process) can
   * commit until this transaction ends, so event sequence numbers are handed out in commit order and a
   * reader tailing `events` by `seq` never skips a late commit.
   * SQLite: the driver already begins write transactions with BEGIN IMMEDIATE (one writer per file).
   * PostgreSQL: a transaction-scoped advisory lock, shared by every `iotlabel serve` on that database.
   */
  serializeWrites(trx: Transaction<Database>): Promise<void>;
  /** Column types for migrations: raw bytes and 64-bit integers. */
  readonly columnTypes: { readonly bytes: 'bytea' | 'blob'; readonly int64: 'bigint' | 'integer' };
  /**
   * Whether an identity (auto-incrementing) key column takes an explicit value as it is (SQLite's rowid);
   * PostgreSQL's `generated always` identity refuses one, so migration 0600 drops it there.
   */
  readonly identityTakesExplicitKeys: boolean;
  /** Adds an auto-incrementing 64-bit primary key column (used by migrations only). */
  addIdentityColumn<T extends string>(table: CreateTableBuilder<T>, name: string): CreateTableBuilder<T>;
  /** True when `error` is a unique-constraint violation raised by this database. */
  isUniqueViolation(error: unknown): boolean;
  /** Whether `backup(file)` can make an online copy (SQLite); PostgreSQL uses pg_dump instead. */
  readonly supportsFileBackup: boolean;
}
