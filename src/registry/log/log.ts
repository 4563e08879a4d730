// The registry's transparency log, read side: the latest signed checkpoint, c2sp.org/tlog-tiles resources
// (hash tiles are runs of stored nodes, entry bundles runs of stored entries), documents by hash, and proofs.
// The write side is batch.ts, driven by the write seam.
import type { Store } from '../../store/index.js';
import { log as logStore, products } from '../../store/index.js';
import { IotlabelError } from '../../errors.js';
import { emptyRoot } from '../../tlog/hash.js';
import type { SubtreeCache } from '../../tlog/hash-reader.js';
import { consistencyProof } from '../../tlog/prove-consistency.js';
import { inclusionProof } from '../../tlog/prove-inclusion.js';
import { parseSignerKey } from '../../tlog/note-key.js';
import { signCheckpoint } from '../../tlog/open-checkpoint.js';
import { encodeEntryBundle } from '../../tlog/tile-data.js';
import { TILE_WIDTH, parseTilePath, tileWidthAt } from '../../tlog/tile-path.js';
import { formatTlogProof } from '../../tlog/tlog-proof.js';
import { createTransparencyLog } from './batch.js';
import { verifierKeyFor } from './key.js';
import { createNodeReader } from './nodes.js';
import { NotFound } from '../errors.js';
import type { TransparencyLog } from '../write.js';

export interface LogTile {
  data: Uint8Array;
  /** A full tile (256 hashes or entries) never changes: it may be cached for good. */
  full: boolean;
}

export interface HistoryEntry {
  index: number;
  type: string;
  /** The entry exactly as logged (canonical JSON); its leaf hash is SHA-256(0x00 || UTF-8 bytes). */
  entry: string;
  /** c2sp.org/tlog-proof of this entry against `checkpoint`. */
  proof: string;
}

/** Most entries in one page of a product's history. */
export const HISTORY_PAGE = 1000;

export interface ProductHistory {
  productId: string;
  size: number;
  checkpoint: string;
  entries: HistoryEntry[];
  /** Pass as `after` for the next page; null when this page is the last. */
  next: number | null;
}

const rangeInvalid = (message: string) => new IotlabelError('TLOG_RANGE_INVALID', message);
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

export function createLogService(store: Store, signerKey: string) {
  const signer = parseSignerKey(signerKey);
  const verifierKey = verifierKeyFor(signerKey);
  const reader = createNodeReader(store);
  const emptyNote = signCheckpoint({ origin: signer.name, size: 0, root: emptyRoot(), extensions: [] }, [signer]);
  // Incomplete subtrees shared by every proof against one tree size (see SubtreeCache): keep the latest size's.
  let subtrees: { size: number; cache: SubtreeCache } = { size: -1, cache: new Map() };
  const cacheFor = (size: number) =>
    subtrees.size === size ? subtrees.cache : (subtrees = { size, cache: new Map() }).cache;

  async function checkpoint(): Promise<{ size: number; note: string }> {
    const row = await logStore.latestCheckpoint(store.db);
    return row ? { size: Number(row.size), note: row.note } : { size: 0, note: emptyNote };
  }

  async function tile(path: string): Promise<LogTile> {
    let parsed;
    try {
      parsed = parseTilePath(path);
    } catch (error) {
      throw new NotFound(`no log resource ${path}: ${(error as Error).message}`);
    }
    const { size } = await checkpoint();
    const level = parsed.kind === 'entries' ? 0 : parsed.level;
    if (parsed.width > tileWidthAt(level, parsed.index, size))
      throw new NotFound(`log resource ${path} is beyond the latest checkpoint (${size} entries)`);
    const from = parsed.index * TILE_WIDTH;
    // Whatever is stored is served as it is, so damage to the stored log shows to every monitor.
    const data =
      parsed.kind === 'entries'
        ? encodeEntryBundle((await logStore.entryData(store.db, from, from + parsed.width)).map((r) => r.data))
        : Buffer.concat(
            (await logStore.nodeRun(store.db, parsed.level * 8, from, from + parsed.width)).map((r) => r.hash),
          );
    if (data.length === 0) throw new NotFound(`log resource ${path} is not stored`);
    return { data, full: parsed.width === TILE_WIDTH };
  }

  async function proofText(index: number, at: { size: number; note: string }): Promise<string> {
    const hashes = await inclusionProof(reader, index, at.size, cacheFor(at.size));
    return formatTlogProof({ index, proof: hashes, checkpoint: at.note });
  }

  /** A c2sp.org/tlog-proof that entry `index` is in the log, against the latest checkpoint. */
  async function inclusion(index: number): Promise<string> {
    const at = await checkpoint();
    if (!Number.isSafeInteger(index) || index < 0 || index >= at.size)
      throw rangeInvalid(`index ${index} is not below the log size ${at.size}`);
    return proofText(index, at);
  }

  /** The consistency proof from `from` entries to `to` (default: the latest checkpoint). */
  async function consistency(
    from: number,
    to?: number,
  ): Promise<{ from: number; to: number; proof: string[]; checkpoint: string | null }> {
    const latest = await checkpoint();
    const size = to ?? latest.size;
    if (size > latest.size) throw rangeInvalid(`to=${size} is beyond the log size ${latest.size}`);
    if (from < 1 || from > size) throw rangeInvalid(`from=${from} must be in 1..${size}`);
    const proof = await consistencyProof(reader, from, size, cacheFor(size));
    const note = size === latest.size ? latest.note : ((await logStore.checkpointAt(store.db, size))?.note ?? null);
    return { from, to: size, proof: proof.map(b64), checkpoint: note };
  }

  /**
   * The entries about a product, oldest first, each with its proof against one checkpoint: those after index
   * `after` (all when absent), at most `limit` (1..HISTORY_PAGE). `next` is the `after` of the following page,
   * null on the last.
   */
  async function history(productId: string, page: { after?: number; limit?: number } = {}): Promise<ProductHistory> {
    if (!(await products.findProduct(store.db, productId))) throw new NotFound(`no product with id ${productId}`);
    const limit = Math.min(Math.max(1, page.limit ?? HISTORY_PAGE), HISTORY_PAGE);
    const at = await checkpoint();
    const rows = await logStore.entriesOfProduct(store.db, productId, page.after ?? -1, at.size, limit + 1);
    const entries: HistoryEntry[] = [];
    for (const row of rows.slice(0, limit)) {
      const index = Number(row.idx);
      entries.push({
        index,
        type: row.type,
        entry: Buffer.from(row.data).toString('utf8'),
        proof: await proofText(index, at),
      });
    }
    return {
      productId,
      size: at.size,
      checkpoint: at.note,
      entries,
      next: rows.length > limit ? entries.at(-1)!.index : null,
    };
  }

  async function document(sha256: string): Promise<{ mediaType: string; body: string }> {
    const doc = /^[0-9a-f]{64}$/.test(sha256) ? await logStore.findDocument(store.db, sha256) : undefined;
    if (!doc) throw new NotFound(`no logged document with SHA-256 ${sha256}`);
    return doc;
  }

  const transparencyLog: TransparencyLog = createTransparencyLog(signer);
  return {
    origin: signer.name,
    verifierKey,
    transparencyLog,
    reader,
    checkpoint,
    tile,
    inclusion,
    consistency,
    history,
    document,
  };
}

export type LogService = ReturnType<typeof createLogService>;
