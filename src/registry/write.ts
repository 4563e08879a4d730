// The one write seam. Every use case that changes anything runs inside `write(actor, fn)`: one transaction
// that first serialises writers (so event `seq` follows commit order), then lets the use case write its rows
// plus its audit entry and its event through the context. After commit, listeners hear about the events
// (cache invalidation now; the transparency-log appender and feeds later). Because all writes funnel
// through here, a group-commit appender can later batch several use cases into one transaction.
import type { Transaction } from 'kysely';
import type { Database, Store } from '../store/index.js';
import { journal } from '../store/index.js';
import type { Actor } from './actor.js';

export interface CommittedEvent {
  seq: number;
  type: string;
  subjectId: string;
  productId: string | null;
  organisationId: string | null;
  at: string;
  payload: Record<string, unknown>;
}

export interface WriteContext {
  readonly trx: Transaction<Database>;
  readonly actor: Actor;
  /** The time of this write (ISO-8601), the same for every row it makes. */
  readonly now: string;
  /** Appends one event to the outbox, in this transaction. */
  emit(event: { type: string; subjectId: string; productId?: string | null; organisationId?: string | null; payload: Record<string, unknown> }): Promise<number>;
  /** Appends one audit entry (who did what), in this transaction. */
  audit(entry: { action: string; subjectType: string; subjectId: string; detail?: Record<string, unknown> }): Promise<void>;
}

export type CommitListener = (events: readonly CommittedEvent[]) => void;

export interface Writer {
  write<T>(actor: Actor, fn: (ctx: WriteContext) => Promise<T>): Promise<T>;
  onCommit(listener: CommitListener): () => void;
}

export function createWriter(store: Store, clock: () => Date): Writer {
  const listeners = new Set<CommitListener>();
  return {
    async write(actor, fn) {
      const events: CommittedEvent[] = [];
      const result = await store.db.transaction().execute(async (trx) => {
        await store.capabilities.serializeWrites(trx);
        const now = clock().toISOString();
        const ctx: WriteContext = {
          trx,
          actor,
          now,
          async emit(event) {
            const row = {
              at: now,
              type: event.type,
              subjectId: event.subjectId,
              productId: event.productId ?? null,
              organisationId: event.organisationId ?? null,
              payload: JSON.stringify(event.payload),
            };
            const seq = await journal.appendEvent(trx, row);
            events.push({ ...row, seq, payload: event.payload });
            return seq;
          },
          async audit(entry) {
            await journal.appendAudit(trx, {
              at: now,
              organisationId: actor.kind === 'system' ? null : actor.organisationId,
              keyId: actor.kind === 'key' ? actor.keyId : null,
              action: entry.action,
              subjectType: entry.subjectType,
              subjectId: entry.subjectId,
              detail: JSON.stringify({ ...(entry.detail ?? {}), ...(actor.kind === 'system' ? { via: actor.via } : {}), ...(actor.kind === 'user' ? { userId: actor.userId } : {}) }),
            });
          },
        };
        return fn(ctx);
      });
      for (const listener of listeners) listener(events);
      return result;
    },
    onCommit(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
