// Opens a signed note (c2sp.org/signed-note), with the rules of Go's sumdb/note Open: split at the last blank
// line; signatures from unknown (name, key ID) pairs are ignored; a known key whose signature fails rejects
// the whole note; at least one known key must have signed.
import { NoteKeyUnknown, NoteMalformed, NoteSignatureInvalid } from './errors.js';
import { isValidKeyName } from './note-key.js';
import type { NoteVerifier } from './note-key.js';
import { decodeBase64 } from '../encoding/base64.js';
import { isWellFormedText } from './lib/note-text.js';

/** More signatures than any honest note carries; the spec asks verifiers to accept at least 16. */
export const MAX_NOTE_SIGNATURES = 100;
/** A checkpoint with 100 signatures is well under this. */
export const MAX_NOTE_BYTES = 1 << 20;

export interface NoteSignature {
  name: string;
  keyId: number;
}

export interface OpenedNote {
  /** The signed text, including its final newline. */
  text: string;
  /** Keys that signed and verified, in note order. */
  verified: NoteSignature[];
  /** Signatures from keys the caller did not give (ignored, as the spec requires). */
  unverified: NoteSignature[];
}

const PREFIX = '\u2014 ';
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f]/;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Opens `note` (text or raw bytes) with the given verifiers, or throws with a TLOG_NOTE_* code. */
export function openNote(note: string | Uint8Array, verifiers: readonly NoteVerifier[]): OpenedNote {
  const message = typeof note === 'string' ? note : decodeUtf8(note);
  if (Buffer.byteLength(message) > MAX_NOTE_BYTES)
    throw new NoteMalformed(`note is larger than ${MAX_NOTE_BYTES} bytes`);
  if (!isWellFormedText(message)) throw new NoteMalformed('note is not valid UTF-8');
  if (CONTROL.test(message)) throw new NoteMalformed('note contains a control character other than newline');
  const split = message.lastIndexOf('\n\n');
  if (split < 0) throw new NoteMalformed('note has no blank line before its signatures');
  const text = message.slice(0, split + 1);
  const block = message.slice(split + 2);
  if (block.length === 0 || !block.endsWith('\n')) throw new NoteMalformed('note signatures must end with a newline');

  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES)
    throw new NoteMalformed(`note has ${lines.length} signatures, more than ${MAX_NOTE_SIGNATURES}`);
  const bytes = Buffer.from(text, 'utf8');
  const verified: NoteSignature[] = [];
  const unverified: NoteSignature[] = [];
  const seen = new Set<string>();
  for (const [n, line] of lines.entries()) {
    const { name, keyId, signature } = parseSignatureLine(line, n + 1);
    const key = `${name}\n${keyId}`;
    if (seen.has(key)) continue; // a repeated signature adds nothing
    seen.add(key);
    const verifier = verifiers.find((v) => v.name === name && v.keyId === keyId);
    if (verifier === undefined) {
      unverified.push({ name, keyId });
      continue;
    }
    if (!verifier.verify(bytes, signature)) {
      throw new NoteSignatureInvalid(
        `signature by ${name} (key ${keyId.toString(16).padStart(8, '0')}) does not verify`,
      );
    }
    verified.push({ name, keyId });
  }
  if (verified.length === 0) {
    const names = unverified.map((s) => `${s.name}+${s.keyId.toString(16).padStart(8, '0')}`).join(', ');
    throw new NoteKeyUnknown(`note is not signed by any known key (signed by ${names})`);
  }
  return { text, verified, unverified };
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new NoteMalformed('note is not valid UTF-8');
  }
}

function parseSignatureLine(line: string, lineNumber: number): { name: string; keyId: number; signature: Uint8Array } {
  if (!line.startsWith(PREFIX))
    throw new NoteMalformed(`signature line ${lineNumber} does not start with an em dash and a space`);
  const rest = line.slice(PREFIX.length);
  const space = rest.indexOf(' ');
  const name = space < 0 ? rest : rest.slice(0, space);
  const decoded = space < 0 ? null : decodeBase64(rest.slice(space + 1));
  if (!isValidKeyName(name)) throw new NoteMalformed(`signature line ${lineNumber} has an invalid key name`);
  if (decoded === null || decoded.length < 5)
    throw new NoteMalformed(`signature line ${lineNumber} is not base64 of a key ID and a signature`);
  return { name, keyId: Buffer.from(decoded).readUInt32BE(0), signature: decoded.subarray(4) };
}
