// The transparency log's failures, one class per kind. Messages say exactly what was wrong, in the
// "got X, want Y" form of transparency-dev/merkle where a value is compared.
import { IotlabelError } from '../errors.js';

/** An inclusion proof that does not lead to the expected root, or whose inputs are out of range. */
export class InclusionProofInvalid extends IotlabelError {
  constructor(message: string) {
    super('TLOG_INCLUSION_PROOF_INVALID', message);
  }
}

/** A consistency proof that does not link the two roots, or whose sizes make no sense. */
export class ConsistencyProofInvalid extends IotlabelError {
  constructor(message: string) {
    super('TLOG_CONSISTENCY_PROOF_INVALID', message);
  }
}

/** A checkpoint body that breaks c2sp.org/tlog-checkpoint, or names the wrong origin. */
export class CheckpointInvalid extends IotlabelError {
  constructor(message: string) {
    super('TLOG_CHECKPOINT_INVALID', message);
  }
}

/** A signed note that breaks c2sp.org/signed-note before any signature is checked. */
export class NoteMalformed extends IotlabelError {
  constructor(message: string) {
    super('TLOG_NOTE_MALFORMED', message);
  }
}

/** A signature from a known key that does not verify: the whole note is rejected. */
export class NoteSignatureInvalid extends IotlabelError {
  constructor(message: string) {
    super('TLOG_NOTE_SIGNATURE_INVALID', message);
  }
}

/** A note carrying no signature from any key the caller trusts. */
export class NoteKeyUnknown extends IotlabelError {
  constructor(message: string) {
    super('TLOG_NOTE_KEY_UNKNOWN', message);
  }
}

/** A verifier or signer key string that cannot be used. */
export class NoteKeyInvalid extends IotlabelError {
  constructor(message: string) {
    super('TLOG_KEY_INVALID', message);
  }
}

/** A c2sp.org/tlog-proof text that cannot be parsed. */
export class TlogProofMalformed extends IotlabelError {
  constructor(message: string) {
    super('TLOG_PROOF_MALFORMED', message);
  }
}

/** A hash tile, entry bundle or tile path that breaks c2sp.org/tlog-tiles. */
export class TileInvalid extends IotlabelError {
  constructor(message: string) {
    super('TLOG_TILE_INVALID', message);
  }
}

/** An index or tree size outside what the caller's tree holds, or above 2^53 - 1. */
export class RangeInvalid extends IotlabelError {
  constructor(message: string) {
    super('TLOG_RANGE_INVALID', message);
  }
}

/** An entry longer than the 65,535 bytes an entry bundle's 16-bit length prefix can carry. */
export class EntryTooLarge extends IotlabelError {
  constructor(message: string) {
    super('TLOG_ENTRY_TOO_LARGE', message);
  }
}
