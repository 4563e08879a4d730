// What the log has promised about a product, read from its newest entry rather than from an editable column:
// the "never shorten" rule and new entries compare with this, so an edit of the declarations table cannot
// lower the bar for a shorter support period.
import { log as logStore } from '../../store/index.js';
import type { Executor } from '../../store/repositories/executor.js';
import { parseLogRecord } from './entry.js';

/** The support end date the product's newest log entry carries (null: none declared; undefined: no entry). */
export async function promisedSupportEnd(db: Executor, productId: string): Promise<string | null | undefined> {
  const data = await logStore.lastEntryDataOfProduct(db, productId);
  return data === undefined ? undefined : parseLogRecord(data).supportEnd;
}
