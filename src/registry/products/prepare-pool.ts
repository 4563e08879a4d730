// Submissions prepared on a worker thread: parsing, canonical JSON and the assessment of every regime are a
// submission's largest share of CPU, and none of it needs the writer. With the pool, the writer thread
// stores one batch while the worker prepares the next, so a busy registry uses a second core. Answers come
// back in the order documents were sent (a bulk stream submits two versions of one model in its order).
// Should the worker fail, documents are prepared on the calling thread, as without a pool.
import { Worker } from 'node:worker_threads';
import { IotlabelError, type ErrorCode, type Problem } from '../../errors.js';
import type { AssessmentEngine } from '../engine.js';
import { prepareDocument, type PreparedDocument } from './prepare-document.js';

type Answer =
  | { id: number; prepared: PreparedDocument }
  | { id: number; error: { code?: ErrorCode; message: string; problems?: Problem[]; details?: unknown } };

interface Request {
  id: number;
  document: unknown;
  at: string;
  answer?: Answer;
  resolve(value: PreparedDocument): void;
  reject(error: unknown): void;
}

export interface PreparePool {
  prepare(document: unknown, at: string): Promise<PreparedDocument>;
  /** How many documents were answered by the worker and how many on the calling thread (for monitoring). */
  counts(): { onWorker: number; here: number };
  stop(): Promise<void>;
}

/**
 * The worker beside this module: the compiled .js as installed; run from source (tests, benchmarks), the .ts
 * through tsx, which a worker does not inherit from its parent's loader, so it registers it first.
 */
function newWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./prepare-worker.js', import.meta.url));
  const tsx = import.meta.resolve('tsx/esm/api');
  const script = new URL('./prepare-worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(script)}); })`;
  return new Worker(boot, { eval: true });
}

/** `engine` must be the default engine (the worker uses its own copy of it); it prepares when the worker cannot. */
export function createPreparePool(engine: AssessmentEngine): PreparePool {
  let worker: Worker | undefined;
  let failed = false;
  let nextId = 0;
  /** Sent and not yet handed back, in the order they were sent. */
  const inFlight: Request[] = [];
  const counted = { onWorker: 0, here: 0 };

  const here = (request: Request) => {
    counted.here++;
    try {
      request.resolve(prepareDocument(engine, request.document, request.at));
    } catch (error) {
      request.reject(error);
    }
  };

  /** Hands back the answered requests at the head of the queue, so answers keep the order of sending. */
  function handBack(): void {
    while (inFlight.length > 0 && inFlight[0]!.answer !== undefined) {
      const request = inFlight.shift()!;
      const answer = request.answer!;
      if ('prepared' in answer) {
        counted.onWorker++;
        request.resolve(answer.prepared);
      } else if (answer.error.code !== undefined) {
        counted.onWorker++;
        request.reject(
          new IotlabelError(answer.error.code, answer.error.message, {
            problems: answer.error.problems ?? [],
            details: answer.error.details,
          }),
        );
      } else here(request); // not the document's fault: try it here
    }
    if (inFlight.length === 0) worker?.unref();
  }

  function fail(): void {
    if (failed) return;
    failed = true;
    worker = undefined;
    // Everything still waiting is prepared here, in order.
    for (const request of inFlight.splice(0)) {
      if (request.answer && 'prepared' in request.answer) {
        counted.onWorker++;
        request.resolve(request.answer.prepared);
      } else here(request);
    }
  }

  function start(): Worker {
    const started = newWorker();
    started.on('message', (message: Answer | { ready: true }) => {
      if (!('id' in message)) return;
      const request = inFlight.find((r) => r.id === message.id);
      if (request === undefined) return;
      request.answer = message;
      handBack();
    });
    started.on('error', fail);
    started.on('exit', () => {
      if (worker === started) fail();
    });
    started.unref();
    return started;
  }

  return {
    prepare(document, at) {
      return new Promise<PreparedDocument>((resolve, reject) => {
        const request: Request = { id: nextId++, document, at, resolve, reject };
        if (failed) return here(request);
        worker ??= start();
        inFlight.push(request);
        worker.ref();
        worker.postMessage({ id: request.id, document, at });
      });
    },
    counts: () => ({ ...counted }),
    async stop() {
      const stopping = worker;
      fail();
      await stopping?.terminate();
    },
  };
}
