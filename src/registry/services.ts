// Wiring by plain functions (no container): createServices builds every use case over one store, and
// `Services` is its ReturnType. The HTTP app, the CLI and the tests all use this same object.
import type { Store } from '../store/index.js';
import { journal } from '../store/index.js';
import type { AssessmentEngine } from './engine.js';
import { defaultEngine } from './default-engine.js';
import { createWriter } from './write.js';
import { createOrganisationUseCases } from './organisations.js';
import { createProductUseCases } from './products.js';
import { createDeclarationUseCases } from './declarations.js';
import { createSellability } from './sellability.js';
import { auditView, eventView } from './views.js';
import { createUserUseCases } from './users.js';
import { createSessionUseCases, type SessionOptions } from './sessions.js';
import type { ScryptCost } from './users-password.js';

export interface ServiceOptions {
  store: Store;
  engine?: AssessmentEngine;
  /** The clock; tests pass a fixed one. */
  clock?: () => Date;
  /** Web sign-in: session lifetimes and password hashing cost (tests lower it). */
  sessions?: SessionOptions;
  scryptCost?: ScryptCost;
}

export function createServices(options: ServiceOptions) {
  const { store } = options;
  const clock = options.clock ?? (() => new Date());
  const engine = options.engine ?? defaultEngine;
  const writer = createWriter(store, clock);
  const organisations = createOrganisationUseCases(store, writer, clock);
  const products = createProductUseCases(store, writer, engine);
  const declarations = createDeclarationUseCases(store, writer, engine, products, clock);
  const sellability = createSellability(store, writer, engine, clock);
  let watcher: NodeJS.Timeout | undefined;

  return {
    store,
    engine,
    clock,
    /** The one write seam (see write.ts); other modules add their use cases through it. */
    writer,
    organisations,
    products,
    declarations,
    sellability,
    users: createUserUseCases(store, writer, { scryptCost: options.scryptCost }),
    sessions: createSessionUseCases(store, clock, options.sessions),
    journal: {
      events: async (after: number, limit: number) => (await journal.eventsAfter(store.db, after, limit)).map(eventView),
      audit: async (after: number, limit: number) => (await journal.auditAfter(store.db, after, limit)).map(auditView),
    },
    /** Throws SERVICE_UNAVAILABLE when the database does not answer. */
    ready: () => store.ping(),
    /** Watches for writes by other processes (every `intervalMs`) so cached answers do not go stale. */
    watchForeignWrites(intervalMs = 1000): void {
      if (watcher) return;
      void sellability.refreshFromStore().catch(() => undefined);
      watcher = setInterval(() => void sellability.refreshFromStore().catch(() => undefined), intervalMs);
      watcher.unref();
    },
    async close(): Promise<void> {
      if (watcher) clearInterval(watcher);
      watcher = undefined;
      await store.close();
    },
  };
}

export type Services = ReturnType<typeof createServices>;
