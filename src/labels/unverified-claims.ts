// Reading a token's issuer and status list URI BEFORE verifying it, only to decide which trusted key set to
// use and which list to fetch. Nothing read here is believed: the signature is then checked with keys the
// verifier already trusts, and the trust step compares the signed issuer with the registry chosen.
import { decodeBase64Url } from '../encoding/base64.js';
import { isObject } from './claims.js';

export interface UnverifiedClaims {
  iss?: string;
  statusListUri?: string;
}

/** The token's `iss` and status list URI as it states them, or {} when it does not decode. Never throws. */
export function unverifiedClaims(token: string): UnverifiedClaims {
  try {
    const bytes = decodeBase64Url(token.split('.')[1] ?? '');
    if (bytes === null) return {};
    const p: unknown = JSON.parse(new TextDecoder().decode(bytes));
    if (!isObject(p)) return {};
    const result: UnverifiedClaims = {};
    if (typeof p.iss === 'string') result.iss = p.iss;
    const list = isObject(p.status) && isObject(p.status.status_list) ? p.status.status_list : undefined;
    if (typeof list?.uri === 'string') result.statusListUri = list.uri;
    return result;
  } catch {
    return {};
  }
}
