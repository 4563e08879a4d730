import { IotlabelError } from '../errors.js';

/** The database cannot be reached or opened. */
export class StoreUnavailable extends IotlabelError {
  constructor(message: string, cause?: unknown) {
    super('SERVICE_UNAVAILABLE', message, { cause });
  }
}

/** A store operation this database does not support (e.g. a file backup of PostgreSQL). */
export class StoreUnsupported extends IotlabelError {
  constructor(message: string) {
    super('USAGE', message);
  }
}
