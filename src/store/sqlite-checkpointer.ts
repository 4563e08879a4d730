// WAL checkpoints on a thread of their own. SQLite copies the WAL back into the database file (and syncs
// both) in whichever commit crosses `wal_autocheckpoint`: on the server's one thread, tens of milliseconds
// during which no request is answered. Here the serving connection checkpoints never; a worker thread with
// its own connection to the file runs PASSIVE checkpoints (they wait for no reader or writer) whenever the
// WAL has grown past a threshold, and, once the WAL holds more than it should, one that waits for the writer
// and empties the file. Should the worker fail, the serving connection checkpoints itself again.
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';

/** WAL bytes past which a checkpoint runs (SQLite's own default is 1,000 pages, about 4 MB). */
const CHECKPOINT_AT_BYTES = 4 * 1024 * 1024;
/** How often the worker looks at the WAL's size. */
const LOOK_EVERY_MS = 250;
/**
 * WAL content past which a checkpoint waits for the writer and empties the file. SQLite starts the WAL over
 * only when a writer finds every frame copied back; while writes never pause (a bulk upload, a seed), each
 * passive checkpoint ends behind the newest commit, so that never happens and the WAL grows without bound
 * (8.9 GB beside a 2 GB database after seeding 100,000 products).
 */
const TRUNCATE_AT_BYTES = 64 * 1024 * 1024;

// Plain JavaScript, run as the worker's script: nothing to compile or locate at run time.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { statSync } = require('node:fs');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = NORMAL');
const pageSize = db.pragma('page_size', { simple: true });
const checkpoint = () => db.pragma('wal_checkpoint(PASSIVE)')[0];
const look = () => {
  let size = 0;
  try { size = statSync(workerData.file + '-wal').size; } catch {}
  if (size <= workerData.atBytes) return;
  const done = checkpoint();
  // Right after a passive pass only the latest commits are left to copy: the writer waits for little.
  if (done.log * pageSize > workerData.truncateAtBytes) db.pragma('wal_checkpoint(TRUNCATE)');
};
setInterval(look, workerData.everyMs);
parentPort.on('message', (message) => {
  if (message === 'checkpoint') parentPort.postMessage({ answer: checkpoint() });
  if (message === 'stop') { db.close(); process.exit(0); }
});
parentPort.postMessage({ ready: true });
`;

export interface Checkpointer {
  /** Asks for a checkpoint now; resolves with SQLite's answer (busy, WAL frames, frames copied back). */
  checkpoint(): Promise<{ busy: number; log: number; checkpointed: number }>;
  stop(): Promise<void>;
}

/**
 * Moves `raw`'s checkpoints to a worker thread. `raw` must be the serving connection to `file` (WAL mode).
 * Resolves once the worker has its connection; if it cannot start, `raw` keeps checkpointing itself.
 */
export async function startCheckpointer(
  raw: BetterSqlite3.Database,
  file: string,
  options: { atBytes?: number; everyMs?: number; truncateAtBytes?: number } = {},
): Promise<Checkpointer> {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      driver,
      file,
      atBytes: options.atBytes ?? CHECKPOINT_AT_BYTES,
      everyMs: options.everyMs ?? LOOK_EVERY_MS,
      truncateAtBytes: options.truncateAtBytes ?? TRUNCATE_AT_BYTES,
    },
  });
  // The worker keeps the process alive only while someone waits for its answer.
  let stopped = false;
  const waiting: ((result: { busy: number; log: number; checkpointed: number }) => void)[] = [];
  const fallBack = () => {
    // The worker is gone: the serving connection checkpoints again, so the WAL never grows without bound.
    if (raw.open) raw.pragma('wal_autocheckpoint = 1000');
  };
  let ready!: () => void;
  const started = new Promise<void>((resolve) => (ready = resolve));
  // Every listener is attached before unref(): adding a 'message' listener refs the worker again.
  worker.on('message', (message: { ready?: true; answer?: { busy: number; log: number; checkpointed: number } }) => {
    if (message.ready) ready();
    if (message.answer) waiting.shift()?.(message.answer);
    if (waiting.length === 0 && !stopped) worker.unref();
  });
  const failed = new Promise<never>((_, reject) => worker.once('error', reject));
  await Promise.race([started, failed]).catch((error: unknown) => {
    fallBack();
    throw error;
  });
  failed.catch(() => undefined);
  raw.pragma('wal_autocheckpoint = 0');
  worker.on('error', fallBack);
  worker.on('exit', () => {
    if (!stopped) fallBack();
  });
  worker.unref();
  return {
    checkpoint: () =>
      new Promise((resolve) => {
        waiting.push(resolve);
        worker.ref();
        worker.postMessage('checkpoint');
      }),
    async stop() {
      if (stopped) return;
      stopped = true;
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
}
