// Canonical JSON for stored documents: object keys sorted by UTF-16 code units, no whitespace, as in
// RFC 8785 (JCS) for the values declarations contain (strings, booleans, null, integers and plain decimals).
// The stored bytes are what the SHA-256 covers, so anyone can recompute the hash from GET /v1/declarations/{id}.

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value))
    return `[${value.map((item) => canonicalJson(item === undefined ? null : item)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export { sha256Hex } from '../../encoding/sha256.js';
