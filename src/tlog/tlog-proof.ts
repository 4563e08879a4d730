// c2sp.org/tlog-proof: an offline-verifiable proof that an entry is in a log. Layout:
//   c2sp.org/tlog-proof@v1
//   [extra <base64>]          optional, unauthenticated
//   index <n>
//   <base64 hash>...          inclusion proof, leaf's sibling first
//   <blank line>
//   <signed checkpoint, verbatim>
import { HASH_SIZE } from './hash.js';
import { InclusionProofInvalid, TlogProofMalformed } from './errors.js';
import { openCheckpoint } from './open-checkpoint.js';
import type { OpenedCheckpoint } from './open-checkpoint.js';
import { parseCheckpoint } from './checkpoint.js';
import { inclusionProof } from './prove-inclusion.js';
import type { HashReader } from './hash-reader.js';
import { verifyInclusion } from './verify-inclusion.js';
import type { NoteVerifier } from './note-key.js';
import { decodeBase64, encodeBase64 } from '../encoding/base64.js';

export const TLOG_PROOF_HEADER = 'c2sp.org/tlog-proof@v1';
/** 63 hashes cover any tree up to 2^63 entries; anything longer is not a proof. */
const MAX_PROOF_HASHES = 63;

export interface TlogProof {
  extra?: Uint8Array;
  index: number;
  proof: Uint8Array[];
  /** The signed checkpoint note, verbatim. */
  checkpoint: string;
}

const fail = (message: string) => new TlogProofMalformed(message);

export function formatTlogProof(proof: TlogProof): string {
  if (!Number.isSafeInteger(proof.index) || proof.index < 0)
    throw fail(`index ${proof.index} is not an integer in 0..2^53-1`);
  for (const hash of proof.proof)
    if (hash.length !== HASH_SIZE) throw fail(`proof hash has ${hash.length} bytes, want ${HASH_SIZE}`);
  const lines = [TLOG_PROOF_HEADER];
  if (proof.extra !== undefined) lines.push(`extra ${encodeBase64(proof.extra)}`);
  lines.push(`index ${proof.index}`, ...proof.proof.map(encodeBase64));
  return `${lines.join('\n')}\n\n${proof.checkpoint}`;
}

/** Parses a proof strictly. The checkpoint is kept verbatim; its signatures are checked by verifyTlogProof. */
export function parseTlogProof(text: string): TlogProof {
  const split = text.indexOf('\n\n');
  if (split < 0) throw fail('proof has no blank line before the checkpoint');
  const lines = text.slice(0, split).split('\n');
  const checkpoint = text.slice(split + 2);
  if (lines[0] !== TLOG_PROOF_HEADER) throw fail(`first line is not ${TLOG_PROOF_HEADER}`);
  let at = 1;
  let extra: Uint8Array | undefined;
  if (lines[at]?.startsWith('extra ')) {
    const decoded = decodeBase64(lines[at]!.slice('extra '.length));
    if (decoded === null) throw fail('extra data is not standard base64');
    extra = decoded;
    at++;
  }
  const indexLine = /^index (0|[1-9][0-9]*)$/.exec(lines[at] ?? '');
  if (indexLine === null) throw fail(`line ${at + 1} is not "index <n>" with a decimal number without leading zeros`);
  const index = Number(indexLine[1]);
  if (!Number.isSafeInteger(index)) throw fail(`index ${indexLine[1]} is larger than 2^53-1`);
  const hashLines = lines.slice(at + 1);
  if (hashLines.length > MAX_PROOF_HASHES)
    throw fail(`proof has ${hashLines.length} hashes, more than ${MAX_PROOF_HASHES}`);
  const proof = hashLines.map((line, k) => {
    const hash = decodeBase64(line);
    if (hash === null || hash.length !== HASH_SIZE)
      throw fail(`line ${at + 2 + k} is not base64 of a ${HASH_SIZE}-byte hash`);
    return hash;
  });
  if (checkpoint.length === 0) throw fail('proof has no checkpoint');
  return extra === undefined ? { index, proof, checkpoint } : { extra, index, proof, checkpoint };
}

/**
 * Verifies a proof for the entry whose leaf hash is `leafHash`: the checkpoint must be signed by one of
 * `verifiers` (and name `origin` when given), and the inclusion proof must lead to its root.
 */
export function verifyTlogProof(
  proof: string | TlogProof,
  leafHash: Uint8Array,
  verifiers: readonly NoteVerifier[],
  options: { origin?: string } = {},
): OpenedCheckpoint & { index: number; extra?: Uint8Array } {
  const parsed = typeof proof === 'string' ? parseTlogProof(proof) : proof;
  const opened = openCheckpoint(parsed.checkpoint, verifiers, options);
  const { size, root } = opened.checkpoint;
  if (parsed.index >= size) throw new InclusionProofInvalid(`index is beyond size: ${parsed.index} >= ${size}`);
  verifyInclusion(parsed.index, size, leafHash, parsed.proof, root);
  return parsed.extra === undefined
    ? { ...opened, index: parsed.index }
    : { ...opened, index: parsed.index, extra: parsed.extra };
}

/** Builds the proof for entry `index` against a signed checkpoint note, reading hashes through `reader`. */
export async function buildTlogProof(
  reader: HashReader,
  index: number,
  checkpointNote: string,
  extra?: Uint8Array,
): Promise<string> {
  const { size } = parseCheckpoint(openNoteText(checkpointNote));
  const hashes = await inclusionProof(reader, index, size);
  return formatTlogProof(
    extra === undefined
      ? { index, proof: hashes, checkpoint: checkpointNote }
      : { extra, index, proof: hashes, checkpoint: checkpointNote },
  );
}

// The registry proves against its own checkpoint, so only the note's shape is checked here, not a signature.
function openNoteText(note: string): string {
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw fail('checkpoint note has no blank line before its signatures');
  return note.slice(0, split + 1);
}
