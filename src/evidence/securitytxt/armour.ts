// Checks the ASCII-armoured signature block of an OpenPGP cleartext signature (RFC 4880 §6, §7) without
// verifying it: armour headers, blank line, base64 body, CRC-24 checksum, packet framing, packet type.
import type { SecurityTxtCode } from './codes.js';

const ARMOUR_HEADER = /^[A-Za-z0-9-]+: .*$/;
const BASE64_LINE = /^[A-Za-z0-9+/]+={0,2}$/;
const CHECKSUM_LINE = /^=[A-Za-z0-9+/]{4}$/;
const SIGNATURE_TAG = 2;

/** CRC-24 of RFC 4880 §6.1. */
function crc24(bytes: Uint8Array): number {
  let crc = 0xb704ce;
  for (const byte of bytes) {
    crc ^= byte << 16;
    for (let i = 0; i < 8; i++) {
      crc <<= 1;
      if (crc & 0x1000000) crc ^= 0x1864cfb;
    }
  }
  return crc & 0xffffff;
}

function decodeBase64(text: string): Uint8Array | null {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null;
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

/** Packet tags in order, or null when the framing does not add up (RFC 4880 §4.2). */
function packetTags(bytes: Uint8Array): number[] | null {
  const tags: number[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    const head = bytes[pos]!;
    if ((head & 0x80) === 0) return null;
    let tag: number;
    let length: number;
    let p = pos + 1;
    const u8 = (k: number) => bytes[p + k] ?? -1;
    if (head & 0x40) {
      tag = head & 0x3f;
      const first = u8(0);
      if (first < 0) return null;
      if (first < 192) [length, p] = [first, p + 1];
      else if (first < 224) [length, p] = [((first - 192) << 8) + u8(1) + 192, p + 2];
      else if (first === 255) [length, p] = [((u8(1) << 24) | (u8(2) << 16) | (u8(3) << 8) | u8(4)) >>> 0, p + 5];
      else return null; // partial body lengths are not allowed for signature packets
    } else {
      tag = (head >> 2) & 0x0f;
      const size = [1, 2, 4][head & 0x03];
      if (size === undefined) return null; // indeterminate length
      length = 0;
      for (let k = 0; k < size; k++) length = length * 256 + u8(k);
      p += size;
    }
    if (p > bytes.length || p + length > bytes.length || length < 0) return null;
    if (tag === SIGNATURE_TAG && length > 0 && ![3, 4, 5, 6].includes(bytes[p]!)) tags.push(-1);
    else tags.push(tag);
    pos = p + length;
  }
  return tags;
}

/**
 * Checks the lines between "-----BEGIN PGP SIGNATURE-----" and "-----END PGP SIGNATURE-----" (exclusive).
 * Returns the sectxt code for the first problem, or null when the block holds signature packets.
 */
export function signatureBlockProblem(lines: readonly string[]): SecurityTxtCode | null {
  let i = 0;
  while (i < lines.length && ARMOUR_HEADER.test(lines[i]!)) i++;
  if (lines[i] !== '') return 'pgp_data_error'; // the blank line after the armour headers is mandatory
  i++;
  const body: string[] = [];
  while (i < lines.length && BASE64_LINE.test(lines[i]!) && !CHECKSUM_LINE.test(lines[i]!)) body.push(lines[i++]!);
  const checksum = i < lines.length && CHECKSUM_LINE.test(lines[i]!) ? lines[i++]! : null;
  if (i !== lines.length || body.length === 0) return 'pgp_data_error';
  const bytes = decodeBase64(body.join(''));
  if (!bytes || bytes.length === 0) return 'pgp_error';
  if (checksum !== null) {
    const expected = decodeBase64(checksum.slice(1));
    const sum = crc24(bytes);
    if (!expected || expected[0] !== sum >> 16 || expected[1] !== ((sum >> 8) & 0xff) || expected[2] !== (sum & 0xff))
      return 'pgp_error';
  }
  const tags = packetTags(bytes);
  if (!tags || tags.length === 0) return 'pgp_error';
  return tags.every((tag) => tag === SIGNATURE_TAG) ? null : 'pgp_signature_error';
}
