// GTINs for test fixtures.
import { gs1CheckDigit } from '../../src/gs1/gtin.js';

/** A 14-digit GTIN: `body` left-padded to 13 data digits, then its GS1 check digit. */
export function withCheckDigit(body: string): string {
  const digits = body.padStart(13, '0');
  return `${digits}${gs1CheckDigit(digits)}`;
}
