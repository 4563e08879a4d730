// Reading stored node hashes for proofs. A proof needs one node per tree level, about 20 at a million entries,
// with no hashing when every perfect subtree is stored. The upper levels are few (size / 2^level nodes), so
// they are kept in memory as contiguous per-level arrays filled from log_nodes on first use; the lower
// levels are read with one query per proof. Stored nodes never change, so the cache never goes stale.
import type { Store } from '../store/index.js';
import { log as logStore } from '../store/index.js';
import type { HashReader, NodeId } from '../tlog/hash-reader.js';
import { HASH_SIZE } from '../tlog/hash.js';
import { IotlabelError } from '../errors.js';

/** Level 4 and up: 2 x size / 16 hashes, about 4 MB at a million entries. */
export const DEFAULT_CACHED_FROM_LEVEL = 4;

interface LevelCache {
  data: Buffer;
  /** Nodes 0..count-1 are loaded. */
  count: number;
}

export interface CachedHashReader extends HashReader {
  /** Hashes held in memory (for tests and benchmarks). */
  cachedNodes(): number;
}

export function createNodeReader(store: Store, cachedFromLevel = DEFAULT_CACHED_FROM_LEVEL): CachedHashReader {
  const levels: LevelCache[] = [];
  let loading: Promise<void> = Promise.resolve();

  const level = (l: number): LevelCache => (levels[l] ??= { data: Buffer.alloc(0), count: 0 });

  /** Extends level l's prefix up to and including node `upTo`. Serialised: fills never interleave. */
  function fill(wanted: Map<number, number>): Promise<void> {
    const run = loading.then(async () => {
      for (const [l, upTo] of wanted) {
        const cache = level(l);
        if (upTo < cache.count) continue;
        const rows = await logStore.nodeRun(store.db, l, cache.count, upTo + 1);
        const needed = (upTo + 1) * HASH_SIZE;
        if (cache.data.length < needed) {
          const grown = Buffer.alloc(Math.max(needed, cache.data.length * 2));
          cache.data.copy(grown, 0, 0, cache.count * HASH_SIZE);
          cache.data = grown;
        }
        for (const row of rows) {
          if (row.idx !== cache.count) break; // a gap: stop at the contiguous prefix
          cache.data.set(row.hash, cache.count * HASH_SIZE);
          cache.count++;
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
      for (const node of nodes) {
        if (node.level < cachedFromLevel) direct.push(node);
        else if (node.index >= level(node.level).count) wanted.set(node.level, Math.max(wanted.get(node.level) ?? 0, node.index));
      }
      const [rows] = await Promise.all([logStore.nodesAt(store.db, direct), wanted.size > 0 ? fill(wanted) : undefined]);
      const found = new Map(rows.map((r) => [`${r.level}/${r.idx}`, r.hash]));
      return nodes.map((node) => {
        if (node.level >= cachedFromLevel) {
          const cache = level(node.level);
          if (node.index < cache.count) return cache.data.subarray(node.index * HASH_SIZE, (node.index + 1) * HASH_SIZE);
        } else {
          const hash = found.get(`${node.level}/${node.index}`);
          if (hash !== undefined) return hash;
        }
        throw new IotlabelError('INTERNAL', `log node (${node.level}, ${node.index}) is not stored`);
      });
    },
    cachedNodes: () => levels.reduce((sum, cache) => sum + (cache?.count ?? 0), 0),
  };
}
