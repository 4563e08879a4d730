// Test doubles: a node store that keeps every level, and an in-memory tiled log serving C2SP paths.
import { appendEntries } from '../../src/tlog/append.js';
import type { AppendResult } from '../../src/tlog/append.js';
import type { HashReader, NodeId } from '../../src/tlog/hash-reader.js';
import { signCheckpoint } from '../../src/tlog/open-checkpoint.js';
import { generateNoteKey, parseSignerKey } from '../../src/tlog/note-key.js';
import type { NoteSigner } from '../../src/tlog/note-key.js';
import { entryBundlePath, tilePath } from '../../src/tlog/tile-path.js';
import { IotlabelError } from '../../src/errors.js';

export const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
export const entry = (i: number) => Buffer.from(`entry ${i}`);
export const isCode = (code: string) => (error: unknown) => error instanceof IotlabelError && error.code === code;

/** Keeps every node an appender reports, like a store with a (level, index) -> hash table. */
export class NodeStore implements HashReader {
  readonly nodes = new Map<string, Uint8Array>();
  add(result: AppendResult): void {
    for (const node of result.nodes) this.nodes.set(`${node.level}/${node.index}`, node.hash);
  }
  readHashes(ids: readonly NodeId[]): Uint8Array[] {
    return ids.map(({ level, index }) => {
      const hash = this.nodes.get(`${level}/${index}`);
      if (hash === undefined) throw new Error(`no node ${level}/${index}`);
      return hash;
    });
  }
}

/** A tiled log in memory: files by path, as a registry would serve them under /log/. */
export class MemoryLog {
  readonly files = new Map<string, Uint8Array>();
  readonly nodes = new NodeStore();
  size = 0;
  readonly signer: NoteSigner;
  readonly verifierKey: string;

  constructor(
    readonly origin = 'registry.example/log',
    keys = generateNoteKey(origin),
  ) {
    this.signer = parseSignerKey(keys.signerKey);
    this.verifierKey = keys.verifierKey;
  }

  async append(entries: readonly Uint8Array[]): Promise<AppendResult> {
    const read = (path: string) => {
      const data = this.files.get(path);
      if (data === undefined) throw new Error(`missing ${path}`);
      return data;
    };
    const result = await appendEntries({
      size: this.size,
      reader: { readTile: (tile) => read(tilePath(tile)), readEntryBundle: (bundle) => read(entryBundlePath(bundle)) },
      entries,
    });
    for (const tile of [...result.tiles, ...result.bundles]) this.files.set(tile.path, tile.data);
    this.nodes.add(result);
    this.size = result.size;
    this.files.set(
      'checkpoint',
      Buffer.from(
        signCheckpoint({ origin: this.origin, size: result.size, root: result.root, extensions: [] }, [this.signer]),
      ),
    );
    return result;
  }

  fetch = async (path: string): Promise<Uint8Array> => {
    const data = this.files.get(path);
    if (data === undefined) throw new IotlabelError('NOT_FOUND', `${path} not found`);
    return Uint8Array.from(data);
  };
}
