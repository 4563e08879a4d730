// Wiring by plain functions (no container): createServices builds every use case over one RegistryDeps
// (store, writer, engine, clock, public URL), and `Services` is its ReturnType. The HTTP app, the CLI and the tests all use this same object.
import type { Store } from '../store/index.js';
import { IotlabelError } from '../errors.js';
import { journal } from '../store/index.js';
import type { AssessmentEngine } from './engine.js';
import { defaultEngine } from './default-engine.js';
import { createPreparePool } from './products/prepare-pool.js';
import { createWriter } from './write.js';
import type { RegistryDeps } from './deps.js';
import { createLogService } from './log/index.js';
import { createStateWatch } from './log/state-watch.js';
import { generateNoteKey } from '../tlog/note-key.js';
import {
  createOrganisationUseCases,
  createUserUseCases,
  createSessionUseCases,
  type SessionOptions,
  type ScryptCost,
} from './accounts/index.js';
import { createMarketOutlook, createMarketUseCases, createUpcomingSource } from './markets/index.js';
import {
  createProductUseCases,
  createDeclarationUseCases,
  createBulkDeclarations,
  auditView,
  eventView,
} from './products/index.js';
import {
  createSellability,
  createFactsSource,
  createChecks,
  createCheckJobs,
  createSnapshots,
  createWatchlists,
  createNotices,
  startRetailWorker,
  type RetailWorker,
  type WorkerOptions,
  createWebhooks,
  createRetailerSettings,
  createDelivery,
  memorySealer,
  type SecretSealer,
  type SnapshotOptions,
} from './retail/index.js';
import {
  createLabelKeys,
  memoryKeySource,
  type LabelKeySource,
  createLabelUseCases,
  createLabelStatus,
  createLabelRendering,
  normalisePublicUrl,
} from './labels/index.js';
import { createEvidenceUseCases, type EvidenceOptions } from './evidence/index.js';

export interface ServiceOptions {
  store: Store;
  engine?: AssessmentEngine;
  /** The clock; tests pass a fixed one. */
  clock?: () => Date;
  /** Web sign-in: session lifetimes and password hashing cost (tests lower it). */
  sessions?: SessionOptions;
  scryptCost?: ScryptCost;
  /** The registry's public base URL: label issuer, status list URIs, QR links (default http://localhost:8080). */
  publicUrl?: string | undefined;
  /** When set, label issuing is refused with this message (a public URL others cannot reach; see src/server/public-url.ts). */
  labelsRefused?: string | undefined;
  /** Where private label-signing keys live (default: a key in memory, for tests; openRegistry uses files or the environment). */
  labelKeySource?: LabelKeySource;
  /** The transparency log's note signer key (PRIVATE+KEY+origin+...); a throwaway one when absent. */
  logSignerKey?: string;
  /** Most use cases group-committed in one transaction (default 512; 1 = one transaction per write). */
  maxWriteBatch?: number;
  /** Evidence fetching: the SSRF guard's test/dev allowance for loopback, an injected fetch. */
  evidence?: EvidenceOptions;
  /** Watch lists, notices and webhooks (docs/retail.md). */
  retail?: RetailOptions;
  /** The offline snapshot: least time between two builds (snapshots.ts). */
  snapshots?: SnapshotOptions;
  /** /readyz compares stored facts with the log again after a commit or once its last result is this old (default 60 s). */
  stateCheckMaxAgeMs?: number;
  /**
   * Prepare submitted documents (parse, canonical form, assessment) on a worker thread, beside the writer
   * (products/prepare-pool.ts). openRegistry turns it on; only with the default engine.
   */
  prepareOnWorker?: boolean;
}

export interface RetailOptions {
  /** Seals webhook secrets (default: a key in memory, for tests; openRegistry uses a 0600 file or the environment). */
  sealer?: SecretSealer;
  /** Development and tests only: webhooks may call http(s)://127.0.0.1. */
  allowLoopbackWebhooks?: boolean;
  /** Days before a support period ends that watchers are told (default 90). */
  supportWarningDays?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  timeoutMs?: number;
}

export function createServices(options: ServiceOptions) {
  const { store } = options;
  const clock = options.clock ?? (() => new Date());
  const engine = options.engine ?? defaultEngine;
  const log = createLogService(store, options.logSignerKey ?? generateNoteKey('iotlabel.invalid/log').signerKey);
  const writer = createWriter(store, clock, { log: log.transparencyLog, maxBatch: options.maxWriteBatch });
  const publicUrl = normalisePublicUrl(options.publicUrl ?? 'http://localhost:8080');
  const deps: RegistryDeps = { store, writer, engine, clock, publicUrl };
  const organisations = createOrganisationUseCases(deps);
  const products = createProductUseCases(deps);
  const preparePool =
    options.prepareOnWorker && engine === defaultEngine ? createPreparePool(defaultEngine) : undefined;
  const declarations = createDeclarationUseCases(deps, { products, preparePool });
  // Kept facts are dropped by the sellability read model, which is told of every write.
  const facts = createFactsSource(deps, { keep: true });
  const sellability = createSellability(deps, { facts });
  const markets = createMarketUseCases(deps, { sellability });
  const upcoming = createUpcomingSource(deps);
  const labelKeys = createLabelKeys(deps, { source: options.labelKeySource ?? memoryKeySource() });
  const labelUseCases = guardIssuing(createLabelUseCases(deps, { keys: labelKeys }), options.labelsRefused);
  const labelStatus = createLabelStatus(deps, { keys: labelKeys, labels: labelUseCases });
  const labelRendering = createLabelRendering(deps, {
    labels: labelUseCases,
    status: labelStatus,
    keys: labelKeys,
    declarations,
  });
  const retailOptions = options.retail ?? {};
  const sealer = retailOptions.sealer ?? memorySealer();
  const allowLoopback = retailOptions.allowLoopbackWebhooks ?? false;
  const notices = createNotices(deps, { warningDays: retailOptions.supportWarningDays ?? 90 }, { upcoming });
  const delivery = createDelivery(deps, {
    sealer,
    allowLoopback,
    retryBaseMs: retailOptions.retryBaseMs ?? 5000,
    retryMaxMs: retailOptions.retryMaxMs ?? 3_600_000,
    timeoutMs: retailOptions.timeoutMs ?? 10_000,
  });
  let worker: RetailWorker | undefined;
  const checks = createChecks(deps, { facts });
  const evidence = createEvidenceUseCases(deps, options.evidence);
  let watcher: NodeJS.Timeout | undefined;
  const snapshots = createSnapshots(deps, { facts, keys: labelKeys, options: options.snapshots });

  return {
    store,
    engine,
    clock,
    /** The one write seam (see write.ts); other modules add their use cases through it. */
    writer,
    organisations,
    products,
    declarations,
    /** Many declarations in one NDJSON stream, one result line each (POST /v1/declarations/bulk, `iotlabel declare`). */
    bulkDeclarations: createBulkDeclarations({ declarations }),
    sellability,
    /** A product in its markets: the market report and the sale answer per market (issue 14). */
    markets,
    /** The registry across its markets, for the regulator: sales stopping on coming dates, the what-if by market. */
    marketOutlook: createMarketOutlook(deps, { upcoming }),
    users: createUserUseCases(deps, { scryptCost: options.scryptCost }),
    sessions: createSessionUseCases(deps, { ...options.sessions, scryptCost: options.scryptCost }),
    publicUrl,
    /** Labels: issue, look up (byId), revoke/suspend, status lists, faces, statements, verification, keys. */
    labels: { ...labelUseCases, ...labelStatus, ...labelRendering, keys: labelKeys },
    /** Retail: every product's sellability facts, and catalogue checks (POST /v1/checks). */
    facts,
    checks,
    /** Catalogue check jobs of the retailer pages, kept in the database (check-jobs.ts). */
    checkJobs: createCheckJobs(deps, { checks }),
    snapshots,
    /** The transparency log: checkpoints, tiles, documents and proofs (the write side runs in the writer). */
    log,
    /** Retailers' watch lists, their notices (feeds) and webhooks; `startWorker` runs notices and deliveries (serve). */
    retail: {
      watchlists: createWatchlists(deps),
      /** The retailer's market, chosen once, and the rules its checks use by default. */
      settings: createRetailerSettings(deps),
      notices,
      webhooks: createWebhooks(deps, { sealer, allowLoopback }),
      delivery,
      startWorker(workerOptions: WorkerOptions = {}): RetailWorker {
        worker ??= startRetailWorker(deps, { ...workerOptions, notices, delivery });
        return worker;
      },
    },
    evidence,
    journal: {
      events: async (after: number, limit: number) =>
        (await journal.eventsAfter(store.db, after, limit)).map(eventView),
      audit: async (after: number, limit: number) => (await journal.auditAfter(store.db, after, limit)).map(auditView),
    },
    /** Throws SERVICE_UNAVAILABLE when the database does not answer. */
    ready: () => store.ping(),
    /** The stored facts against the log, as `iotlabel log check-state` computes them, kept for /readyz (state-watch.ts). */
    storedState: createStateWatch(store.db, writer, options.stateCheckMaxAgeMs),
    /** Watches for writes by other processes (every `intervalMs`) so cached answers do not go stale. */
    watchForeignWrites(intervalMs = 500): void {
      if (watcher) return;
      const refresh = () => {
        void sellability.refreshFromStore().catch(() => undefined);
        void labelStatus.refreshFromStore().catch(() => undefined);
      };
      refresh();
      watcher = setInterval(refresh, intervalMs);
      watcher.unref();
    },
    async close(): Promise<void> {
      if (watcher) clearInterval(watcher);
      watcher = undefined;
      snapshots.stop();
      await snapshots.settled();
      await worker?.stop();
      await preparePool?.stop();
      await store.close();
    },
  };
}

export type Services = ReturnType<typeof createServices>;

/** Label use cases whose issueLabel refuses, before touching anything, when `refused` says why. */
function guardIssuing<T extends { issueLabel: (...args: never[]) => unknown }>(useCases: T, refused?: string): T {
  if (refused === undefined) return useCases;
  return {
    ...useCases,
    issueLabel: () => Promise.reject(new IotlabelError('LABEL_NOT_ISSUABLE', refused)),
  };
}
