// IETF Token Status List (draft-ietf-oauth-status-list) in JWT form: statuses packed, zlib-deflated at the
// highest level, base64url; signed as `typ: statuslist+jwt` with `sub` = the list's URI and a `ttl`.
import { decodeBase64Url } from '../encoding/base64.js';
import { deflateSync, inflateSync } from 'node:zlib';
import { verify } from 'node:crypto';
import { isIotlabelError } from '../errors.js';
import { isNumericDate, isObject } from './claims.js';
import { checkJwsHeader } from './checks.js';
import { LabelInputInvalid, StatusListInvalid } from './errors.js';
import type { LabelJwks } from './jwks.js';
import { parseCompactJws, signCompactJws } from './jws.js';
import { findKey, keyringOf } from './keyring.js';
import type { LabelSigningKey } from './keys.js';
import { packStatuses, STATUS_BITS, type StatusBits, type StatusList } from './status-bits.js';

/** The `status_list` member of a status list token. */
export interface EncodedStatusList {
  bits: StatusBits;
  lst: string;
}

/** 64 Mi entries at 2 bits: far beyond any register, small enough to refuse a decompression bomb. */
export const MAX_STATUS_LIST_BYTES = 16 * 1024 * 1024;
const MAX_STATUS_TOKEN_LENGTH = 12 * 1024 * 1024;

export function encodeStatusList(statuses: ArrayLike<number>, bits: StatusBits = 2): EncodedStatusList {
  if (!STATUS_BITS.includes(bits))
    throw new LabelInputInvalid(`status list bits must be 1, 2, 4 or 8, not ${String(bits)}`);
  for (let i = 0; i < statuses.length; i++) {
    const s = statuses[i]!;
    if (!Number.isInteger(s) || s < 0 || s >= 1 << bits)
      throw new LabelInputInvalid(`status ${s} at index ${i} does not fit in ${bits} bits`);
  }
  const lst = deflateSync(packStatuses(statuses, bits), { level: 9 }).toString('base64url');
  return { bits, lst };
}

/** Decodes a `status_list` member. Throws StatusListInvalid. */
export function decodeStatusList(encoded: unknown): StatusList {
  if (
    !isObject(encoded) ||
    !STATUS_BITS.includes(encoded.bits as StatusBits) ||
    typeof encoded.lst !== 'string' ||
    !/^[A-Za-z0-9_-]*$/.test(encoded.lst)
  ) {
    throw new StatusListInvalid('"status_list" must be {"bits": 1|2|4|8, "lst": base64url}');
  }
  const compressed = decodeBase64Url(encoded.lst);
  if (compressed === null) throw new StatusListInvalid('"status_list.lst" is not base64url');
  let bytes: Buffer;
  try {
    bytes = inflateSync(compressed, { maxOutputLength: MAX_STATUS_LIST_BYTES });
  } catch (error) {
    throw new StatusListInvalid('"status_list.lst" is not zlib-compressed data (or inflates beyond the size limit)', {
      cause: error,
    });
  }
  return { bits: encoded.bits as StatusBits, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length) };
}

export interface StatusListFacts {
  /** The list's own URI: labels refer to it in status.status_list.uri. */
  uri: string;
  statuses: ArrayLike<number>;
  bits?: StatusBits;
  /** Seconds since the epoch. */
  issuedAt: number;
  /** Seconds a verifier may cache the list before fetching it again. */
  ttl: number;
  expiresAt?: number;
  issuer?: string;
}

export function signStatusList(facts: StatusListFacts, key: LabelSigningKey): string {
  if (!isNumericDate(facts.issuedAt) || !Number.isSafeInteger(facts.ttl) || facts.ttl <= 0)
    throw new LabelInputInvalid('status list needs whole-second issuedAt and a positive ttl');
  const payload: Record<string, unknown> = { sub: facts.uri, iat: facts.issuedAt, ttl: facts.ttl };
  if (facts.expiresAt !== undefined) payload.exp = facts.expiresAt;
  if (facts.issuer !== undefined) payload.iss = facts.issuer;
  payload.status_list = encodeStatusList(facts.statuses, facts.bits ?? 2);
  return signCompactJws({ alg: 'EdDSA', kid: key.kid, typ: 'statuslist+jwt' }, payload, key.privateKey);
}

/**
 * Verifies a status list token against the key set and returns the decoded list with its URI and times.
 * `at` (seconds) refuses a list past its `exp`. Every failure is StatusListInvalid, saying which check.
 */
export function verifyStatusList(token: string, options: { keys: LabelJwks; at?: number }): StatusList {
  try {
    const jws = parseCompactJws(token, MAX_STATUS_TOKEN_LENGTH);
    const { kid } = checkJwsHeader(jws.header, 'statuslist+jwt');
    const entry = findKey(keyringOf(options.keys), kid);
    if (!verify(null, jws.signingInput, entry.key, jws.signature))
      throw new StatusListInvalid('the status list signature does not verify');
    const p = jws.payload;
    if (!isObject(p) || typeof p.sub !== 'string' || !isNumericDate(p.iat))
      throw new StatusListInvalid('the status list token needs "sub" and "iat"');
    if (p.ttl !== undefined && (!Number.isSafeInteger(p.ttl) || (p.ttl as number) <= 0))
      throw new StatusListInvalid('"ttl" must be a positive whole number of seconds');
    if (p.exp !== undefined && !isNumericDate(p.exp)) throw new StatusListInvalid('"exp" must be seconds since 1970');
    if (entry.jwk.retired_at !== undefined && p.iat >= entry.jwk.retired_at)
      throw new StatusListInvalid(`the status list claims to be issued after its key ${kid} was retired`);
    if (options.at !== undefined && p.exp !== undefined && options.at > (p.exp as number))
      throw new StatusListInvalid('the status list has expired: fetch a fresh one');
    const list = decodeStatusList(p.status_list);
    list.uri = p.sub;
    list.iat = p.iat;
    if (p.ttl !== undefined) list.ttl = p.ttl as number;
    if (p.exp !== undefined) list.exp = p.exp as number;
    return list;
  } catch (error) {
    if (isIotlabelError(error) && error.code !== 'STATUS_LIST_INVALID' && error.code !== 'KEY_INVALID') {
      throw new StatusListInvalid(`status list token: ${error.message}`, { cause: error });
    }
    throw error;
  }
}
