// Opens the database named by the options (the CLI passes its options over the configuration read in
// src/server/config.ts), brings it to the latest schema and builds the services over it. Used by
// `iotlabel serve` and `iotlabel admin`. It reads no environment: keys and URLs arrive as values.
import { migrateToLatest, openStore, storeOptionsFrom } from '../store/index.js';
import { organisations } from '../store/index.js';
import { labelKeySourceFor } from './labels/signing-keys-source.js';
import { createServices, type RetailOptions, type ServiceOptions, type Services } from './services.js';
import { defaultLogOrigin, loadLogSignerKey } from './log/key.js';
import { sealerFor } from './retail/webhooks-secrets.js';

export interface OpenOptions {
  /** Folder of the embedded SQLite database (default ./data). */
  dataDir?: string | undefined;
  /** A PostgreSQL URL; when given, SQLite is not used. */
  databaseUrl?: string | undefined;
  clock?: ServiceOptions['clock'];
  /** The log's origin when a new log key is made (default: <host of the public URL>/log). */
  logOrigin?: string | undefined;
  /** The registry's public base URL (default http://localhost:8080); the log origin derives from it. */
  publicUrl?: string | undefined;
  /** When set, label issuing is refused with this message (see src/server/public-url.ts). */
  labelsRefused?: string | undefined;
  /** The log's note signer key (default: <data-dir>/log-signer.key, made when missing). */
  logKey?: string | undefined;
  /** A private label-signing JWK (default: key files under <data-dir>/keys). */
  labelKey?: string | undefined;
  /** The key sealing webhook secrets (default: <data-dir>/keys/webhook-secrets.key). */
  webhookKey?: string | undefined;
  /** Webhook and notice settings. */
  retail?: RetailOptions;
  /** The offline snapshot's least time between builds. */
  snapshots?: ServiceOptions['snapshots'];
}

/** What `serve` derives with no options: loopback on port 8080 (src/server/public-url.ts). */
export const DEFAULT_PUBLIC_URL = 'http://localhost:8080';

export interface OpenedRegistry {
  services: Services;
  /** True when the database had no organisations before (a first start). */
  empty: boolean;
  dialect: 'sqlite' | 'postgres';
}

export async function openRegistry(options: OpenOptions = {}): Promise<OpenedRegistry> {
  const storeOptions = storeOptionsFrom({
    databaseUrl: options.databaseUrl,
    dataDir: options.dataDir ?? './data',
  });
  const store = await openStore(storeOptions);
  try {
    await migrateToLatest(store);
    const empty = (await organisations.countOrganisations(store.db)) === 0;
    // Label-signing keys: the given key when set, else files under <data-dir>/keys (0600).
    const labelKeySource = labelKeySourceFor(options.dataDir ?? './data', options.labelKey);
    const publicUrl = options.publicUrl ?? DEFAULT_PUBLIC_URL;
    // The log's note key: the given key, else <data-dir>/log-signer.key (0600), named after the public URL.
    const retail = { sealer: sealerFor(options.dataDir ?? './data', options.webhookKey), ...options.retail };
    const logSignerKey = loadLogSignerKey({
      dataDir: options.dataDir ?? './data',
      fromEnv: options.logKey,
      origin: options.logOrigin,
      defaultOrigin: defaultLogOrigin(publicUrl),
    });
    return {
      services: createServices({
        store,
        clock: options.clock,
        publicUrl,
        labelsRefused: options.labelsRefused,
        labelKeySource,
        logSignerKey,
        retail,
        snapshots: options.snapshots,
        prepareOnWorker: true,
      }),
      empty,
      dialect: store.capabilities.dialect,
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
