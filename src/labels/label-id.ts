// Short label ids for the face of the label and the token's `sub`: 10 Crockford base32 characters (50
// random bits), with no I, L, O or U to misread when typed from a printed label.
import { randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const ISSUED_SHAPE = /^[0-9A-HJKMNP-TV-Z]{10}$/;
const MISREAD: Record<string, string> = { I: '1', L: '1', O: '0' };

export function newLabelId(): string {
  const bytes = randomBytes(7);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let id = '';
  for (let i = 0; i < 10; i++) id += CROCKFORD[Number((bits >> BigInt(i * 5)) & 31n)];
  return id;
}

/**
 * What a person typed from a printed label, as the label id it stands for, or null when it cannot be one.
 * Crockford's reading rules: case, spaces and hyphens do not matter, and I or L is read as 1, O as 0.
 */
export function readLabelId(text: string): string | null {
  if (text.length > 40) return null;
  const id = text
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/[ILO]/g, (c) => MISREAD[c] ?? c);
  return ISSUED_SHAPE.test(id) ? id : null;
}
