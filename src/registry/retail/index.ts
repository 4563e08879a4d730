// Retail: sellability facts and answers, catalogue checks and their jobs, offline snapshots, watch lists,
// notices, feeds and webhooks with their worker. May import: the store, the pure modules (catalogue, gs1,
// labels), src/errors, src/net (outbound HTTP), the registry's top level, and from other rooms the label
// keys and views (snapshots) and the evidence summary. Nothing here imports http, web or cli.
export { createFactsSource, type FactsSource } from './facts.js';
export { createSellability } from './sellability.js';
export { createChecks, type Checks } from './checks.js';
export { createCheckJobs, type CheckJobs } from './check-jobs.js';
export {
  createSnapshots,
  DEFAULT_SNAPSHOT_INTERVAL_MS,
  KEPT_SNAPSHOT_BUILDS,
  type Snapshots,
  type SnapshotOptions,
  type SnapshotScheduler,
  type ServedSnapshot,
} from './snapshots.js';
export { createWatchlists, type Watchlists } from './watch.js';
export { createRetailerSettings, type RetailerSettings, type RetailerDefaults } from './settings.js';
export { createNotices, type Notices } from './watch-notices.js';
export { startRetailWorker, type RetailWorker, type WorkerOptions } from './watch-worker.js';
export { createWebhooks, type Webhooks } from './webhooks.js';
export { createDelivery, type Delivery } from './webhooks-delivery.js';
export { memorySealer, sealerFor, type SecretSealer } from './webhooks-secrets.js';
