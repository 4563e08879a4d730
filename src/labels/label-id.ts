// Short label ids for the face of the label and the token's `sub`: 10 Crockford base32 characters (50
// random bits), with no I, L, O or U to misread when typed from a printed label.
import { randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newLabelId(): string {
  const bytes = randomBytes(7);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let id = '';
  for (let i = 0; i < 10; i++) id += CROCKFORD[Number((bits >> BigInt(i * 5)) & 31n)];
  return id;
}
