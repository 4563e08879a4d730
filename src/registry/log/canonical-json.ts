// Canonical JSON for stored documents: object keys sorted by UTF-16 code units, no whitespace, as in
// RFC 8785 (JCS) for the values declarations contain (strings, booleans, null, integers and plain decimals).
// The stored bytes are what the SHA-256 covers, so anyone can recompute the hash from GET /v1/declarations/{id}.
// Every submission and log entry passes here, so it builds one string in loops rather than arrays of pairs.

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      out += `${i === 0 ? '' : ','}${canonicalJson(item === undefined ? null : item)}`;
    }
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  // The default sort compares UTF-16 code units, the order RFC 8785 asks for.
  const keys = Object.keys(record).sort();
  let out = '{';
  for (const key of keys) {
    const item = record[key];
    if (item === undefined) continue;
    out += `${out.length === 1 ? '' : ','}${JSON.stringify(key)}:${canonicalJson(item)}`;
  }
  return `${out}}`;
}

export { sha256Hex } from '../../encoding/sha256.js';
