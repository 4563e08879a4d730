// Ed25519 label-signing keys: generate, export and import as JWK, and name by RFC 7638 thumbprint.
// Storage (files with 0600 permissions, environment) is the registry's job; this module takes values.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { isObject } from './claims.js';
import { KeyInvalid } from './errors.js';
import { parseLabelJwk, type KeyStatus, type LabelJwk } from './jwks.js';

export interface LabelSigningKey {
  kid: string;
  privateKey: KeyObject;
  /** The public half as published (status active). */
  publicJwk: LabelJwk;
}

/** A private Ed25519 JWK: the public members plus `d`. Keep it secret. */
export interface PrivateLabelJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  d: string;
  kid: string;
}

export function generateLabelKey(): LabelSigningKey {
  const { privateKey } = generateKeyPairSync('ed25519');
  return signingKeyOf(privateKey);
}

/** RFC 7638 thumbprint of an Ed25519 JWK: SHA-256 over {"crv","kty","x"} in that order, base64url. */
export function jwkThumbprint(jwk: { crv: string; kty: string; x: string }): string {
  const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x });
  return createHash('sha256').update(canonical).digest('base64url');
}

export function exportLabelKey(key: LabelSigningKey): PrivateLabelJwk {
  const jwk = key.privateKey.export({ format: 'jwk' });
  return { kty: 'OKP', crv: 'Ed25519', x: jwk.x!, d: jwk.d!, kid: key.kid };
}

/** Imports a private JWK (from a key file or the environment). Throws KeyInvalid. */
export function importLabelKey(input: unknown): LabelSigningKey {
  if (
    !isObject(input) ||
    input.kty !== 'OKP' ||
    input.crv !== 'Ed25519' ||
    typeof input.d !== 'string' ||
    typeof input.x !== 'string'
  ) {
    throw new KeyInvalid('a signing key must be a private Ed25519 JWK with "kty":"OKP", "crv":"Ed25519", "x" and "d"');
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', x: input.x, d: input.d }, format: 'jwk' });
  } catch (error) {
    throw new KeyInvalid('the signing key does not import as an Ed25519 private key', { cause: error });
  }
  const key = signingKeyOf(privateKey);
  // A JWK whose x does not belong to d would sign tokens that verify against nothing published.
  if (key.publicJwk.x !== input.x) throw new KeyInvalid('the signing key\'s "x" is not the public half of its "d"');
  if (input.kid !== undefined && input.kid !== key.kid)
    throw new KeyInvalid(`the signing key's kid "${String(input.kid)}" is not its RFC 7638 thumbprint ${key.kid}`);
  return key;
}

/** The public JWK with the given status, as it goes into the published key set. */
export function publicLabelJwk(key: LabelSigningKey, status: KeyStatus = 'active', retiredAt?: number): LabelJwk {
  return parseLabelJwk({ ...key.publicJwk, status, retired_at: retiredAt });
}

/** A KeyObject for a published public key; checks that its kid is its thumbprint. */
export function publicKeyObject(jwk: LabelJwk): KeyObject {
  if (jwkThumbprint(jwk) !== jwk.kid) throw new KeyInvalid(`key "${jwk.kid}" does not match its RFC 7638 thumbprint`);
  try {
    return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, format: 'jwk' });
  } catch (error) {
    throw new KeyInvalid(`key "${jwk.kid}" is not a valid Ed25519 public key`, { cause: error });
  }
}

function signingKeyOf(privateKey: KeyObject): LabelSigningKey {
  const { x } = createPublicKey(privateKey).export({ format: 'jwk' });
  const kid = jwkThumbprint({ crv: 'Ed25519', kty: 'OKP', x: x! });
  return {
    kid,
    privateKey,
    publicJwk: { kty: 'OKP', crv: 'Ed25519', x: x!, kid, alg: 'EdDSA', use: 'sig', status: 'active' },
  };
}
