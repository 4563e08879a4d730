// Reading and packing an IETF Token Status List (draft-ietf-oauth-status-list): statuses of `bits` bits,
// packed least-significant-bit first. Compression lives elsewhere (node:zlib or DecompressionStream).
// No Node imports.

export const STATUS_VALID = 0;
export const STATUS_REVOKED = 1;
export const STATUS_SUSPENDED = 2;

export type StatusBits = 1 | 2 | 4 | 8;
export const STATUS_BITS: readonly StatusBits[] = [1, 2, 4, 8];

/** A decoded status list. `uri` (the list token's `sub`) is known when it came from a signed token. */
export interface StatusList {
  bits: StatusBits;
  /** The uncompressed, packed statuses. */
  bytes: Uint8Array;
  uri?: string;
  /** Issued at, time to live and expiry of the list token, in seconds, when known. */
  iat?: number;
  ttl?: number;
  exp?: number;
}

export function statusListSize(list: Pick<StatusList, 'bits' | 'bytes'>): number {
  return (list.bytes.length * 8) / list.bits;
}

/** The status at `index`; the caller checks the index is within statusListSize. */
export function readStatus(list: Pick<StatusList, 'bits' | 'bytes'>, index: number): number {
  const perByte = 8 / list.bits;
  const byte = list.bytes[Math.floor(index / perByte)]!;
  const shift = (index % perByte) * list.bits;
  return (byte >> shift) & ((1 << list.bits) - 1);
}

/** Packs statuses (each < 2^bits) into bytes, LSB first; the tail of the last byte stays 0 (valid). */
export function packStatuses(statuses: ArrayLike<number>, bits: StatusBits): Uint8Array {
  const perByte = 8 / bits;
  const bytes = new Uint8Array(Math.ceil(statuses.length / perByte));
  for (let i = 0; i < statuses.length; i++) {
    bytes[Math.floor(i / perByte)]! |= statuses[i]! << ((i % perByte) * bits);
  }
  return bytes;
}
