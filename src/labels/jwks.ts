// The key set verifiers trust: a JWKS (RFC 7517) of Ed25519 public keys, each with its RFC 7638 thumbprint
// as `kid` and a status. Rotation retires a key rather than removing it, so labels signed before the
// retirement keep verifying; a token claiming to be issued after its key was retired is refused.
// No Node imports (browser too).
import { isNumericDate, isObject } from './claims.js';
import { KeyInvalid } from './errors.js';

export type KeyStatus = 'active' | 'retired';

/** One public key as published at /.well-known/iotlabel/keys. */
export interface LabelJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  /** The 32-byte public key, base64url. */
  x: string;
  /** RFC 7638 JWK thumbprint (SHA-256, base64url). */
  kid: string;
  alg: 'EdDSA';
  use: 'sig';
  status: KeyStatus;
  /** Seconds since the epoch at which the key stopped signing; present only when retired. */
  retired_at?: number;
}

export interface LabelJwks {
  keys: LabelJwk[];
}

const MAX_KEYS = 256;
const B64URL_32_BYTES = /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/;
const KID = /^[A-Za-z0-9_-]{1,128}$/;

/** Validates a JWKS document from outside (a file, a URL, a page). Throws KeyInvalid with the JSON path. */
export function parseJwks(input: unknown): LabelJwks {
  if (!isObject(input) || !Array.isArray(input.keys))
    throw new KeyInvalid('key set must be a JSON object with a "keys" array');
  if (input.keys.length > MAX_KEYS)
    throw new KeyInvalid(`key set has ${input.keys.length} keys; at most ${MAX_KEYS} are accepted`);
  const seen = new Set<string>();
  const keys = input.keys.map((key, i) => {
    const jwk = parseLabelJwk(key, `keys[${i}]`);
    if (seen.has(jwk.kid)) throw new KeyInvalid(`keys[${i}].kid "${jwk.kid}" appears twice`);
    seen.add(jwk.kid);
    return jwk;
  });
  return { keys };
}

/** Validates one public JWK; `path` names it in the message. */
export function parseLabelJwk(key: unknown, path = 'key'): LabelJwk {
  if (!isObject(key)) throw new KeyInvalid(`${path} must be a JSON object`);
  if (key.kty !== 'OKP' || key.crv !== 'Ed25519')
    throw new KeyInvalid(`${path} must be an Ed25519 key (kty "OKP", crv "Ed25519")`);
  if (typeof key.x !== 'string' || !B64URL_32_BYTES.test(key.x))
    throw new KeyInvalid(`${path}.x must be 32 bytes in base64url`);
  if (typeof key.kid !== 'string' || !KID.test(key.kid)) throw new KeyInvalid(`${path}.kid must be a base64url key id`);
  if (key.alg !== undefined && key.alg !== 'EdDSA' && key.alg !== 'Ed25519')
    throw new KeyInvalid(`${path}.alg must be "EdDSA"`);
  if (key.use !== undefined && key.use !== 'sig') throw new KeyInvalid(`${path}.use must be "sig"`);
  const status = key.status ?? 'active';
  if (status !== 'active' && status !== 'retired') throw new KeyInvalid(`${path}.status must be "active" or "retired"`);
  const jwk: LabelJwk = { kty: 'OKP', crv: 'Ed25519', x: key.x, kid: key.kid, alg: 'EdDSA', use: 'sig', status };
  if (status === 'retired') {
    if (!isNumericDate(key.retired_at))
      throw new KeyInvalid(`${path}.retired_at must be seconds since 1970 for a retired key`);
    jwk.retired_at = key.retired_at;
  } else if (key.retired_at !== undefined) {
    throw new KeyInvalid(`${path}.retired_at is only allowed on a retired key`);
  }
  return jwk;
}

/** A new key set with `kid` marked retired at `at` (seconds). The key stays, for verification. */
export function retireKey(jwks: LabelJwks, kid: string, at: number): LabelJwks {
  if (!jwks.keys.some((k) => k.kid === kid)) throw new KeyInvalid(`key set holds no key "${kid}"`);
  return {
    keys: jwks.keys.map((k) =>
      k.kid === kid && k.status === 'active' ? { ...k, status: 'retired', retired_at: at } : k,
    ),
  };
}

/** The active keys first, then the retired ones: the order a JWKS is published in. */
export function jwksDocument(keys: readonly LabelJwk[]): LabelJwks {
  return { keys: [...keys.filter((k) => k.status === 'active'), ...keys.filter((k) => k.status !== 'active')] };
}
