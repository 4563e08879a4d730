// Compact JWS (RFC 7515) with EdDSA over node:crypto: the fast path the registry signs with and Node
// verifiers use. Every outside token is parsed inside guards that rethrow TokenMalformed, never a SyntaxError.
import { decodeBase64Url } from '../encoding/base64.js';
import { sign, type KeyObject } from 'node:crypto';
import { TokenMalformed } from './errors.js';

/** Longest token accepted: a label is ~500 characters, a status list for millions of labels far more. */
export const MAX_LABEL_TOKEN_LENGTH = 4096;

export interface ParsedJws {
  header: unknown;
  payload: unknown;
  /** ASCII bytes of `header.payload`, what the signature covers. */
  signingInput: Buffer;
  signature: Buffer;
}

const SEGMENT = /^[A-Za-z0-9_-]+$/;

export function parseCompactJws(token: unknown, maxLength: number = MAX_LABEL_TOKEN_LENGTH): ParsedJws {
  if (typeof token !== 'string') throw new TokenMalformed('the token is not a string');
  if (token.length > maxLength)
    throw new TokenMalformed(`the token is ${token.length} characters long; at most ${maxLength} are accepted`);
  const first = token.indexOf('.');
  const last = token.lastIndexOf('.');
  if (first <= 0 || last === first || token.indexOf('.', first + 1) !== last || last === token.length - 1) {
    throw new TokenMalformed('the token is not three base64url segments separated by "."');
  }
  const h = token.slice(0, first);
  const p = token.slice(first + 1, last);
  const s = token.slice(last + 1);
  if (!SEGMENT.test(h) || !SEGMENT.test(p) || !SEGMENT.test(s))
    throw new TokenMalformed('the token contains characters outside base64url');
  // Only the one canonical spelling decodes, so no two different strings carry the same valid signature.
  const decoded = decodeBase64Url(s);
  if (decoded === null || decoded.length !== 64)
    throw new TokenMalformed('the signature segment is not 64 bytes in canonical base64url');
  return {
    header: parseJsonSegment(h, 'header'),
    payload: parseJsonSegment(p, 'payload'),
    signingInput: Buffer.from(token.slice(0, last), 'latin1'),
    signature: Buffer.from(decoded.buffer, decoded.byteOffset, decoded.length),
  };
}

function parseJsonSegment(segment: string, what: string): unknown {
  try {
    // Attacker-controlled: a SyntaxError here must become the domain error, not a stack trace.
    const bytes = decodeBase64Url(segment);
    if (bytes === null) throw new TypeError('not canonical base64url');
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new TokenMalformed(`the token ${what} is not base64url-encoded JSON`, { cause: error });
  }
}

/** Signs `payload` under `header` with an Ed25519 private key; returns the compact serialisation. */
export function signCompactJws(header: object, payload: object, privateKey: KeyObject): string {
  const input = `${b64json(header)}.${b64json(payload)}`;
  const signature = sign(null, Buffer.from(input, 'latin1'), privateKey);
  return `${input}.${signature.toString('base64url')}`;
}

function b64json(value: object): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}
