// One problem a log monitor found; its own file so the diagnosis helpers and the monitor share it without a cycle.
import type { ErrorCode } from '../errors.js';

export interface Violation {
  code: ErrorCode;
  message: string;
  /** The entry indices involved (at most 100 are listed). */
  indices: number[];
  /** The log resource involved, e.g. "tile/entries/000". */
  path?: string;
}
