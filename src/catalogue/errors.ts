import { IotlabelError } from '../errors.js';

/** The catalogue as a whole cannot be read: no usable header, an unclosed JSON array, a broken stream. */
export class CatalogueUnreadable extends IotlabelError {
  constructor(message: string) {
    super('INPUT_UNREADABLE', message);
  }
}

/** The catalogue has more rows than the configured limit. */
export class CatalogueTooLarge extends IotlabelError {
  constructor(message: string) {
    super('PAYLOAD_TOO_LARGE', message);
  }
}

/** A snapshot whose signature, hash, version or content does not verify. Nothing in it may be used. */
export class SnapshotInvalid extends IotlabelError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('SNAPSHOT_INVALID', message, options);
  }
}
