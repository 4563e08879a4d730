// Opens the database named by the CLI options or environment, brings it to the latest schema and builds
// the services over it. Used by `iotlabel serve` and `iotlabel admin`.
import { migrateToLatest, openStore, storeOptionsFrom } from '../store/index.js';
import { organisations } from '../store/index.js';
import { labelKeySourceFor } from './labels/signing-keys-source.js';
import { createServices, type RetailOptions, type ServiceOptions, type Services } from './services.js';
import { defaultLogOrigin, loadLogSignerKey } from './log/key.js';
import { sealerFor } from './retail/webhooks-secrets.js';

export interface OpenOptions {
  /** Folder of the embedded SQLite database (default ./data). */
  dataDir?: string | undefined;
  /** A PostgreSQL URL; when given, SQLite is not used. Defaults to $DATABASE_URL. */
  databaseUrl?: string | undefined;
  clock?: ServiceOptions['clock'];
  /** The log's origin when a new log key is made (default: <host name>/log). */
  logOrigin?: string | undefined;
  /** The registry's public base URL (default $IOTLABEL_PUBLIC_URL, else http://localhost:8080). */
  publicUrl?: string | undefined;
  /** Webhook and notice settings; webhook secrets are sealed with $IOTLABEL_WEBHOOK_KEY or <data-dir>/keys/webhook-secrets.key. */
  retail?: RetailOptions;
}

export interface OpenedRegistry {
  services: Services;
  /** True when the database had no organisations before (a first start). */
  empty: boolean;
  dialect: 'sqlite' | 'postgres';
}

export async function openRegistry(options: OpenOptions = {}): Promise<OpenedRegistry> {
  const storeOptions = storeOptionsFrom({
    databaseUrl: options.databaseUrl ?? process.env.DATABASE_URL,
    dataDir: options.dataDir ?? './data',
  });
  const store = await openStore(storeOptions);
  try {
    await migrateToLatest(store);
    const empty = (await organisations.countOrganisations(store.db)) === 0;
    // Label-signing keys: $IOTLABEL_LABEL_KEY when set, else files under <data-dir>/keys (0600).
    const labelKeySource = labelKeySourceFor(options.dataDir ?? './data');
    const publicUrl = options.publicUrl ?? process.env.IOTLABEL_PUBLIC_URL;
    // The log's note key: $IOTLABEL_LOG_KEY, else <data-dir>/log-signer.key (0600), named after the public URL.
    const retail = { sealer: sealerFor(options.dataDir ?? './data'), ...options.retail };
    const logSignerKey = loadLogSignerKey({
      dataDir: options.dataDir ?? './data',
      fromEnv: process.env.IOTLABEL_LOG_KEY,
      origin: options.logOrigin ?? process.env.IOTLABEL_LOG_ORIGIN,
      defaultOrigin: defaultLogOrigin(publicUrl),
    });
    return {
      services: createServices({ store, clock: options.clock, publicUrl, labelKeySource, logSignerKey, retail }),
      empty,
      dialect: store.capabilities.dialect,
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
