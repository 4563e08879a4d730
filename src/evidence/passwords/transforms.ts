// The unkeyed-transform catalogue (PW-UNKEYED-TRANSFORM): a password that is a slice of a plain hash or
// encoding of an identifier can be recomputed by anyone who reads the label or sniffs the MAC. Anything
// keyed (HMAC with a secret) is not reproducible here, which is exactly the PSTI §1(3)(c) exception.
import { createHash } from 'node:crypto';
import { rawSpellings } from './identifiers.js';
import type { CredentialRecord } from './types.js';

type Fn = (input: string) => Buffer;

const hash =
  (algorithm: string): Fn =>
  (input) =>
    createHash(algorithm).update(input).digest();
const twice =
  (algorithm: string): Fn =>
  (input) =>
    createHash(algorithm).update(createHash(algorithm).update(input).digest('hex')).digest();

export const TRANSFORMS: Readonly<Record<string, Fn>> = {
  md5: hash('md5'),
  sha1: hash('sha1'),
  sha256: hash('sha256'),
  sha512: hash('sha512'),
  'md5(md5hex)': twice('md5'),
  'sha1(sha1hex)': twice('sha1'),
  'sha256(sha256hex)': twice('sha256'),
  crc32: (input) => {
    const out = Buffer.alloc(4);
    out.writeUInt32BE(crc32(Buffer.from(input)));
    return out;
  },
  bytes: (input) => Buffer.from(input),
};

type Encoding = 'hex' | 'base64' | 'base64url' | 'base32';
const ENCODINGS: readonly Encoding[] = ['hex', 'base64', 'base64url', 'base32'];
/** Encodings compared without regard to case (a sticker may print hex in either case). */
const CASELESS: ReadonlySet<Encoding> = new Set(['hex', 'base32']);

const SPELLS: Record<Encoding, RegExp> = {
  hex: /^[0-9a-f]+$/i,
  base64: /^[A-Za-z0-9+/]+=*$/,
  base64url: /^[A-Za-z0-9_-]+$/,
  base32: /^[A-Z2-7]+=*$/i,
};

export const MIN_TRANSFORM_LENGTH = 6;

/** Row shape the search works on. */
export interface TransformRow {
  record: CredentialRecord;
  password: string;
  deviceId: string;
  credentialType: string;
  /** Worked out once per row, on first use. */
  spellings?: { label: string; value: string }[];
}

/** Hypothesis key: fn|spelling label|encoding|offset|length. */
export function discoverTransforms(row: TransformRow): string[] {
  const p = row.password;
  if (p.length < MIN_TRANSFORM_LENGTH) return [];
  const lower = p.toLowerCase();
  // Only encodings whose alphabet can spell this password are worth computing.
  const encodings = ENCODINGS.filter((e) => SPELLS[e].test(p));
  if (encodings.length === 0) return [];
  const keys: string[] = [];
  for (const spelling of (row.spellings ??= rawSpellings(row.record))) {
    for (const [name, fn] of Object.entries(TRANSFORMS)) {
      const digest = fn(spelling.value);
      for (const encoding of encodings) {
        if (name === 'bytes' && encoding === 'base64url') continue;
        const text = encode(digest, encoding);
        const caseless = CASELESS.has(encoding);
        const at = caseless ? text.toLowerCase().indexOf(lower) : text.indexOf(p);
        if (at >= 0) keys.push(`${name}|${spelling.label}|${encoding}|${at}|${p.length}`);
      }
    }
  }
  return keys;
}

export function verifyTransform(key: string, row: TransformRow): boolean {
  const [name, label, encoding, at, length] = key.split('|') as [string, string, Encoding, string, string];
  const p = row.password;
  if (p.length !== Number(length)) return false;
  const spelling = (row.spellings ??= rawSpellings(row.record)).find((s) => s.label === label);
  const fn = TRANSFORMS[name];
  if (!spelling || !fn) return false;
  const slice = encode(fn(spelling.value), encoding).slice(Number(at), Number(at) + p.length);
  return CASELESS.has(encoding) ? slice.toLowerCase() === p.toLowerCase() : slice === p;
}

/** "sha1(serial) hex[0:10]" */
export function describeTransform(key: string): string {
  const [name, label, encoding, at, length] = key.split('|') as [string, string, string, string, string];
  const start = Number(at);
  const applied = name === 'bytes' ? `${encoding}(${label})` : `${name}(${label}) ${encoding}`;
  return `${applied}[${start}:${start + Number(length)}]`;
}

function encode(bytes: Buffer, encoding: Encoding): string {
  return encoding === 'base32' ? base32(bytes) : bytes.toString(encoding);
}

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
function base32(bytes: Buffer): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += B32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += B32[(value << (5 - bits)) & 31];
  return out;
}

let crcTable: Uint32Array | undefined;
function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const b of bytes) crc = crcTable[(crc ^ b) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
