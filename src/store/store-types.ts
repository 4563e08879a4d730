// What a Store is: a Kysely instance for one database plus its named capabilities. Its own file so the
// dialect files (sqlite-store.ts, postgres-store.ts) implement it without importing store.ts, which
// imports them to choose one.
import type { Kysely } from 'kysely';
import type { StoreCapabilities } from './capabilities.js';
import type { Database } from './schema.js';

export interface Store {
  readonly db: Kysely<Database>;
  readonly capabilities: StoreCapabilities;
  /** Where the data lives, for messages: a file path or the URL without its password. */
  readonly location: string;
  /** Resolves when the database answers a trivial query; throws StoreUnavailable otherwise. */
  ping(): Promise<void>;
  /** Online copy to `file` (SQLite only; check capabilities.supportsFileBackup). */
  backup(file: string): Promise<void>;
  close(): Promise<void>;
}

export type StoreOptions = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; poolSize?: number };
