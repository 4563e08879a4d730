// Keys for c2sp.org/signed-note with Ed25519 (signature type 0x01).
// Verifier key:  <name>+<8 hex key ID>+base64(0x01 || 32-byte public key)
// Signer key:    PRIVATE+KEY+<name>+<8 hex key ID>+base64(0x01 || 32-byte seed)  (the Go sumdb/note form)
// Key ID = first four bytes, big-endian, of SHA-256(name || 0x0A || 0x01 || public key).
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { NoteKeyInvalid } from './errors.js';
import { decodeBase64, encodeBase64 } from '../encoding/base64.js';
import { isWellFormedText } from './lib/note-text.js';

export const ED25519_SIGNATURE_TYPE = 0x01;

// DER prefixes that wrap a raw Ed25519 key as SPKI / PKCS#8 for node:crypto.
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export interface NoteVerifier {
  readonly name: string;
  /** uint32 key ID */
  readonly keyId: number;
  verify(text: Uint8Array, signature: Uint8Array): boolean;
}

export interface NoteSigner {
  readonly name: string;
  readonly keyId: number;
  sign(text: Uint8Array): Uint8Array;
}

/** A key name is non-empty and has no Unicode space and no '+'. */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[\s+]/u.test(name) && isWellFormedText(name);
}

/** SHA-256(name || 0x0A || type || publicKey)[:4] as a uint32. */
export function noteKeyId(name: string, publicKey: Uint8Array, type = ED25519_SIGNATURE_TYPE): number {
  const digest = createHash('sha256')
    .update(name)
    .update(Buffer.from([0x0a, type]))
    .update(publicKey)
    .digest();
  return digest.readUInt32BE(0);
}

const hex8 = (keyId: number) => keyId.toString(16).padStart(8, '0');

/** Makes a fresh Ed25519 note key pair for `name`. Keep the signer key secret (0600 file or environment). */
export function generateNoteKey(name: string): { signerKey: string; verifierKey: string } {
  if (!isValidKeyName(name))
    throw new NoteKeyInvalid(`key name ${JSON.stringify(name)} is empty or contains a space or '+'`);
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length);
  const seed = privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(PKCS8_PREFIX.length);
  const id = hex8(noteKeyId(name, raw));
  return {
    signerKey: `PRIVATE+KEY+${name}+${id}+${encodeBase64(Buffer.concat([Buffer.from([ED25519_SIGNATURE_TYPE]), seed]))}`,
    verifierKey: `${name}+${id}+${encodeBase64(Buffer.concat([Buffer.from([ED25519_SIGNATURE_TYPE]), raw]))}`,
  };
}

// name+hash+key, where only the name may be checked further; the last two fields never contain '+'... except
// that base64 may, so split off the name and ID from the left.
function splitKey(text: string, kind: string): { name: string; keyId: number; key: Uint8Array } {
  const first = text.indexOf('+');
  const second = first < 0 ? -1 : text.indexOf('+', first + 1);
  if (first < 0 || second < 0) throw new NoteKeyInvalid(`${kind} key is not of the form name+keyid+key`);
  const name = text.slice(0, first);
  const id = text.slice(first + 1, second);
  const key = decodeBase64(text.slice(second + 1));
  if (!isValidKeyName(name))
    throw new NoteKeyInvalid(`${kind} key name ${JSON.stringify(name)} is empty or contains a space or '+'`);
  if (!/^[0-9a-f]{8}$/.test(id)) throw new NoteKeyInvalid(`${kind} key ID "${id}" is not 8 lowercase hex digits`);
  if (key === null) throw new NoteKeyInvalid(`${kind} key material is not standard base64`);
  if (key.length !== 33 || key[0] !== ED25519_SIGNATURE_TYPE) {
    throw new NoteKeyInvalid(
      `${kind} key is not an Ed25519 key (type 0x01 and 32 bytes), got ${key.length} bytes of type ${key[0] ?? 'none'}`,
    );
  }
  return { name, keyId: Number.parseInt(id, 16), key: key.subarray(1) };
}

/** Parses a verifier key and checks that its key ID is the one its name and public key give. */
export function parseVerifierKey(vkey: string): NoteVerifier {
  const { name, keyId, key } = splitKey(vkey, 'verifier');
  const want = noteKeyId(name, key);
  if (keyId !== want)
    throw new NoteKeyInvalid(`verifier key ID ${hex8(keyId)} does not match the key, want ${hex8(want)}`);
  const publicKey: KeyObject = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, key]), format: 'der', type: 'spki' });
  return {
    name,
    keyId,
    verify: (text, signature) => signature.length === 64 && verify(null, text, publicKey, signature),
  };
}

/** Parses a signer key (PRIVATE+KEY+name+keyid+base64) and checks its key ID against the derived public key. */
export function parseSignerKey(skey: string): NoteSigner {
  if (!skey.startsWith('PRIVATE+KEY+')) throw new NoteKeyInvalid('signer key does not start with PRIVATE+KEY+');
  const { name, keyId, key } = splitKey(skey.slice('PRIVATE+KEY+'.length), 'signer');
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, key]), format: 'der', type: 'pkcs8' });
  const raw = createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length);
  const want = noteKeyId(name, raw);
  if (keyId !== want)
    throw new NoteKeyInvalid(`signer key ID ${hex8(keyId)} does not match the key, want ${hex8(want)}`);
  return { name, keyId, sign: (text) => sign(null, text, privateKey) };
}
