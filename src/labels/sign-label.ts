// Issuing side: the label's facts -> a compact JWS signed with the registry's Ed25519 key.
import { labellingRegimeIds } from '../regimes/roles.js';
import { labelProblem, labelToClaims, type Label } from './claims.js';
import { LabelInputInvalid } from './errors.js';
import { signCompactJws } from './jws.js';
import type { LabelSigningKey } from './keys.js';

/**
 * Signs a label. The header is only {alg, kid} and the claim names are short, because the token rides in
 * the QR code's URL. Throws LabelInputInvalid for facts a verifier would refuse.
 */
export function signLabel(label: Label, key: LabelSigningKey): string {
  const problem = labelProblem(label, labellingRegimeIds());
  if (problem !== null) throw new LabelInputInvalid(`cannot sign this label: ${problem}`);
  return signCompactJws({ alg: 'EdDSA', kid: key.kid }, labelToClaims(label), key.privateKey);
}
