// Tree sizes and indices are JavaScript numbers checked to stay at or below 2^53 - 1, so no arithmetic here may
// use the 32-bit bitwise operators on them. These helpers do the bit work with division instead.
import type { IotlabelError } from '../../errors.js';

const TWO_32 = 2 ** 32;

/** Checks an outside index or size: a non-negative integer no larger than 2^53 - 1 (bigint accepted). */
export function checkedCount(value: number | bigint, what: string, fail: (message: string) => IotlabelError): number {
  if (typeof value === 'bigint') {
    if (value < 0n || value > BigInt(Number.MAX_SAFE_INTEGER)) throw fail(`${what} ${value} is outside 0..2^53-1`);
    return Number(value);
  }
  if (!Number.isSafeInteger(value) || value < 0) throw fail(`${what} ${value} is not an integer in 0..2^53-1`);
  return value;
}

/** floor(x / 2^n) for x >= 0. */
export function shiftRight(x: number, n: number): number {
  return x < TWO_32 && n < 32 ? x >>> n : Math.floor(x / 2 ** n);
}

/** Bit n of x. */
export function bitAt(x: number, n: number): number {
  return shiftRight(x, n) % 2;
}

/** Number of bits needed to write x (bits.Len64). */
export function bitLength(x: number): number {
  if (x < TWO_32) return 32 - Math.clz32(x);
  return 32 + bitLength(Math.floor(x / TWO_32));
}

/** Number of set bits (bits.OnesCount64). */
export function popCount(x: number): number {
  if (x < TWO_32) {
    let v = x >>> 0;
    let count = 0;
    for (; v !== 0; v &= v - 1) count++;
    return count;
  }
  let count = 0;
  let rest = x;
  while (rest > 0) {
    count += rest % 2;
    rest = Math.floor(rest / 2);
  }
  return count;
}

/** Number of trailing zero bits; 0 for x = 0 is never asked for. */
export function trailingZeros(x: number): number {
  if (x > 0 && x < TWO_32) return 31 - Math.clz32(x & -x);
  let count = 0;
  let rest = x;
  while (rest > 0 && rest % 2 === 0) {
    count++;
    rest /= 2;
  }
  return count;
}

/** a XOR b for safe integers, done on the two 32-bit halves. */
export function xor(a: number, b: number): number {
  const high = (Math.floor(a / TWO_32) ^ Math.floor(b / TWO_32)) >>> 0;
  const low = ((a >>> 0) ^ (b >>> 0)) >>> 0;
  return high * TWO_32 + low;
}

/** The largest power of two strictly below n (n >= 2): where RFC 6962 splits a tree of n leaves. */
export function splitPoint(n: number): number {
  return 2 ** (bitLength(n - 1) - 1);
}
