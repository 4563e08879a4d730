// The SQLite connection's driver for Kysely: its one connection, shared in turn (as Kysely's own driver
// does), with two differences.
// - Write transactions begin IMMEDIATE, so a second process (e.g. `iotlabel admin`) waits on the busy
//   timeout instead of failing when a read lock would have to be upgraded.
// - A write that ends a transaction (a COMMIT, or a statement outside any) is answered only once the WAL
//   file is on disk, through `flush`, which waits off the main thread. SQLite's own fsync under
//   synchronous=FULL blocks the thread for the whole disk write, and every request with it. The connection
//   stays held until the flush is done, so nothing in this process reads a change before it is durable.
import { CompiledQuery, SelectQueryNode } from 'kysely';
import type { DatabaseConnection, Driver, QueryResult, SqliteDatabase } from 'kysely';

export interface DurableSqliteConfig {
  database: SqliteDatabase;
  /** True while the connection is inside a transaction (better-sqlite3's `inTransaction`). */
  inTransaction(): boolean;
  /** Resolves once every change committed so far is on disk. */
  flush(): Promise<void>;
}

class DurableSqliteConnection implements DatabaseConnection {
  readonly #config: DurableSqliteConfig;
  constructor(config: DurableSqliteConfig) {
    this.#config = config;
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const { database, inTransaction, flush } = this.#config;
    const statement = database.prepare(compiled.sql);
    if (statement.reader) return { rows: statement.all(compiled.parameters) as R[] };
    const { changes, lastInsertRowid } = statement.run(compiled.parameters);
    if (!inTransaction()) await flush();
    return {
      numAffectedRows: changes === undefined || changes === null ? undefined : BigInt(changes),
      insertId: lastInsertRowid === undefined || lastInsertRowid === null ? undefined : BigInt(lastInsertRowid),
      rows: [],
    };
  }

  async *streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(compiled.query)) throw new Error('only select queries can be streamed on SQLite');
    const statement = this.#config.database.prepare(compiled.sql);
    for (const row of statement.iterate(compiled.parameters)) yield { rows: [row as R] };
  }
}

export class DurableSqliteDriver implements Driver {
  readonly #config: DurableSqliteConfig;
  readonly #connection: DurableSqliteConnection;
  /** The connection's holder, if any: the next caller waits for it. */
  #held: Promise<void> | undefined;
  #release: (() => void) | undefined;

  constructor(config: DurableSqliteConfig) {
    this.#config = config;
    this.#connection = new DurableSqliteConnection(config);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    while (this.#held) await this.#held;
    this.#held = new Promise((resolve) => (this.#release = resolve));
    return this.#connection;
  }

  async releaseConnection(): Promise<void> {
    const release = this.#release;
    this.#held = undefined;
    this.#release = undefined;
    release?.();
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    // Nothing is open after a commit whose flush failed, or after an error SQLite rolled back itself: the
    // caller should hear that error, not "no transaction is active".
    if (!this.#config.inTransaction()) return;
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async destroy(): Promise<void> {
    this.#config.database.close();
  }
}
