// The transparency log: entries built from registry events (entry.ts, pure), the write side inside each
// group-commit batch (batch.ts), the read side with proofs (log.ts, nodes.ts), the note key, and the
// promises a monitor checks (promises.ts). May import: the store, src/tlog, src/errors, and the registry's
// top level (write, events); no other room. Nothing here imports http, web or cli.
export { createLogService, type LogService } from './log.js';
export { createTransparencyLog } from './batch.js';
export { logEntryOf, logEntryTypeOf, LOGGED_EVENTS, LOG_ENTRY_TYPES, STATUS_ENTRY } from './entry.js';
export { defaultLogOrigin, loadLogSignerKey } from './key.js';
