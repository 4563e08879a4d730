// Identifiers: a short type prefix and 16 random base32 characters (80 bits), e.g. `prd_4kq7m2x9a1b3c5d7`.
// The prefix tells a reader of a log line or URL what the id names.
import { randomBytes } from 'node:crypto';

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

export type IdPrefix = 'org' | 'key' | 'prd' | 'dcl' | 'usr' | 'ntc' | 'whk' | 'dlv';

export function randomToken(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i]! & 31];
  return out;
}

export function newId(prefix: IdPrefix): string {
  return `${prefix}_${randomToken(16)}`;
}
