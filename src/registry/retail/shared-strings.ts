// One copy of each sentence the read model keeps. Reasons are built from rule titles and templates, so
// 100,000 products share a few hundred distinct sentences; without sharing, every product keeps its own copy
// (and, for a template literal, a rope of the pieces it was joined from).

/**
 * A bounded pool: `share(text)` answers the pool's flat copy of `text`, adding it when new. When the pool is
 * full it starts afresh (the strings already handed out stay valid; only later sharing starts again).
 */
export function createStringPool(limit = 50_000) {
  const pool = new Map<string, string>();
  return function share(text: string): string {
    const known = pool.get(text);
    if (known !== undefined) return known;
    if (pool.size >= limit) pool.clear();
    // A flat copy, not the rope a template literal builds (which holds every piece it was made from).
    const flat = Buffer.from(text, 'utf8').toString('utf8');
    pool.set(flat, flat);
    return flat;
  };
}
