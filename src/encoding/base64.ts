// Strict base64 (RFC 4648 §4, padded) and base64url (§5, unpadded), the one decoder for every module, the
// browser bundle included (atob/btoa, no Node imports). Lenient decoders skip junk and ignore the unused low
// bits of the last character, so two different strings could carry the same bytes (a second spelling of a
// signature): a value is accepted only in its one canonical spelling, otherwise the decoders return null.

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

function fromBinary(binary: string): Uint8Array {
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function toBinary(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return binary;
}

export function encodeBase64(bytes: Uint8Array): string {
  return btoa(toBinary(bytes));
}

export function encodeBase64Url(bytes: Uint8Array): string {
  return encodeBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The bytes of padded standard base64, or null unless `text` is their canonical spelling. */
export function decodeBase64(text: string): Uint8Array | null {
  if (!BASE64.test(text)) return null;
  const bytes = fromBinary(atob(text));
  return encodeBase64(bytes) === text ? bytes : null;
}

/** The bytes of unpadded base64url, or null unless `text` is their canonical spelling. */
export function decodeBase64Url(text: string): Uint8Array | null {
  if (!BASE64URL.test(text) || text.length % 4 === 1) return null;
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const bytes = fromBinary(atob(padded));
  return encodeBase64Url(bytes) === text ? bytes : null;
}
