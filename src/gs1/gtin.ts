// GTINs (GS1 Global Trade Item Numbers). The registry stores every GTIN as 14 digits with a verified check
// digit, so GTIN-8, -12 and -13 are left-padded with zeros (GS1 General Specifications §3.3.2).
import { GtinInvalid } from './errors.js';

const GTIN_LENGTHS = new Set([8, 12, 13, 14]);

/**
 * The GS1 mod-10 check digit for `digits` (the data digits, without a check digit): weights 3,1,3,...
 * from the rightmost digit leftwards.
 */
export function gs1CheckDigit(digits: string): number {
  let sum = 0;
  let weight = 3;
  for (let i = digits.length - 1; i >= 0; i--) {
    const d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) throw new GtinInvalid(`"${digits}" contains a character that is not a digit`);
    sum += d * weight;
    weight = 4 - weight;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when `code` is all digits and its last digit is the GS1 check digit of the rest. */
export function hasValidCheckDigit(code: string): boolean {
  if (code.length < 2 || !/^[0-9]+$/.test(code)) return false;
  return gs1CheckDigit(code.slice(0, -1)) === code.charCodeAt(code.length - 1) - 48;
}

/** Why `input` is not a GTIN, or null when it is one. Spaces are not tolerated: a GTIN is digits only. */
export function gtinProblem(input: string): string | null {
  if (!/^[0-9]+$/.test(input)) return `GTIN "${input}" must contain only digits`;
  if (!GTIN_LENGTHS.has(input.length)) return `GTIN "${input}" has ${input.length} digits; expected 8, 12, 13 or 14`;
  const want = gs1CheckDigit(input.slice(0, -1));
  const got = input.charCodeAt(input.length - 1) - 48;
  if (got !== want) return `GTIN "${input}" has check digit ${got}; expected ${want}`;
  return null;
}

/** Checks `input` and returns it as a GTIN-14. Throws GtinInvalid (code GTIN_INVALID) naming the problem. */
export function normalizeGtin(input: string): string {
  const problem = gtinProblem(input);
  if (problem !== null) throw new GtinInvalid(problem);
  return input.padStart(14, '0');
}
