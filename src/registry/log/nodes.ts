// Reading stored node hashes for proofs. A proof needs one node per tree level, about 20 at a million entries,
// with no hashing when every perfect subtree is stored. Levels are kept in memory as contiguous per-level
// arrays filled from log_nodes on first use, from the top down to the lowest level that fits the memory
// budget (all levels take 64 bytes per entry: 64 MB at a million entries); levels below that are read with
// one query per proof. Stored nodes never change, so the cache never goes stale.
import type { Store } from '../../store/index.js';
import { log as logStore } from '../../store/index.js';
import type { HashReader, NodeId } from '../../tlog/hash-reader.js';
import { HASH_SIZE } from '../../tlog/hash.js';
import { IotlabelError } from '../../errors.js';

/** Memory for cached node hashes: every level of a 1,000,000-entry log, the upper ones of larger logs. */
export const DEFAULT_NODE_CACHE_BYTES = 64 * 1024 * 1024;

const FILL_CHUNK = 65_536;

interface LevelCache {
  data: Buffer;
  /** Nodes 0..count-1 are loaded. */
  count: number;
}

export interface CachedHashReader extends HashReader {
  /** Hashes held in memory (for tests and benchmarks). */
  cachedNodes(): number;
}

export function createNodeReader(store: Store, budgetBytes = DEFAULT_NODE_CACHE_BYTES): CachedHashReader {
  const levels: LevelCache[] = [];
  let loading: Promise<void> = Promise.resolve();
  let knownSize = 0;
  let cachedFromLevel = 0;
  /** The lowest level whose nodes, with all above it (2 x size / 2^level hashes), fit the budget. */
  const grow = (size: number) => {
    if (size <= knownSize) return;
    knownSize = size;
    while ((2 * knownSize * HASH_SIZE) / 2 ** cachedFromLevel > budgetBytes) cachedFromLevel++;
  };

  const level = (l: number): LevelCache => (levels[l] ??= { data: Buffer.alloc(0), count: 0 });

  /** Extends level l's prefix up to and including node `upTo`. Serialised: fills never interleave. */
  function fill(wanted: Map<number, number>): Promise<void> {
    const run = loading.then(async () => {
      for (const [l, upTo] of wanted) {
        const cache = level(l);
        if (upTo < cache.count) continue;
        const needed = (upTo + 1) * HASH_SIZE;
        if (cache.data.length < needed) {
          const grown = Buffer.alloc(Math.max(needed, cache.data.length * 2));
          cache.data.copy(grown, 0, 0, cache.count * HASH_SIZE);
          cache.data = grown;
        }
        // In pieces, so a first fill of a million leaf hashes never holds a million row objects at once.
        while (cache.count <= upTo) {
          const rows = await logStore.nodeRun(store.db, l, cache.count, Math.min(upTo + 1, cache.count + FILL_CHUNK));
          const before = cache.count;
          for (const row of rows) {
            if (row.idx !== cache.count) break; // a gap: stop at the contiguous prefix
            cache.data.set(row.hash, cache.count * HASH_SIZE);
            cache.count++;
          }
          if (cache.count === before || cache.count < Math.min(upTo + 1, before + FILL_CHUNK)) break;
        }
      }
    });
    loading = run.catch(() => undefined);
    return run;
  }

  return {
    async readHashes(nodes: readonly NodeId[]): Promise<Uint8Array[]> {
      const wanted = new Map<number, number>();
      const direct: NodeId[] = [];
      for (const node of nodes) grow((node.index + 1) * 2 ** node.level);
      for (const node of nodes) {
        if (node.index < level(node.level).count) continue;
        if (node.level < cachedFromLevel) direct.push(node);
        else wanted.set(node.level, Math.max(wanted.get(node.level) ?? 0, node.index));
      }
      if (direct.length === 0 && wanted.size === 0)
        return nodes.map((node) =>
          level(node.level).data.subarray(node.index * HASH_SIZE, (node.index + 1) * HASH_SIZE),
        );
      const [rows] = await Promise.all([
        logStore.nodesAt(store.db, direct),
        wanted.size > 0 ? fill(wanted) : undefined,
      ]);
      const found = new Map(rows.map((r) => [`${r.level}/${r.idx}`, r.hash]));
      return nodes.map((node) => {
        const cache = level(node.level);
        if (node.index < cache.count) return cache.data.subarray(node.index * HASH_SIZE, (node.index + 1) * HASH_SIZE);
        const hash = found.get(`${node.level}/${node.index}`);
        if (hash !== undefined) return hash;
        throw new IotlabelError('INTERNAL', `log node (${node.level}, ${node.index}) is not stored`);
      });
    },
    cachedNodes: () => levels.reduce((sum, cache) => sum + (cache?.count ?? 0), 0),
  };
}
