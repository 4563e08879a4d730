// The verifier's compiled key set: KeyObjects built once per JWKS object and reused, because importing a
// key costs about as much as a verification.
import type { KeyObject } from 'node:crypto';
import { TokenKeyUnknown } from './errors.js';
import { parseJwks, type LabelJwk, type LabelJwks } from './jwks.js';
import { publicKeyObject } from './keys.js';

export interface KeyringEntry {
  jwk: LabelJwk;
  key: KeyObject;
}

export type Keyring = ReadonlyMap<string, KeyringEntry>;

const compiled = new WeakMap<object, Keyring>();

/** Validates and compiles a key set; the result is cached for the same (unchanged) object. */
export function keyringOf(jwks: LabelJwks): Keyring {
  let ring = compiled.get(jwks);
  if (ring === undefined) {
    const parsed = parseJwks(jwks);
    ring = new Map(parsed.keys.map((jwk) => [jwk.kid, { jwk, key: publicKeyObject(jwk) }]));
    compiled.set(jwks, ring);
  }
  return ring;
}

export function findKey(ring: Keyring, kid: string): KeyringEntry {
  const entry = ring.get(kid);
  if (entry === undefined)
    throw new TokenKeyUnknown(`the label was signed with key ${kid}, which is not in the registry's key set`);
  return entry;
}
