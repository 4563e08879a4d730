// SHA-256 as lowercase hex, the one spelling the registry stores and logs (document hashes, API-key and
// session hashes, corpus digests). Text is hashed as UTF-8.
import { createHash } from 'node:crypto';

export function sha256Hex(data: string | Uint8Array): string {
  return (
    typeof data === 'string' ? createHash('sha256').update(data, 'utf8') : createHash('sha256').update(data)
  ).digest('hex');
}
