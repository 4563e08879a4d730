// Transparency log figures: inclusion proofs generated and verified per second in a 1,000,000-entry log
// (target >= 20,000/s), and the pure appender's throughput for batches of 256 entries. The baseline for both
// is the raw SHA-256 rate for a 64-byte input, measured in the same run: a proof costs about 20 node hashes and
// a leaf about 2, so those are the ceilings to compare against.
import { hash } from 'node:crypto';
import { opsPerSecond, opsPerSecondAsync } from './harness.js';
import type { BenchFigure } from './harness.js';
import { appendEntries } from '../src/tlog/append.js';
import type { AppendResult, TileReader } from '../src/tlog/append.js';
import type { HashReader, NodeId } from '../src/tlog/hash-reader.js';
import { inclusionProof } from '../src/tlog/prove-inclusion.js';
import { verifyInclusion } from '../src/tlog/verify-inclusion.js';
import { entryBundlePath, tilePath } from '../src/tlog/tile-path.js';

/** Every node level in one growing buffer each, like a store keeping AppendResult.nodes. */
class LevelStore implements HashReader {
  private levels: Buffer[] = [];
  add(result: AppendResult): void {
    for (const { level, index, hash: h } of result.nodes) {
      let buffer = this.levels[level] ?? Buffer.alloc(0);
      if ((index + 1) * 32 > buffer.length) {
        const grown = Buffer.alloc(Math.max(1024, buffer.length * 2, (index + 1) * 32));
        buffer.copy(grown);
        buffer = grown;
      }
      this.levels[level] = buffer;
      buffer.set(h, index * 32);
    }
  }
  readHashes(nodes: readonly NodeId[]): Uint8Array[] {
    return nodes.map(({ level, index }) => this.levels[level]!.subarray(index * 32, index * 32 + 32));
  }
}

class Log {
  readonly files = new Map<string, Uint8Array>();
  readonly nodes = new LevelStore();
  size = 0;
  root: Uint8Array = new Uint8Array(32);
  private readonly reader: TileReader = {
    readTile: (tile) => this.files.get(tilePath(tile))!,
    readEntryBundle: (bundle) => this.files.get(entryBundlePath(bundle))!,
  };
  async append(entries: Uint8Array[]): Promise<void> {
    const result = await appendEntries({ size: this.size, reader: this.reader, entries });
    for (const file of [...result.tiles, ...result.bundles]) this.files.set(file.path, file.data);
    this.nodes.add(result);
    this.size = result.size;
    this.root = result.root;
  }
}

const entry = (i: number) => Buffer.from(`{"type":"declaration","product":${i},"supportUntil":"2030-12-31"}`);

export async function run({ quick }: { quick: boolean }): Promise<BenchFigure[]> {
  const size = quick ? 100_000 : 1_000_000;
  const input = Buffer.alloc(64, 7);
  const sha = {
    name: 'raw SHA-256 of 64 bytes',
    value: opsPerSecond(() => hash('sha256', input, 'buffer')),
    unit: 'hashes/s',
  };

  const log = new Log();
  const buildStart = performance.now();
  for (let at = 0; at < size; at += 4096)
    await log.append(Array.from({ length: Math.min(4096, size - at) }, (_, k) => entry(at + k)));
  const buildSeconds = (performance.now() - buildStart) / 1000;

  let seed = 12345;
  const cache = new Map<string, Uint8Array>(); // one per tree size, as a registry would keep per checkpoint
  const proofsPerSecond = await opsPerSecondAsync(
    async () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const index = seed % size;
      const proof = await inclusionProof(log.nodes, index, size, cache);
      const [leaf] = log.nodes.readHashes([{ level: 0, index }]);
      verifyInclusion(index, size, leaf!, proof, log.root);
    },
    quick ? 500 : 2000,
  );

  const batches = quick ? 50 : 200;
  let next = size;
  const appendStart = performance.now();
  for (let b = 0; b < batches; b++) {
    await log.append(Array.from({ length: 256 }, (_, k) => entry(next + k)));
    next += 256;
  }
  const leavesPerSecond = (batches * 256) / ((performance.now() - appendStart) / 1000);

  return [
    {
      name: `tlog: inclusion proofs generated + verified at ${size.toLocaleString('en-GB')} entries`,
      value: proofsPerSecond,
      unit: 'proofs/s',
      baseline: sha,
      ratio: proofsPerSecond / sha.value,
      ratioMeaning: 'proofs per raw 64-byte SHA-256 (a proof verifies about 20 node hashes)',
      target: '>= 20,000 proofs/s',
      met: proofsPerSecond >= 20_000,
      notes: { treeBuildSeconds: buildSeconds.toFixed(1) },
    },
    {
      name: 'tlog: pure appender, batches of 256 entries',
      value: leavesPerSecond,
      unit: 'leaves/s',
      baseline: sha,
      ratio: leavesPerSecond / sha.value,
      ratioMeaning: 'leaves per raw 64-byte SHA-256 (a leaf costs about 2 hashes plus tile writing)',
      notes: { batches, startSize: size },
    },
  ];
}
