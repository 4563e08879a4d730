// A checkpoint as a signed note: sign it with the log key, or open it with trusted verifier keys.
import { CheckpointInvalid } from './errors.js';
import { formatCheckpoint, parseCheckpoint } from './checkpoint.js';
import type { Checkpoint } from './checkpoint.js';
import { openNote } from './open-note.js';
import type { NoteSignature } from './open-note.js';
import { signNote } from './sign-note.js';
import type { NoteSigner, NoteVerifier } from './note-key.js';

export interface OpenedCheckpoint {
  checkpoint: Checkpoint;
  /** The note exactly as received, e.g. to embed in a tlog-proof. */
  note: string;
  verified: NoteSignature[];
  unverified: NoteSignature[];
}

/** Signs the checkpoint; the log's key name should be its origin. */
export function signCheckpoint(checkpoint: Checkpoint, signers: readonly NoteSigner[]): string {
  return signNote(formatCheckpoint(checkpoint), signers);
}

/**
 * Verifies the note's signatures, then parses the checkpoint; with `origin`, also requires that origin.
 * Throws TLOG_NOTE_MALFORMED / TLOG_NOTE_SIGNATURE_INVALID / TLOG_NOTE_KEY_UNKNOWN / TLOG_CHECKPOINT_INVALID.
 */
export function openCheckpoint(
  note: string | Uint8Array,
  verifiers: readonly NoteVerifier[],
  options: { origin?: string } = {},
): OpenedCheckpoint {
  const opened = openNote(note, verifiers);
  const checkpoint = parseCheckpoint(opened.text);
  if (options.origin !== undefined && checkpoint.origin !== options.origin) {
    throw new CheckpointInvalid(`checkpoint origin is "${checkpoint.origin}", want "${options.origin}"`);
  }
  const text = typeof note === 'string' ? note : Buffer.from(note).toString('utf8');
  return { checkpoint, note: text, verified: opened.verified, unverified: opened.unverified };
}
