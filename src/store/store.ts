// Opening a Store. The dialect is chosen here, once, from the options; nothing above this layer knows which
// database it talks to.
import { openSqliteStore } from './sqlite-store.js';
import { openPostgresStore } from './postgres-store.js';
import type { Store, StoreOptions } from './store-types.js';

export type { Store, StoreOptions } from './store-types.js';
export { redactUrl } from './redact-url.js';

export async function openStore(options: StoreOptions): Promise<Store> {
  return options.kind === 'sqlite' ? openSqliteStore(options.file) : openPostgresStore(options.url, options.poolSize);
}

/** Store options from the configuration: a PostgreSQL URL wins, else the SQLite file in `dataDir`. */
export function storeOptionsFrom(input: { databaseUrl?: string | undefined; dataDir: string }): StoreOptions {
  if (input.databaseUrl) return { kind: 'postgres', url: input.databaseUrl };
  return { kind: 'sqlite', file: `${input.dataDir.replace(/\/+$/, '')}/iotlabel.db` };
}
