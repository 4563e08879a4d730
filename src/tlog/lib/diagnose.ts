// Naming what went wrong when the entries and the level-0 tiles disagree.
import type { Violation } from '../violation.js';

export interface Level0Mismatch {
  index: number;
  /** Leaf hash recomputed from the entry. */
  computed: Uint8Array;
  /** Hash the log serves in its level-0 tile. */
  served: Uint8Array;
  path: string;
}

const sortedHex = (hashes: Uint8Array[]) =>
  hashes
    .map((h) => Buffer.from(h).toString('hex'))
    .sort()
    .join();

/**
 * The recomputed root differs from the checkpoint. If entries disagree with their tile, those entries were
 * altered — or only swapped, when the same hashes appear in another order. Otherwise the tiles themselves lead
 * to a root the checkpoint does not sign.
 */
export function diagnoseEntries(
  mismatches: readonly Level0Mismatch[],
  size: number,
  got: string,
  want: string,
): Violation {
  const indices = mismatches.map((m) => m.index).slice(0, 100);
  if (
    mismatches.length >= 2 &&
    sortedHex(mismatches.map((m) => m.computed)) === sortedHex(mismatches.map((m) => m.served))
  ) {
    return {
      code: 'TLOG_ENTRIES_REORDERED',
      message: `entries ${indices.join(', ')} are in a different order than the log committed to`,
      indices,
    };
  }
  if (mismatches.length > 0) {
    return {
      code: 'TLOG_ENTRY_MISMATCH',
      message: `entries ${indices.join(', ')} do not hash to the leaf hashes the log committed to`,
      indices,
    };
  }
  return {
    code: 'TLOG_ROOT_MISMATCH',
    message: `the tree of ${size} entries recomputed from the log has root ${got}, the checkpoint says ${want}`,
    indices: [],
  };
}

/** The root matched, so the entries are right and any level-0 tile that disagrees with them is wrong. */
export function tileMismatches(mismatches: readonly Level0Mismatch[]): Violation[] {
  const byPath = new Map<string, number[]>();
  for (const m of mismatches) byPath.set(m.path, [...(byPath.get(m.path) ?? []), m.index]);
  return [...byPath].map(([path, indices]) => ({
    code: 'TLOG_TILE_MISMATCH' as const,
    message: `${path} differs from the leaf hashes of entries ${indices.slice(0, 100).join(', ')}`,
    indices: indices.slice(0, 100),
    path,
  }));
}
