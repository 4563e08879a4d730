// The Node-specific verification steps: parse with Buffer, verify with node:crypto and a cached KeyObject,
// and resolve a status list given as a signed token. The other steps are shared with the browser (checks.ts).
import { verify } from 'node:crypto';
import { labellingRegimeIds } from '../regimes/roles.js';
import { checkLabelClaims, type Label, type LabelClaims } from './claims.js';
import { checkJwsHeader, claimsStep, type LabelExpectations, type StepResult } from './checks.js';
import { isCalendarDate } from '../calendar.js';
import { LabelInputInvalid, TokenSignatureInvalid } from './errors.js';
import type { LabelJwks } from './jwks.js';
import { parseCompactJws, type ParsedJws } from './jws.js';
import { findKey, type Keyring, type KeyringEntry } from './keyring.js';
import type { StatusList } from './status-bits.js';
import { verifyStatusList } from './status-list.js';

/** A decoded list, or a signed status list token with the keys to check it (default: the label's keys). */
export type StatusListInput = StatusList | { token: string; keys?: LabelJwks };

export interface VerifyLabelOptions extends LabelExpectations {
  keys: LabelJwks;
  /** The day of the check, YYYY-MM-DD: decides whether the support period has ended. */
  at: string;
  statusList?: StatusListInput;
}

export function checkOptions(options: VerifyLabelOptions): void {
  if (!isCalendarDate(options.at))
    throw new LabelInputInvalid(`"at" must be a date YYYY-MM-DD, not ${JSON.stringify(options.at)}`);
}

export function parseStep(token: unknown): StepResult<{ jws: ParsedJws; kid: string }> {
  const jws = parseCompactJws(token);
  const { kid } = checkJwsHeader(jws.header);
  return { value: { jws, kid }, message: 'The token is a compact JWS signed with EdDSA (Ed25519)' };
}

export function signatureStep(jws: ParsedJws, kid: string, ring: Keyring): StepResult<KeyringEntry> {
  const entry = findKey(ring, kid);
  if (!verify(null, jws.signingInput, entry.key, jws.signature)) {
    throw new TokenSignatureInvalid(
      `the signature does not verify with registry key ${kid}: the label was altered or forged`,
    );
  }
  return { value: entry, message: `The signature verifies with registry key ${kid}` };
}

export function nodeClaimsStep(
  payload: unknown,
  expect: LabelExpectations,
): StepResult<{ claims: LabelClaims; label: Label }> {
  const claims = checkLabelClaims(payload, labellingRegimeIds());
  const { value: label, message } = claimsStep(claims, expect);
  return { value: { claims, label }, message };
}

/** A list given as a token is verified here, so a bad list fails the status step, not the whole call. */
export function resolveStatusList(
  input: StatusListInput | undefined,
  options: VerifyLabelOptions,
): StatusList | undefined {
  if (input === undefined || !('token' in input)) return input;
  return verifyStatusList(input.token, {
    keys: input.keys ?? options.keys,
    at: Date.parse(`${options.at}T00:00:00Z`) / 1000,
  });
}
