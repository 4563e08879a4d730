// The log's part of a group-commit transaction. Indices are handed out when a use case emits (so a label can
// carry its entry's index), entries are written when the use case ends (inside its savepoint, so a failure
// takes them back), and the batch ends with one run of the pure appender and one signed checkpoint.
import { sha256Hex } from '../../encoding/sha256.js';
import type { Transaction } from 'kysely';
import { declarations, log as logStore, products } from '../../store/index.js';
import type { Database } from '../../store/index.js';
import { appendEntries } from '../../tlog/append.js';
import { createEdgeTiles, type EdgeTiles } from './edge-tiles.js';
import { signCheckpoint } from '../../tlog/open-checkpoint.js';
import type { NoteSigner } from '../../tlog/note-key.js';
import { encodeEntryBundle } from '../../tlog/tile-data.js';
import type { TileId, BundleId } from '../../tlog/tile-path.js';
import { TILE_WIDTH } from '../../tlog/tile-path.js';
import {
  encodeLogRecord,
  logEntryOf,
  logEntryTypeOf,
  parseLogRecord,
  type LogContext,
  type LogEntryDraft,
  type LogRecord,
} from './entry.js';
import type { CommittedEvent, RegistryEventType } from '../events.js';
import { promisedSupportEnd } from './promised.js';
import type { LogBatch, TransparencyLog } from '../write.js';

type Trx = Transaction<Database>;

interface Reserved extends LogEntryDraft {
  index: number;
  seq: number;
  data?: Uint8Array;
  /** The document's SHA-256 when the event already carried it (a declaration's own hash): not hashed again. */
  documentSha256?: string;
}

/** The log as the write seam sees it: `begin` opens its part of one batch transaction. */
export function createTransparencyLog(signer: NoteSigner, onCommitted?: () => void): TransparencyLog {
  const edge = createEdgeTiles();
  return {
    committed() {
      edge.committed();
      onCommitted?.();
    },
    async begin(trx) {
      edge.begin();
      const latest = await logStore.latestCheckpoint(trx);
      const start = latest ? Number(latest.size) : 0;
      const reserved: Reserved[] = [];
      const facts: ProductFacts = new Map();
      // Products created in this batch: the stored log has no entry about them, so none is looked up.
      const created = new Set<string>();
      return {
        async reserve(t, event) {
          // Every event passes here, logged or not: one that may have changed a product drops what we knew of it,
          // and a submitted declaration says what the product now is.
          if (event.type === 'product-created') created.add(event.productId);
          if (event.type === 'declaration-submitted')
            facts.set(event.productId, { gtins: event.logged.gtins, supportEnd: event.payload.supportEndDate });
          else if (event.productId !== null && !PRODUCT_NEUTRAL.has(event.type)) facts.delete(event.productId);
          if (logEntryTypeOf(event) === undefined) return null;
          const entry = logEntryOf(event, await contextFor(t, event, reserved, facts, created));
          if (entry === null) return null;
          const index = start + reserved.length;
          const known = event.type === 'declaration-submitted' ? { documentSha256: event.payload.sha256 } : {};
          reserved.push({ index, seq: event.seq, ...entry, ...known });
          return index;
        },
        attach(index, document) {
          const entry = reserved[index - start];
          if (entry === undefined || entry.data !== undefined)
            throw new Error(`log entry ${index} is not open in this write`);
          entry.document = document;
          delete entry.documentSha256;
        },
        mark: () => reserved.length,
        rewind(mark) {
          reserved.length = mark;
          facts.clear(); // what was read inside the failed use case may have been rolled back
          created.clear();
        },
        async seal(t, mark) {
          for (const entry of reserved.slice(mark)) {
            if (entry.document !== null) {
              entry.record.sha256 = entry.documentSha256 ?? sha256Hex(entry.document.body);
              await logStore.putDocument(t, { sha256: entry.record.sha256, ...entry.document });
            }
            entry.data = encodeLogRecord(entry.record as LogRecord);
          }
        },
        async finish(t, now) {
          if (reserved.length === 0) return;
          // Entries are written once per batch; a use case that failed was already rewound out of `reserved`.
          await logStore.insertEntries(
            t,
            reserved.map((e) => ({
              idx: e.index,
              type: e.record.type,
              productId: e.record.product,
              subjectId: e.record.subject,
              docSha256: e.record.sha256,
              eventSeq: e.seq,
              data: e.data!,
            })),
          );
          await appendToTree(
            t,
            signer,
            start,
            latest?.root ?? null,
            reserved.map((e) => e.data!),
            now,
            edge,
          );
        },
      } satisfies LogBatch;
    },
  };
}

/** Hashes entries [start, ...) (already in log_entries) into the tree, stores the new nodes, signs a checkpoint. */
async function appendToTree(
  trx: Trx,
  signer: NoteSigner,
  start: number,
  latestRoot: Uint8Array | null,
  entries: Uint8Array[],
  now: string,
  edge?: EdgeTiles,
): Promise<void> {
  const stored = tileReader(trx);
  const reader =
    edge === undefined ? stored : { ...stored, readTile: (tile: TileId) => edge.read(tile, stored.readTile) };
  const result = await appendEntries({ size: start, reader, entries });
  edge?.produced(result.tiles);
  if (latestRoot !== null && Buffer.compare(Buffer.from(result.previousRoot), Buffer.from(latestRoot)) !== 0) {
    throw new Error(`the stored log of ${start} entries no longer has the root of its latest checkpoint`);
  }
  await logStore.insertNodes(trx, result.nodes);
  const note = signCheckpoint({ origin: signer.name, size: result.size, root: result.root, extensions: [] }, [signer]);
  await logStore.insertCheckpoint(trx, { size: result.size, root: result.root, note, createdAt: now });
}

/**
 * Appends records as they are, outside the write seam: for tests that forge a history and benchmarks that
 * build a large log. Call inside a transaction that has called serializeWrites.
 */
export async function appendLogRecords(
  trx: Trx,
  signer: NoteSigner,
  records: readonly Uint8Array[],
  now: string,
): Promise<number> {
  const latest = await logStore.latestCheckpoint(trx);
  const start = latest ? Number(latest.size) : 0;
  await logStore.insertEntries(
    trx,
    records.map((data, k) => {
      let meta: Partial<LogRecord> = {};
      try {
        meta = parseLogRecord(data);
      } catch {
        // forged bytes are stored as they are
      }
      return {
        idx: start + k,
        type: meta.type ?? 'unknown',
        productId: meta.product ?? null,
        subjectId: meta.subject ?? '',
        docSha256: meta.sha256 ?? null,
        eventSeq: 0,
        data,
      };
    }),
  );
  await appendToTree(trx, signer, start, latest?.root ?? null, [...records], now);
  return start;
}

/** Reads the right-edge hash tiles from log_nodes. Entry bundles are kept row by row and the appender's bundle
 * output is not stored, so it gets placeholders of the right count. */
function tileReader(trx: Trx) {
  return {
    readTile: async (tile: TileId) => {
      const rows = await logStore.nodeRun(
        trx,
        tile.level * 8,
        tile.index * TILE_WIDTH,
        tile.index * TILE_WIDTH + tile.width,
      );
      return rows.length === 0 ? new Uint8Array(0) : Buffer.concat(rows.map((r) => r.hash));
    },
    readEntryBundle: (bundle: BundleId) =>
      encodeEntryBundle(Array.from({ length: bundle.width }, () => new Uint8Array(0))),
  };
}

/** Per batch: a product's GTINs and promised support end, valid until an event that may change them. */
type ProductFacts = Map<string, { gtins: string[]; supportEnd: string | null }>;

/** Events that never change a product's GTINs or declarations. */
const PRODUCT_NEUTRAL: ReadonlySet<RegistryEventType> = new Set<RegistryEventType>([
  'label-issued',
  'label-status-changed',
  'label-key-rotated',
  'product-withdrawn',
]);

async function productFacts(trx: Trx, productId: string, facts: ProductFacts) {
  let known = facts.get(productId);
  if (known === undefined) {
    const gtins = (await products.gtinsOf(trx, [productId])).get(productId) ?? [];
    // The promise carried forward comes from the product's newest entry, not from the editable column.
    const logged = await promisedSupportEnd(trx, productId);
    const supportEnd =
      logged !== undefined ? logged : ((await declarations.latestSubmitted(trx, productId))?.supportEndDate ?? null);
    known = { gtins, supportEnd };
    facts.set(productId, known);
  }
  return known;
}

/** What the entry of `event` needs from the log (and, for events that do not carry them, the product's facts). */
async function contextFor(
  trx: Trx,
  event: CommittedEvent,
  batch: readonly Reserved[],
  facts: ProductFacts,
  created: ReadonlySet<string>,
): Promise<LogContext> {
  const productId = event.productId;
  let previous: number | null = null;
  for (let k = batch.length - 1; k >= 0 && productId !== null; k--) {
    if (batch[k]!.record.product === productId) {
      previous = batch[k]!.index;
      break;
    }
  }
  if (previous === null && productId !== null && !created.has(productId))
    previous = await logStore.lastEntryOfProduct(trx, productId);
  const product = productId === null ? { gtins: [], supportEnd: null } : await productFacts(trx, productId, facts);
  const context: LogContext = { previous, product };
  if (event.type === 'label-issued') {
    const id = event.payload.declarationId;
    const inBatch = [...batch].reverse().find((e) => e.record.type === 'declaration' && e.record.subject === id);
    const stored = inBatch ? undefined : await logStore.entryOfSubject(trx, id, ['declaration']);
    if (inBatch)
      context.declaration = { index: inBatch.index, sha256: inBatch.record.sha256, verdicts: inBatch.record.verdicts };
    else if (stored)
      context.declaration = {
        index: Number(stored.idx),
        sha256: stored.docSha256,
        verdicts: parseLogRecord(stored.data).verdicts,
      };
  }
  return context;
}
