// A Store is a Kysely instance for one database plus its named capabilities. The dialect is chosen here,
// once, from the options; nothing above this layer knows which database it talks to.
import type { Kysely } from 'kysely';
import type { StoreCapabilities } from './capabilities.js';
import type { Database } from './schema.js';
import { openSqliteStore } from './sqlite-store.js';
import { openPostgresStore } from './postgres-store.js';

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

export async function openStore(options: StoreOptions): Promise<Store> {
  return options.kind === 'sqlite' ? openSqliteStore(options.file) : openPostgresStore(options.url, options.poolSize);
}

/** Store options from the CLI/environment: a PostgreSQL URL wins, else the SQLite file in `dataDir`. */
export function storeOptionsFrom(input: { databaseUrl?: string | undefined; dataDir: string }): StoreOptions {
  if (input.databaseUrl) return { kind: 'postgres', url: input.databaseUrl };
  return { kind: 'sqlite', file: `${input.dataDir.replace(/\/+$/, '')}/iotlabel.db` };
}

/** postgres://user:secret@host/db -> postgres://user:***@host/db */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}
