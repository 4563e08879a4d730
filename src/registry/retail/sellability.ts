// "May I sell this?" for one product (by GTIN, product id, label id or brand+model), one regime and one day.
// The product's SellabilityFacts (facts.ts) are judged by the one sale rule that also judges every
// catalogue row and every snapshot look-up (src/catalogue/sellability-verdict.ts); the answer adds the
// detail a person asks for (every reason, the label, the declaration).
// Answers are cached; any write in this process clears the cache at once, and a watcher clears it when
// another process (another `serve` on the same PostgreSQL, or `iotlabel admin`) has written.
import { isCalendarDate, todayUtc } from '../../calendar.js';
import { createHash } from 'node:crypto';
import { IotlabelError, isIotlabelError } from '../../errors.js';
import { normalizeGtin } from '../../gs1/gtin.js';
import { journal, labels, organisations, products } from '../../store/index.js';
import type { ProductRow } from '../../store/index.js';
import { sellabilityVerdict } from '../../catalogue/sellability-verdict.js';
import type { LabelStatus, RowOutcome } from '../../catalogue/types.js';
import type { Assessment } from '../engine.js';
import { Conflict, InputInvalid, NotFound, StateDisagreesWithLog } from '../errors.js';
import { productLogState, type LogReference } from '../log/consistency.js';
import { labelUrl } from '../labels/view.js';
import { createFactsSource, type FactsSource } from './facts.js';
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
}

const CACHE_LIMIT = 10_000;

export function createSellability(deps: RegistryDeps, extras: { facts?: FactsSource } = {}) {
  const { store, writer, engine, clock, publicUrl } = deps;
  const facts = extras.facts ?? createFactsSource(deps);
  const cache = new Map<string, SellableResult>();
  let seenSeq = -1;
  // Bumped on every clear, so an answer computed across a write is not cached after it.
  let generation = 0;
  const clear = () => {
    generation++;
    cache.clear();
  };
  writer.onCommit(clear);

  function remember<V>(map: Map<string, V>, key: string, value: V, limit: number): V {
    if (map.size >= limit) map.delete(map.keys().next().value as string);
    map.set(key, value);
    return value;
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

  async function findProduct(query: SellableQuery): Promise<ProductRow> {
    if (query.gtin !== undefined) {
      const gtin = normalizeGtin(query.gtin);
      const row = await products.findProductByGtin(store.db, gtin);
      if (!row) throw new NotFound(`no product with GTIN ${gtin} is registered`);
      return row;
    }
    if (query.productId !== undefined) {
      const row = await products.findProduct(store.db, query.productId);
      if (!row) throw new NotFound(`no product with id ${query.productId}`);
      return row;
    }
    if (query.labelId !== undefined) {
      const label = await labels.findLabel(store.db, query.labelId);
      const row = label && (await products.findProduct(store.db, label.productId));
      if (!row) throw new NotFound(`no label with id ${query.labelId}`);
      return row;
    }
    const rows = await facts.byBrandModel(store.db, query.brand!, query.model!);
    if (rows.length === 0)
      throw new NotFound(`no product with brand "${query.brand}" and model "${query.model}" is registered`);
    if (rows.length > 1)
      throw new Conflict(
        `brand "${query.brand}" and model "${query.model}" name products of several manufacturers; ask by gtin or product id`,
      );
    return rows[0]!;
  }

  async function compute(query: SellableQuery, regime: string, at: string): Promise<SellableAnswer> {
    const summary = engine.regimeSummary(regime);
    const product = await findProduct(query);
    // Computed on a cache miss only, so the hot path stays one Map lookup.
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
        manufacturer: { id: product.organisationId, name: owner?.name ?? '' },
        gtins: productFacts.gtins,
      },
      regime,
      at,
      sellable: verdict.sellable,
      outcome: verdict.outcome as SellableOutcome,
      reason: verdict.reason,
      reasons: [...new Set([verdict.reason, ...detail, ...notes])],
      supportEndDate: latest?.supportEndDate ?? null,
      label: assessment?.label ?? null,
      labelId: verdict.labelId,
      labelStatus: verdict.labelStatus,
      labelUrl: verdict.labelId === null ? null : labelUrl(publicUrl, verdict.labelId),
      declaration: latest ? { id: latest.id, version: latest.version ?? 0, sha256: latest.sha256 } : null,
      log,
    };
  }

  async function checkSellable(query: SellableQuery): Promise<SellableResult> {
    // Only valid queries are ever cached, so a hit needs no validation: the hot path is one Map lookup.
    const key = `${query.gtin ?? ''}|${query.productId ?? ''}|${query.labelId ?? ''}|${query.brand ?? ''}|${query.model ?? ''}|${query.regime}|${query.at ?? todayUtc(clock)}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const { at, regime } = validate(query);
    const started = generation;
    const answer = await compute(query, regime, at);
    const etag = `W/"${createHash('sha256').update(JSON.stringify(answer)).digest('base64url').slice(0, 27)}"`;
    const result = { answer, etag };
    return started === generation ? remember(cache, key, result, CACHE_LIMIT) : result;
  }

  /** Clears the cache when another process has written since the last look. Cheap: one indexed max(). */
  async function refreshFromStore(): Promise<void> {
    const seq = await journal.lastEventSeq(store.db);
    if (seq !== seenSeq) {
      seenSeq = seq;
      clear();
    }
  }

  return { checkSellable, refreshFromStore, cacheSize: () => cache.size };
}
