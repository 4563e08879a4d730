// Verifies a security.txt's OpenPGP cleartext signature against a given public key (RFC 9116 §2.3), with openpgp.
// Pure: the key and the clock come in; the outcome is added to a result as the `signature_mismatch` error.
import * as openpgp from 'openpgp';
import { Diagnostics } from './diagnostics.js';
import { PublicKeyInvalid } from './errors.js';
import { decodeText } from './text.js';
import type { SecurityTxtResult } from './types.js';

export interface SignatureVerification {
  verified: boolean;
  /** Key ids (hex) the signature names. */
  keyIds: string[];
  /** Why it did not verify (empty when it did). */
  reason: string;
}

/** Throws PublicKeyInvalid (INPUT_INVALID) when `armoredPublicKey` cannot be read; never for a bad signature. */
export async function verifySecurityTxtSignature(
  input: string | Uint8Array,
  armoredPublicKey: string,
  options: { now: Date },
): Promise<SignatureVerification> {
  let key: openpgp.Key;
  try {
    key = await openpgp.readKey({ armoredKey: armoredPublicKey });
  } catch (error) {
    throw new PublicKeyInvalid(`the public key is not an armoured OpenPGP key: ${(error as Error).message}`, error);
  }
  let message: openpgp.CleartextMessage;
  try {
    message = await openpgp.readCleartextMessage({ cleartextMessage: decodeText(input).text });
  } catch (error) {
    return {
      verified: false,
      keyIds: [],
      reason: `not a readable cleartext-signed message: ${(error as Error).message}`,
    };
  }
  const keyIds = message.getSigningKeyIDs().map((id) => id.toHex());
  try {
    const outcome = await openpgp.verify({ message, verificationKeys: key, date: options.now });
    const first = outcome.signatures[0];
    if (!first) return { verified: false, keyIds, reason: 'the message carries no signature' };
    await first.verified;
    return { verified: true, keyIds, reason: '' };
  } catch (error) {
    return { verified: false, keyIds, reason: (error as Error).message };
  }
}

/** `result` with a `signature_mismatch` error added when the signature did not verify. */
export function withSignatureVerification(
  result: SecurityTxtResult,
  verification: SignatureVerification,
): SecurityTxtResult {
  if (verification.verified) return result;
  const d = new Diagnostics();
  d.add('signature_mismatch', null, verification.reason.slice(0, 200));
  return { ...result, valid: false, errors: [...result.errors, ...d.errors] };
}
