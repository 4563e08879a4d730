// The retail scheduler that `serve` runs: turns new events into notices (at once after a write in this
// process, and every `intervalMs` for writes by other processes), scans support periods every
// `supportScanMs` with the current time (and the coming rule dates with it), and delivers due webhooks. Runs are serial, never overlapping;
// every step is durable in the database, so stopping at any moment (even kill -9) loses nothing.
import type { Delivery } from './webhooks-delivery.js';
import type { Notices } from './watch-notices.js';
import type { RegistryDeps } from '../deps.js';

export interface WorkerOptions {
  intervalMs?: number;
  supportScanMs?: number;
  /** Where a failed run is reported (it is retried on the next tick). */
  onError?: (error: unknown) => void;
}

export interface RetailWorker {
  /** Resolves when a run started now has finished (tests). */
  runNow(): Promise<void>;
  stop(): Promise<void>;
}

export function startRetailWorker(
  deps: RegistryDeps,
  options: WorkerOptions & { notices: Notices; delivery: Delivery },
): RetailWorker {
  const { writer, clock } = deps;
  const { notices, delivery } = options;
  const intervalMs = options.intervalMs ?? 1000;
  const supportScanMs = options.supportScanMs ?? 3_600_000;
  let lastScan = -Infinity;
  let running: Promise<void> = Promise.resolve();
  let again = false;
  let busy = false;
  let stopped = false;

  async function once(): Promise<void> {
    await notices.followEvents();
    if (clock().getTime() - lastScan >= supportScanMs) {
      await notices.scanSupportPeriods(clock());
      await notices.scanUpcomingDates(clock());
      lastScan = clock().getTime();
    }
    await delivery.deliverDue();
  }

  function run(): Promise<void> {
    if (stopped) return running;
    if (busy) {
      again = true;
      return running;
    }
    busy = true;
    running = (async () => {
      do {
        again = false;
        try {
          await once();
        } catch (error) {
          options.onError?.(error);
        }
      } while (again && !stopped);
      busy = false;
    })();
    return running;
  }

  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  const unsubscribe = writer.onCommit((events) => {
    if (events.length > 0) setImmediate(() => void run());
  });
  void run();

  return {
    runNow: () => run().then(() => (busy ? running : undefined)),
    async stop() {
      stopped = true;
      clearInterval(timer);
      unsubscribe();
      await running;
    },
  };
}
