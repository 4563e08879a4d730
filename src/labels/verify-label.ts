// verifyLabel: a checklist of steps, each of which returns or throws its own error code
// (TOKEN_MALFORMED, TOKEN_KEY_UNKNOWN, TOKEN_SIGNATURE_INVALID, TOKEN_CLAIMS_INVALID, ISSUER_NOT_TRUSTED,
// TOKEN_KEY_EXPIRED, REVOCATION_NOT_CHECKED, LABEL_REVOKED, LABEL_SUSPENDED, STATUS_LIST_INVALID). Pure: the
// trusted keys, the date and the status list come in; nothing is fetched.
import type { Label, LabelClaims } from './claims.js';
import { keyStep, statusStep, supportStep, trustStep } from './checks.js';
import type { LabelJwk } from './jwks.js';
import { keyringOf } from './keyring.js';
import {
  checkOptions,
  nodeClaimsStep,
  parseStep,
  resolveStatusList,
  signatureStep,
  type VerifyLabelOptions,
} from './verify-steps.js';

export interface VerifiedLabel {
  label: Label;
  claims: LabelClaims;
  key: LabelJwk;
  /** 'unknown' when no status list was given and the caller accepted that (`offline`). */
  status: 'valid' | 'unknown';
  /** True when `at` is after the support end date: still genuine, but no more security updates. */
  supportEnded: boolean;
}

/**
 * Verifies a label token offline. The key set's KeyObjects are built once per JWKS object and cached, so
 * pass the same (unmodified) object for every call. Throws the first failing step's error.
 */
export function verifyLabel(token: string, options: VerifyLabelOptions): VerifiedLabel {
  checkOptions(options);
  const ring = keyringOf(options.keys);
  const { jws, kid } = parseStep(token).value;
  const entry = signatureStep(jws, kid, ring).value;
  const { claims, label } = nodeClaimsStep(jws.payload, options).value;
  trustStep(claims, options);
  keyStep(entry.jwk, claims);
  const status = statusStep(claims, resolveStatusList(options.statusList, options), options).value;
  const supported = supportStep(claims, options.at).value;
  return { label, claims, key: entry.jwk, status, supportEnded: !supported };
}
