// What /readyz says about the registry's stored facts against its log. A full comparison reads every product,
// so it is not run per request: the result is kept and computed again after a commit or once it is
// `maxAgeMs` old (an edit of the database made behind the registry's back commits nothing), at most one run at
// a time; a request during a rerun gets the last result. The first request waits for the first run.
import type { Executor } from '../../store/index.js';
import type { Writer } from '../write.js';
import { storeStateProblems, type StateProblem } from './consistency.js';

export interface StoredState {
  products: number;
  problems: StateProblem[];
  /** When this comparison finished (ISO 8601). */
  checkedAt: string;
}

export interface StateWatch {
  /** The latest comparison; starts a new one when it is stale. */
  current(): Promise<StoredState>;
}

/** Default age after which /readyz compares again though nothing was committed. */
export const STATE_CHECK_MAX_AGE_MS = 60_000;

export function createStateWatch(db: Executor, writer: Writer, maxAgeMs = STATE_CHECK_MAX_AGE_MS): StateWatch {
  let last: { state: StoredState; at: number } | undefined;
  let dirty = true;
  let running: Promise<StoredState> | undefined;
  writer.onCommit(() => {
    dirty = true;
  });

  function run(): Promise<StoredState> {
    running ??= (async () => {
      dirty = false;
      try {
        const { products, problems } = await storeStateProblems(db);
        const state = { products, problems, checkedAt: new Date().toISOString() };
        last = { state, at: Date.now() };
        return state;
      } catch (error) {
        dirty = true;
        throw error;
      } finally {
        running = undefined;
      }
    })();
    return running;
  }

  return {
    async current() {
      if (last === undefined) return running ?? run();
      if (dirty || Date.now() - last.at >= maxAgeMs) void run().catch(() => undefined);
      return last.state;
    },
  };
}
