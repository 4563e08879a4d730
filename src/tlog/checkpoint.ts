// The note text of a c2sp.org/tlog-checkpoint: origin, tree size, root hash, then optional extension lines.
import { HASH_SIZE } from './hash.js';
import { CheckpointInvalid } from './errors.js';
import { decodeBase64, encodeBase64 } from '../encoding/base64.js';
import { checkNoteText } from './lib/note-text.js';

export interface Checkpoint {
  /** Unique name of the log, e.g. "registry.example.org/log". */
  origin: string;
  /** Number of entries, at most 2^53 - 1. */
  size: number;
  /** RFC 6962 root hash (32 bytes). */
  root: Uint8Array;
  /** Opaque extension lines (not recommended: monitors cannot audit them). */
  extensions: string[];
}

const fail = (message: string) => new CheckpointInvalid(message);

/** Parses a checkpoint body (the note text, ending in a newline), strictly. */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw fail('checkpoint must end with a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw fail(`checkpoint has ${lines.length} lines, want at least 3`);
  const [origin, size, root, ...extensions] = lines as [string, string, string, ...string[]];
  if (origin.length === 0) throw fail('checkpoint origin is empty');
  if (!/^(0|[1-9][0-9]*)$/.test(size))
    throw fail(`checkpoint tree size "${size}" is not a decimal number without leading zeros`);
  const treeSize = Number(size);
  if (!Number.isSafeInteger(treeSize)) throw fail(`checkpoint tree size ${size} is larger than 2^53-1`);
  const rootHash = decodeBase64(root);
  if (rootHash === null || rootHash.length !== HASH_SIZE)
    throw fail(`checkpoint root "${root}" is not base64 of ${HASH_SIZE} bytes`);
  extensions.forEach((line, i) => {
    if (line.length === 0) throw fail(`checkpoint extension line ${i + 1} is empty`);
  });
  return { origin, size: treeSize, root: rootHash, extensions };
}

/** Writes a checkpoint body, ready to be signed with signNote. */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  const { origin, size, root, extensions } = checkpoint;
  if (origin.length === 0 || origin.includes('\n')) throw fail('checkpoint origin must be one non-empty line');
  if (!Number.isSafeInteger(size) || size < 0)
    throw fail(`checkpoint tree size ${size} is not an integer in 0..2^53-1`);
  if (root.length !== HASH_SIZE) throw fail(`checkpoint root has ${root.length} bytes, want ${HASH_SIZE}`);
  for (const line of extensions)
    if (line.length === 0 || line.includes('\n'))
      throw fail('checkpoint extension lines must be non-empty single lines');
  const text = [origin, String(size), encodeBase64(root), ...extensions].join('\n') + '\n';
  const problem = checkNoteText(text);
  if (problem !== null) throw fail(problem);
  return text;
}
