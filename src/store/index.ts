// The store's surface for registry/ (and for tests): open a database, migrate it, read and write rows.
export { openStore, storeOptionsFrom, redactUrl, type Store, type StoreOptions } from './store.js';
export type { StoreCapabilities, DialectName } from './capabilities.js';
export { migrateToLatest, appliedMigrations, LATEST_MIGRATION } from './migrations.js';
export { newId, randomToken } from './ids.js';
export * as organisations from './repositories/organisations.js';
export * as apiKeys from './repositories/api-keys.js';
export * as products from './repositories/products.js';
export * as declarations from './repositories/declarations.js';
export * as journal from './repositories/journal.js';
export * as users from './repositories/users.js';
export * as sessions from './repositories/users-sessions.js';
export * as labels from './repositories/labels.js';
export type { Executor } from './repositories/executor.js';
export type * from './schema.js';
export { ORGANISATION_KINDS } from './schema.js';
export { inspectSqliteBackup, restoreSqlite, type RestoreResult } from './sqlite-restore.js';
export * as retail from './repositories/retail.js';
export * as webhooks from './repositories/webhooks.js';
