// The one write seam. Every use case that changes anything runs inside `write(actor, fn)`, writing its rows
// plus its audit entry and its events through the context. Writes are group-committed: calls that arrive
// while a transaction is open queue up, and the committer runs the next batch of them in ONE transaction,
// each inside its own savepoint (a failing use case rolls back only its own part and rejects only its
// caller). Audit entries are kept in memory until the batch ends and written in one multi-row insert. Events
// of logged types become transparency-log entries in that same transaction; the batch ends with one append
// and one signed checkpoint, then one commit, and only then is any caller answered.
// Commit listeners run after the commit (cache invalidation, feeds).
import { sql } from 'kysely';
import type { ControlledTransaction, Transaction } from 'kysely';
import type { Database, NewEvent, Store } from '../store/index.js';
import { journal } from '../store/index.js';
import type { NewAudit } from '../store/repositories/journal.js';
import type { Actor } from './actor.js';
import type { CommittedEvent, RegistryEvent } from './events.js';
import type { LogDocument } from './log/entry.js';

export type { CommittedEvent, RegistryEvent } from './events.js';
export type { LogDocument } from './log/entry.js';

/** What `ctx.emit` resolves to: the event's sequence number and, for a logged type, its log entry index. */
export interface EmittedEvent {
  seq: number;
  /** The transparency-log index of the entry recording this event; null when the type is not logged. */
  logIndex: number | null;
}

export interface WriteContext {
  readonly trx: Transaction<Database>;
  readonly actor: Actor;
  /** The time of this write (ISO-8601), the same for every row it makes. */
  readonly now: string;
  /**
   * Appends one event to the outbox, in this transaction (the row is written with the batch's others). Its
   * sequence number is known at once; so is the index of its log entry, for a logged type (see LOGGED_EVENTS
   * in log/entry.ts), e.g. to put into a label.
   */
  emit(event: RegistryEvent): Promise<EmittedEvent>;
  /**
   * Names the full document of a log entry emitted in this write (e.g. the signed label token carrying that
   * entry's index). Its SHA-256 goes into the entry; the document is served by hash. Call before `fn` returns.
   */
  logDocument(logIndex: number, document: LogDocument): void;
  /** Appends one audit entry (who did what), in this transaction. */
  audit(entry: {
    action: string;
    subjectType: string;
    subjectId: string;
    detail?: Record<string, unknown>;
  }): Promise<void>;
}

export type CommitListener = (events: readonly CommittedEvent[]) => void;

export interface Writer {
  write<T>(actor: Actor, fn: (ctx: WriteContext) => Promise<T>): Promise<T>;
  onCommit(listener: CommitListener): () => void;
}

/** The log's part of one batch transaction (implemented in log-batch.ts). */
export interface LogBatch {
  /** Reserves the next index for `event` when its type is logged; null otherwise. */
  reserve(trx: Transaction<Database>, event: CommittedEvent): Promise<number | null>;
  attach(logIndex: number, document: LogDocument): void;
  /** Entries reserved so far; `rewind(mark)` forgets those after it (a use case failed). */
  mark(): number;
  rewind(mark: number): void;
  /** Writes the entries reserved since `mark` (at the end of a use case, inside its savepoint). */
  seal(trx: Transaction<Database>, mark: number): Promise<void>;
  /** Appends every sealed entry to the tree and signs a checkpoint (when there was any). */
  finish(trx: Transaction<Database>, now: string): Promise<void>;
}

export interface TransparencyLog {
  begin(trx: Transaction<Database>): Promise<LogBatch>;
  /** Called after a batch commits with new entries (e.g. to refresh caches). */
  committed?(): void;
}

export interface WriterOptions {
  log?: TransparencyLog;
  /** Most use cases per transaction (default 512); 1 gives one transaction per write. */
  maxBatch?: number;
}

interface Pending {
  actor: Actor;
  fn: (ctx: WriteContext) => Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

interface Done {
  pending: Pending;
  events: CommittedEvent[];
  value: unknown;
}

/** What one use case wrote through its context, kept apart until it has succeeded. */
interface Written {
  events: CommittedEvent[];
  eventRows: NewEvent[];
  audits: NewAudit[];
}

/** Hands out event sequence numbers within one batch; a failed use case gives its numbers back. */
interface SeqCounter {
  next: number;
}

// Plain SQL savepoints, the same in both dialects: Kysely's savepoint builders make a new transaction object
// per call, which shows at thousands of use cases a second.
const savepoint = {
  begin: (trx: Transaction<Database>) => sql`savepoint item`.execute(trx),
  release: (trx: Transaction<Database>) => sql`release savepoint item`.execute(trx),
  rollback: (trx: Transaction<Database>) => sql`rollback to savepoint item`.execute(trx),
};

export function createWriter(store: Store, clock: () => Date, options: WriterOptions = {}): Writer {
  const listeners = new Set<CommitListener>();
  const maxBatch = Math.max(1, options.maxBatch ?? 512);
  const queue: Pending[] = [];
  let draining = false;

  async function drain(): Promise<void> {
    try {
      while (queue.length > 0) {
        await runBatch(queue.splice(0, maxBatch));
        // Requests that arrived while the batch ran (its statements and commit hold the thread) are parsed in the
        // next poll phase: let them join the next batch rather than commit the one or two already queued.
        if (queue.length < maxBatch) await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      draining = false;
    }
  }

  async function runBatch(batch: Pending[]): Promise<void> {
    const done: Done[] = [];
    const rejected = new Set<Pending>();
    let logged = false;
    let trx: ControlledTransaction<Database> | undefined;
    try {
      trx = await store.db.startTransaction().execute();
      await store.capabilities.serializeWrites(trx);
      const log = options.log ? await options.log.begin(trx) : undefined;
      // One use case alone needs no savepoint: its failure rolls back the whole (its own) transaction.
      const alone = batch.length === 1;
      const seq: SeqCounter = { next: (await journal.lastEventSeq(trx)) + 1 };
      const eventRows: NewEvent[] = [];
      const audits: NewAudit[] = [];
      for (const pending of batch) {
        const mark = log?.mark() ?? 0;
        const seqMark = seq.next;
        const written: Written = { events: [], eventRows: [], audits: [] };
        if (!alone) await savepoint.begin(trx);
        try {
          const value = await pending.fn(contextFor(trx, pending.actor, written, seq, log));
          await log?.seal(trx, mark);
          if (!alone) await savepoint.release(trx);
          done.push({ pending, events: written.events, value });
          eventRows.push(...written.eventRows);
          audits.push(...written.audits);
        } catch (error) {
          log?.rewind(mark);
          seq.next = seqMark;
          if (alone) throw error;
          await savepoint.rollback(trx);
          await savepoint.release(trx);
          rejected.add(pending);
          pending.reject(error);
        }
      }
      // Rows of the use cases that succeeded, in a few multi-row inserts instead of one per row.
      await journal.appendEvents(trx, eventRows);
      await journal.appendAudits(trx, audits);
      if (log && done.length > 0) {
        logged = log.mark() > 0;
        await log.finish(trx, clock().toISOString());
      }
      await trx.commit().execute();
    } catch (error) {
      if (trx)
        await trx
          .rollback()
          .execute()
          .catch(() => undefined);
      // The transaction is gone: nobody's change was kept, so every caller still waiting hears why.
      for (const item of batch) if (!rejected.has(item)) item.reject(error);
      return;
    }
    if (logged) options.log?.committed?.();
    const events = done.flatMap((d) => d.events);
    for (const listener of listeners) listener(events);
    for (const d of done) d.pending.resolve(d.value);
  }

  function contextFor(
    trx: Transaction<Database>,
    actor: Actor,
    written: Written,
    seq: SeqCounter,
    log: LogBatch | undefined,
  ): WriteContext {
    const now = clock().toISOString();
    const mine = new Set<number>();
    return {
      trx,
      actor,
      now,
      async emit(event) {
        const row = {
          seq: seq.next++,
          at: now,
          type: event.type,
          subjectId: event.subjectId,
          productId: event.productId ?? null,
          organisationId: event.organisationId ?? null,
          payload: JSON.stringify(event.payload),
        };
        written.eventRows.push(row);
        const { productId, organisationId } = row;
        const committed = { ...event, seq: row.seq, at: now, productId, organisationId } as CommittedEvent;
        written.events.push(committed);
        const logIndex = log ? await log.reserve(trx, committed) : null;
        if (logIndex !== null) mine.add(logIndex);
        return { seq: row.seq, logIndex };
      },
      logDocument(logIndex, document) {
        if (!log || !mine.has(logIndex)) throw new Error(`log entry ${logIndex} was not emitted by this write`);
        log.attach(logIndex, document);
      },
      async audit(entry) {
        written.audits.push({
          at: now,
          organisationId: actor.kind === 'system' ? null : actor.organisationId,
          keyId: actor.kind === 'key' ? actor.keyId : null,
          action: entry.action,
          subjectType: entry.subjectType,
          subjectId: entry.subjectId,
          detail: JSON.stringify({
            ...(entry.detail ?? {}),
            ...(actor.kind === 'system' ? { via: actor.via } : {}),
            ...(actor.kind === 'user' ? { userId: actor.userId } : {}),
          }),
        });
      },
    };
  }

  return {
    write<T>(actor: Actor, fn: (ctx: WriteContext) => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ actor, fn, resolve: resolve as (value: unknown) => void, reject });
        if (draining) return;
        draining = true;
        // Wait for the current poll phase to end so writes started by the requests read in it share the first
        // transaction too (a microtask would start it with the first caller alone).
        setImmediate(() => void drain());
      });
    },
    onCommit(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
