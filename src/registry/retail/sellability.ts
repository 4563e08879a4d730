// "May I sell this?" for one product (by GTIN, product id, label id or brand+model), one regime and one day.
// The product's SellabilityFacts (facts.ts) are judged by the one sale rule that also judges every
// catalogue row and every snapshot look-up (src/catalogue/sellability-verdict.ts); the answer adds the
// detail a person asks for (every reason, the label, the declaration).
//
// The read model: answers are kept per product x regime x day (the day is part of the key, so a support
// period ending turns the verdict on the day it ends), with their ETag. A write drops only the answers of
// the products its events name (per-product invalidation from the typed events, before the writer answers
// its caller); a watcher does the same for another process's writes (another `serve` on the same
// PostgreSQL, or `iotlabel admin`) by reading the events it has not seen. GTINs resolve through an index of
// every registered GTIN held in memory, so an unknown GTIN is answered without touching the database.
import { isCalendarDate, todayUtc } from '../../calendar.js';
import { createHash } from 'node:crypto';
import { keptBytes } from '../../encoding/kept-bytes.js';
import { IotlabelError, isIotlabelError } from '../../errors.js';
import { gtinProblem, normalizeGtin } from '../../gs1/gtin.js';
import { journal, labels, organisations, products } from '../../store/index.js';
import { defaultRetailRegime } from '../../regimes/index.js';
import { sellabilityVerdict } from '../../catalogue/sellability-verdict.js';
import type { LabelStatus, RowOutcome } from '../../catalogue/types.js';
import type { Assessment } from '../engine.js';
import { Conflict, InputInvalid, NotFound, StateDisagreesWithLog } from '../errors.js';
import { productLogState, type LogReference } from '../log/consistency.js';
import { labelUrl } from '../labels/view.js';
import { createFactsSource, type FactsSource } from './facts.js';
import { createStringPool } from './shared-strings.js';
import type { RegistryDeps } from '../deps.js';

export interface SellableQuery {
  gtin?: string | undefined;
  productId?: string | undefined;
  labelId?: string | undefined;
  brand?: string | undefined;
  model?: string | undefined;
  regime: string;
  /** YYYY-MM-DD; today when absent. */
  at?: string | undefined;
}

export type SellableOutcome = Exclude<RowOutcome, 'unreadable' | 'unknown-product'>;

export interface SellableAnswer {
  product: {
    id: string;
    brand: string;
    model: string;
    name: string;
    manufacturer: { id: string; name: string };
    gtins: string[];
  };
  regime: string;
  at: string;
  sellable: boolean;
  outcome: SellableOutcome;
  /** One short sentence for a shop assistant (the sale rule's, as in a catalogue check's `reason`). */
  reason: string;
  /** `reason` first, then the detail behind it. */
  reasons: string[];
  supportEndDate: string | null;
  label: Assessment['label'];
  /** The product's current label (under this regime when it is a labelling one): id, status and link. */
  labelId: string | null;
  labelStatus: LabelStatus | null;
  labelUrl: string | null;
  declaration: { id: string; version: number; sha256: string } | null;
  /** The log entry the answer rests on: the product's newest. */
  log: LogReference | null;
}

export interface SellableResult {
  answer: SellableAnswer;
  /** Weak ETag of the answer, for conditional GETs. */
  etag: string;
  /** The answer as JSON (JSON.stringify) in UTF-8, when the read model keeps it so: what its ETag is made from. */
  readonly bytes?: Buffer;
}

/**
 * A kept answer in compact form: its JSON text as UTF-8 bytes in a block of their own, outside the JavaScript
 * heap (the heap grows to a multiple of what it holds live; these bytes cost their size), instead of the
 * object tree; `answer` is read back from them when asked (a page rendered on a miss of the page cache, a
 * market question), as a fresh object each time. The API sends the bytes as they are.
 */
class KeptAnswer implements SellableResult {
  constructor(
    /** `${regime}|${day}`: which of its product's answers this is (one string shared by every product). */
    readonly pair: string,
    readonly etag: string,
    readonly bytes: Buffer,
  ) {}
  get answer(): SellableAnswer {
    return JSON.parse(this.bytes.toString('utf8')) as SellableAnswer;
  }
}

/** Answers kept at most (product x regime x day); the product kept longest goes first, with all of its answers. */
const CACHE_LIMIT = 200_000;
/** Label id -> product id (a label never moves to another product). */
const LABEL_LIMIT = 100_000;

/** The part of a committed event (local or read back from the outbox) that the read model needs. */
interface ProductChange {
  type: string;
  productId: string | null;
  payload: unknown;
}

export function createSellability(deps: RegistryDeps, extras: { facts?: FactsSource } = {}) {
  const { store, writer, engine, clock, publicUrl } = deps;
  const facts = extras.facts ?? createFactsSource(deps);
  const share = createStringPool();
  /**
   * productId -> its kept answers: most products have one (today's, under the retail default regime), kept
   * as it is; a product asked under several regimes or days keeps a list. Per product rather than one entry
   * per product x regime x day, so a write drops exactly its product's answers and 100,000 products hold no
   * composite key strings and no key sets (about 40 MB of heap at 100,000).
   */
  const kept = new Map<string, KeptAnswer | KeptAnswer[]>();
  let keptCount = 0;
  /** One copy of each `${regime}|${day}` string the kept answers name. */
  const pairs = new Map<string, string>();
  const labelProducts = new Map<string, string>();
  /** GTIN -> product id, every registered GTIN; complete once `indexReady` is set. */
  const gtinIndex = new Map<string, string>();
  let indexReady = false;
  let indexLoading: Promise<void> | undefined;
  /** (regime, day) pairs already validated, so a hit needs no validation. */
  const validated = new Set<string>();
  let seenSeq = -1;
  /** Sequence numbers of this process's events, so the watcher does not apply them twice. */
  const localSeqs = new Set<number>();
  // Bumped on every change to a product, so an answer computed across a write is not kept after it.
  let generation = 0;

  function forget(productId: string): void {
    const answers = kept.get(productId);
    if (answers === undefined) return;
    keptCount -= Array.isArray(answers) ? answers.length : 1;
    kept.delete(productId);
  }

  /** The kept answer of a product for `${regime}|${day}`, if any. */
  function keptAnswer(productId: string, pair: string): KeptAnswer | undefined {
    const answers = kept.get(productId);
    if (answers === undefined || !Array.isArray(answers)) return answers?.pair === pair ? answers : undefined;
    return answers.find((a) => a.pair === pair);
  }

  /** Told of every product whose answers were dropped (null: all of them), so views kept beside them follow. */
  const changeListeners = new Set<(productId: string | null) => void>();
  const told = (productId: string | null) => {
    facts.forget(productId);
    for (const listener of changeListeners) listener(productId);
  };

  function forgetAll(): void {
    generation++;
    kept.clear();
    keptCount = 0;
    pairs.clear();
    told(null);
  }

  function apply(change: ProductChange): void {
    // Events that name no product (accounts, keys, watch lists, webhooks) change no public answer.
    if (change.productId === null) return;
    generation++;
    forget(change.productId);
    told(change.productId);
    const payload = change.payload as { gtins?: unknown; gtinsAdded?: unknown } | null;
    const gtins = change.type === 'product-created' ? payload?.gtins : payload?.gtinsAdded;
    if (Array.isArray(gtins)) for (const gtin of gtins) gtinIndex.set(String(gtin), change.productId);
  }

  writer.onCommit((events) => {
    if (localSeqs.size > 100_000) localSeqs.clear();
    for (const event of events) {
      localSeqs.add(event.seq);
      apply(event);
    }
  });

  function keep(productId: string, pair: string, etag: string, bytes: Buffer): KeptAnswer {
    // The product kept longest goes first, with all its answers.
    if (keptCount >= CACHE_LIMIT) forget(kept.keys().next().value as string);
    if (!pairs.has(pair)) {
      if (pairs.size >= 10_000) pairs.clear();
      pairs.set(pair, pair);
    }
    const answer = new KeptAnswer(pairs.get(pair)!, etag, bytes);
    const before = kept.get(productId);
    if (before === undefined) {
      kept.set(productId, answer);
      keptCount++;
      return answer;
    }
    // Two look-ups that missed together keep one answer for the pair, the later.
    const had = Array.isArray(before) ? before : [before];
    const others = had.filter((a) => a.pair !== pair);
    kept.set(productId, others.length === 0 ? answer : [...others, answer]);
    keptCount += others.length + 1 - had.length;
    return answer;
  }

  /** Loads the GTIN index (once; later GTINs arrive with the events that register them). */
  function loadIndex(): Promise<void> {
    indexLoading ??= (async () => {
      // The sequence first: the watcher replays every event after it, so no GTIN registered meanwhile is missed.
      const seq = await journal.lastEventSeq(store.db);
      for (const row of await products.allGtins(store.db))
        if (!gtinIndex.has(row.gtin)) gtinIndex.set(row.gtin, row.productId);
      if (seenSeq < 0) seenSeq = seq;
      indexReady = true;
    })().catch((error: unknown) => {
      indexLoading = undefined;
      throw error;
    });
    return indexLoading;
  }

  function validate(query: SellableQuery): { at: string; regime: string } {
    const problems = [];
    const by = [
      query.gtin !== undefined,
      query.productId !== undefined,
      query.labelId !== undefined,
      query.brand !== undefined || query.model !== undefined,
    ].filter(Boolean).length;
    if (by !== 1)
      problems.push({ path: '/gtin', message: 'give exactly one of gtin, product, label, or brand and model' });
    if ((query.brand === undefined) !== (query.model === undefined))
      problems.push({ path: query.brand === undefined ? '/brand' : '/model', message: 'brand and model go together' });
    const at = query.at ?? todayUtc(clock);
    if (!isCalendarDate(at)) problems.push({ path: '/at', message: `"${at}" is not a date of the form YYYY-MM-DD` });
    if (problems.length > 0) throw new InputInvalid(problems);
    try {
      engine.regimeSummary(query.regime);
    } catch (error) {
      if (isIotlabelError(error) && error.code === 'REGIME_UNKNOWN') {
        throw new IotlabelError('REGIME_UNKNOWN', `regime: ${error.message}`, {
          problems: [{ path: '/regime', message: error.message }],
        });
      }
      throw error;
    }
    return { at, regime: query.regime };
  }

  /** The product a query names. A GTIN resolves through the index (no query once it is loaded). */
  async function productIdOf(query: SellableQuery): Promise<string> {
    if (query.gtin !== undefined) {
      const gtin = normalizeGtin(query.gtin);
      const id = gtinIndex.get(gtin);
      if (id !== undefined) return id;
      if (indexReady) throw new NotFound(`no product with GTIN ${gtin} is registered`);
      void loadIndex().catch(() => undefined);
      const row = await products.findProductByGtin(store.db, gtin);
      if (!row) throw new NotFound(`no product with GTIN ${gtin} is registered`);
      return row.id;
    }
    if (query.productId !== undefined) return query.productId;
    if (query.labelId !== undefined) {
      const known = labelProducts.get(query.labelId);
      if (known !== undefined) return known;
      const label = await labels.findLabel(store.db, query.labelId);
      if (!label) throw new NotFound(`no label with id ${query.labelId}`);
      if (labelProducts.size >= LABEL_LIMIT) labelProducts.clear();
      labelProducts.set(query.labelId, label.productId);
      return label.productId;
    }
    const rows = await facts.byBrandModel(store.db, query.brand!, query.model!);
    if (rows.length === 0)
      throw new NotFound(`no product with brand "${query.brand}" and model "${query.model}" is registered`);
    if (rows.length > 1)
      throw new Conflict(
        `brand "${query.brand}" and model "${query.model}" name products of several manufacturers; ask by gtin or product id`,
      );
    return rows[0]!.id;
  }

  async function compute(productId: string, regime: string, at: string): Promise<SellableAnswer> {
    const product = await products.findProduct(store.db, productId);
    if (!product) throw new NotFound(`no product with id ${productId}`);
    const summary = engine.regimeSummary(regime);
    // Computed on a miss only: a hit is one Map lookup.
    const { problems, log } = await productLogState(store.db, product.id);
    if (problems.length > 0) throw new StateDisagreesWithLog(product.id, problems);
    const [owner, [pf]] = await Promise.all([
      organisations.findOrganisation(store.db, product.organisationId),
      facts.productFacts(store.db, [product], at),
    ]);
    const { facts: productFacts, latest, labels: current } = pf!;
    const verdict = sellabilityVerdict(productFacts, regime, at, facts.rule(regime));
    const regimeFacts = productFacts.regimes[regime];
    const assessment: Assessment | undefined = pf!.assessments.get(regime);
    const detail = verdict.outcome === 'pass' || verdict.outcome === 'out-of-scope' ? [] : (regimeFacts?.reasons ?? []);
    const label =
      verdict.labelId === null
        ? undefined
        : summary.labelling
          ? current.get(regime)
          : [...current.values()].find((l) => l.id === verdict.labelId);
    const notes: string[] = [];
    if (label && label.status !== 'valid')
      notes.push(
        `The label ${label.id} was ${label.status} on ${label.statusAt.slice(0, 10)}: ${label.statusReason ?? 'no reason given'}`,
      );
    if (label && latest?.version != null && Number(label.declarationVersion) < latest.version) {
      notes.push(
        `The label ${label.id} was issued for declaration version ${Number(label.declarationVersion)}; version ${latest.version} has no label yet`,
      );
    }
    return {
      product: {
        id: product.id,
        brand: product.brand,
        model: product.model,
        name: product.name,
        manufacturer: { id: product.organisationId, name: share(owner?.name ?? '') },
        gtins: productFacts.gtins,
      },
      regime,
      at,
      sellable: verdict.sellable,
      outcome: verdict.outcome as SellableOutcome,
      // Kept for every product: the sentences, shared by many products, are kept once.
      reason: share(verdict.reason),
      reasons: [...new Set([verdict.reason, ...detail, ...notes])].map(share),
      supportEndDate: latest?.supportEndDate ?? null,
      label: assessment?.label ?? null,
      labelId: verdict.labelId,
      labelStatus: verdict.labelStatus,
      labelUrl: verdict.labelId === null ? null : labelUrl(publicUrl, verdict.labelId),
      declaration: latest ? { id: latest.id, version: latest.version ?? 0, sha256: latest.sha256 } : null,
      log,
    };
  }

  /** One of gtin, product, label or brand+model, brand and model together. */
  const wellShaped = (query: SellableQuery) =>
    (query.gtin !== undefined ? 1 : 0) +
      (query.productId !== undefined ? 1 : 0) +
      (query.labelId !== undefined ? 1 : 0) +
      (query.brand !== undefined || query.model !== undefined ? 1 : 0) ===
      1 && (query.brand === undefined) === (query.model === undefined);

  /** Today, worked out once per UTC day rather than on every look-up (the clock may be moved by tests). */
  let day = { from: 0, to: -1, value: '' };
  function today(): string {
    const now = clock().getTime();
    if (now < day.from || now >= day.to) {
      const value = todayUtc(new Date(now));
      const from = Date.parse(`${value}T00:00:00Z`);
      day = { from, to: from + 86_400_000, value };
    }
    return day.value;
  }

  /**
   * What the read model can answer at once, with no database and no await: the kept answer of a GTIN query,
   * or the NOT_FOUND detail of a well-formed GTIN the complete index does not hold. Null otherwise (ask
   * checkSellable, which decides and validates). Only for queries whose regime and day were validated before.
   */
  function peek(query: SellableQuery): { kept: SellableResult } | { unknown: string } | null {
    if (!indexReady || query.gtin === undefined || !wellShaped(query)) return null;
    const at = query.at ?? today();
    const pair = `${query.regime}|${at}`;
    if (!validated.has(pair)) return null;
    const gtin = query.gtin.length === 14 ? query.gtin : query.gtin.padStart(14, '0');
    const productId = gtinIndex.get(gtin);
    if (productId !== undefined) {
      const answer = keptAnswer(productId, pair);
      return answer === undefined ? null : { kept: answer };
    }
    // Not in the index: unknown if it is a GTIN at all (checkSellable words the invalid ones).
    return gtinProblem(query.gtin) === null ? { unknown: `no product with GTIN ${gtin} is registered` } : null;
  }

  async function checkSellable(query: SellableQuery): Promise<SellableResult> {
    const at = query.at ?? today();
    const { regime } = query;
    const pair = `${regime}|${at}`;
    // Validated once per (regime, day); the shape of the query is checked every time (cheap).
    if (!wellShaped(query) || !validated.has(pair)) {
      validate(query);
      if (validated.size >= 10_000) validated.clear();
      validated.add(pair);
    }
    const started = generation;
    const productId = await productIdOf(query);
    const hit = keptAnswer(productId, pair);
    if (hit) return hit;
    // Its several reads may straddle a commit (the log read before it, the declaration after): a disagreement
    // seen while a write came in is read once more before it is believed.
    const answer = await compute(productId, regime, at).catch((error: unknown) => {
      if (error instanceof StateDisagreesWithLog && started !== generation) return compute(productId, regime, at);
      throw error;
    });
    const text = JSON.stringify(answer);
    const etag = `W/"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"`;
    // Not kept when a write came in while it was worked out (the caller still gets it).
    if (started !== generation) return { answer, etag };
    // Kept as one flat string: a template's result is a tree of its parts, and the slice would hold the whole
    // digest (100,000 kept answers: 10 MB more).
    return keep(productId, pair, Buffer.from(etag, 'latin1').toString('latin1'), keptBytes(text));
  }

  /**
   * Fills the read model for today under `regime` (default: the retail default), one product at a time and
   * yielding between them, so a start answers from memory soon without holding requests up. Returns how
   * many answers it computed.
   */
  async function warm(regime = defaultRetailRegime()): Promise<number> {
    await loadIndex();
    const at = todayUtc(clock);
    let computed = 0;
    for (const productId of new Set(gtinIndex.values())) {
      if (keptAnswer(productId, `${regime}|${at}`) !== undefined) continue;
      // A product whose stored facts the log does not carry is refused when asked; warming skips it.
      await checkSellable({ productId, regime, at }).catch(() => undefined);
      if (++computed % 32 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    return computed;
  }

  let refreshing = false;
  /**
   * Applies the writes of other processes: reads the events after the last one seen and drops the answers
   * of the products they name (and indexes their new GTINs). Cheap when nothing changed: one indexed range.
   */
  async function refreshFromStore(): Promise<void> {
    if (refreshing) return;
    refreshing = true;
    try {
      if (seenSeq < 0) {
        // The first look: what was kept before it may predate another process's write.
        await loadIndex();
        forgetAll();
      }
      for (;;) {
        const rows = await journal.eventsAfter(store.db, seenSeq, 1000);
        for (const row of rows) {
          seenSeq = Math.max(seenSeq, row.seq);
          if (localSeqs.delete(row.seq)) continue;
          apply({ type: row.type, productId: row.productId, payload: JSON.parse(row.payload) });
        }
        if (rows.length < 1000) return;
      }
    } finally {
      refreshing = false;
    }
  }

  /**
   * Calls `listener` with each product whose public answers a write (this process's or, through the watcher,
   * another's) may have changed, or null when all may have; returns the unsubscribe function.
   */
  function onProductChange(listener: (productId: string | null) => void): () => void {
    changeListeners.add(listener);
    return () => changeListeners.delete(listener);
  }

  return {
    checkSellable,
    peek,
    refreshFromStore,
    warm,
    onProductChange,
    /** The product a GTIN names, from the index (undefined: not known here yet, or the index is not loaded). */
    productOfGtin: (gtin: string) => gtinIndex.get(gtin),
    /** Every product the GTIN index names (none until it is loaded): what views kept beside it warm. */
    productIds: (): string[] => [...new Set(gtinIndex.values())],
    /** Every GTIN the index holds (none until it is loaded). */
    gtins: (): string[] => [...gtinIndex.keys()],
    /** How many answers are kept (every product, regime and day). */
    cacheSize: () => keptCount,
    indexSize: () => gtinIndex.size,
  };
}
