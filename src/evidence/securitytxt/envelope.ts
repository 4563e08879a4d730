// Finds the OpenPGP cleartext-signature envelope (RFC 4880 §7) in a security.txt's lines (RFC 9116 §2.3).
import { signatureBlockProblem } from './armour.js';
import type { SecurityTxtCode } from './codes.js';

export const SIGNED_MESSAGE_BEGIN = '-----BEGIN PGP SIGNED MESSAGE-----';
export const SIGNATURE_BEGIN = '-----BEGIN PGP SIGNATURE-----';
export const SIGNATURE_END = '-----END PGP SIGNATURE-----';
const HASH_HEADER = /^Hash: \S/;

/** Indexes are 0-based positions in the line list. */
export interface Envelope {
  header: number;
  /** First line of the signed text (after the Hash headers and the blank line). */
  body: number;
  signatureBegin: number;
  signatureEnd: number;
  /** What is wrong with the armoured signature block, if anything. */
  armourProblem: SecurityTxtCode | null;
}

export type EnvelopeScan =
  | { kind: 'unsigned' }
  /** A header line exists but the envelope around it is incomplete; the file is read as unsigned text. */
  | { kind: 'broken'; header: number }
  | { kind: 'signed'; envelope: Envelope };

export function findEnvelope(lines: readonly string[]): EnvelopeScan {
  const header = lines.indexOf(SIGNED_MESSAGE_BEGIN);
  if (header < 0) return { kind: 'unsigned' };
  let i = header + 1;
  while (i < lines.length && HASH_HEADER.test(lines[i]!)) i++;
  // RFC 4880 §7: one or more Hash headers, then exactly one empty line.
  if (i === header + 1 || lines[i] !== '') return { kind: 'broken', header };
  const body = i + 1;
  const signatureBegin = lines.indexOf(SIGNATURE_BEGIN, body);
  if (signatureBegin < 0) return { kind: 'broken', header };
  const signatureEnd = lines.indexOf(SIGNATURE_END, signatureBegin + 1);
  if (signatureEnd < 0) return { kind: 'broken', header };
  const armourProblem = signatureBlockProblem(lines.slice(signatureBegin + 1, signatureEnd));
  return { kind: 'signed', envelope: { header, body, signatureBegin, signatureEnd, armourProblem } };
}
