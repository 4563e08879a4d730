// "May I sell this?" for one product (by GTIN, product id or brand+model), one regime and one day.
// The answer comes from the newest submitted declaration: its stored assessment when it was made for the
// same day, else the pure engine re-assesses it for that day (support periods end, regimes start).
// Answers are cached; any write in this process clears the cache at once, and a watcher clears it when
// another process (another `serve` on the same PostgreSQL, or `iotlabel admin`) has written.
import { createHash } from 'node:crypto';
import { IotlabelError, isIotlabelError } from '../errors.js';
import { normalizeGtin } from '../gs1/gtin.js';
import { declarations, journal, labels, organisations, products } from '../store/index.js';
import type { DeclarationRow, ProductRow, Store } from '../store/index.js';
import type { Assessment, AssessmentEngine, Declaration } from './engine.js';
import { Conflict, InputInvalid, NotFound } from './errors.js';
import { labelVerdict } from './labels-sellability.js';
import type { Writer } from './write.js';

export interface SellableQuery {
  gtin?: string | undefined;
  productId?: string | undefined;
  brand?: string | undefined;
  model?: string | undefined;
  regime: string;
  /** YYYY-MM-DD; today when absent. */
  at?: string | undefined;
}

export type SellableOutcome = 'pass' | 'fail' | 'out-of-scope' | 'not-declared' | 'withdrawn';

export interface SellableAnswer {
  product: { id: string; brand: string; model: string; name: string; manufacturer: { id: string; name: string }; gtins: string[] };
  regime: string;
  at: string;
  sellable: boolean;
  outcome: SellableOutcome;
  reasons: string[];
  supportEndDate: string | null;
  label: Assessment['label'];
  /** Under a labelling regime: the product's current label (id and link); null otherwise or before one is issued. */
  labelId: string | null;
  labelUrl: string | null;
  declaration: { id: string; version: number; sha256: string } | null;
}

export interface SellableResult {
  answer: SellableAnswer;
  /** Weak ETag of the answer, for conditional GETs. */
  etag: string;
}

const CACHE_LIMIT = 10_000;
const PARSED_LIMIT = 1_000;

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export function createSellability(store: Store, writer: Writer, engine: AssessmentEngine, clock: () => Date, publicUrl = 'http://localhost:8080') {
  const cache = new Map<string, SellableResult>();
  const parsed = new Map<string, Declaration>();
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
    const by = [query.gtin !== undefined, query.productId !== undefined, query.brand !== undefined || query.model !== undefined].filter(Boolean).length;
    if (by !== 1) problems.push({ path: '/gtin', message: 'give exactly one of gtin, product, or brand and model' });
    if ((query.brand === undefined) !== (query.model === undefined)) problems.push({ path: query.brand === undefined ? '/brand' : '/model', message: 'brand and model go together' });
    const at = query.at ?? clock().toISOString().slice(0, 10);
    if (!isIsoDate(at)) problems.push({ path: '/at', message: `"${at}" is not a date of the form YYYY-MM-DD` });
    if (problems.length > 0) throw new InputInvalid(problems);
    try {
      engine.regimeSummary(query.regime);
    } catch (error) {
      if (isIotlabelError(error) && error.code === 'REGIME_UNKNOWN') {
        throw new IotlabelError('REGIME_UNKNOWN', `regime: ${error.message}`, { details: [{ path: '/regime', message: error.message }] });
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
    const rows = await products.searchProducts(store.db, { brand: query.brand, model: query.model, includeWithdrawn: true, limit: 2 });
    if (rows.length === 0) throw new NotFound(`no product with brand "${query.brand}" and model "${query.model}" is registered`);
    if (rows.length > 1) throw new Conflict(`brand "${query.brand}" and model "${query.model}" name products of several manufacturers; ask by gtin or product id`);
    return rows[0]!;
  }

  function assessmentFor(latest: DeclarationRow, stored: string | undefined, regime: string, at: string): Assessment {
    if (stored !== undefined) {
      const assessment = JSON.parse(stored) as Assessment;
      if (assessment.at === at) return assessment;
    }
    const declaration = parsed.get(latest.id) ?? remember(parsed, latest.id, engine.parseDeclaration(JSON.parse(latest.document)), PARSED_LIMIT);
    return engine.assessDeclaration(declaration, regime, at);
  }

  function reasonsOf(assessment: Assessment, regimeTitle: string): string[] {
    if (assessment.outcome === 'pass') return [`meets every requirement of ${regimeTitle}`];
    const open = assessment.requirements.filter((r) => r.status === 'not-met' || r.status === 'not-declared');
    const chosen = open.length > 0 ? open : assessment.requirements;
    const reasons = chosen.flatMap((r) => (r.reasons.length > 0 ? r.reasons.map((reason) => `${r.title}: ${reason}`) : [`${r.title}: ${r.status}`]));
    return reasons.length > 0 ? reasons : [assessment.outcome === 'out-of-scope' ? `outside the scope of ${regimeTitle}` : `does not meet ${regimeTitle}`];
  }

  async function compute(query: SellableQuery, regime: string, at: string): Promise<SellableAnswer> {
    const summary = engine.regimeSummary(regime);
    const product = await findProduct(query);
    const [gtins, owner, latest] = await Promise.all([
      products.gtinsOf(store.db, [product.id]),
      organisations.findOrganisation(store.db, product.organisationId),
      declarations.latestSubmitted(store.db, product.id),
    ]);
    const base = {
      product: { id: product.id, brand: product.brand, model: product.model, name: product.name, manufacturer: { id: product.organisationId, name: owner?.name ?? '' }, gtins: gtins.get(product.id) ?? [] },
      regime, at, labelId: null, labelUrl: null,
      supportEndDate: latest?.supportEndDate ?? null,
      declaration: latest ? { id: latest.id, version: latest.version ?? 0, sha256: latest.sha256 } : null,
    };
    if (product.withdrawnAt !== null) {
      return { ...base, sellable: false, outcome: 'withdrawn', label: null, reasons: [`withdrawn by the manufacturer on ${product.withdrawnAt.slice(0, 10)}: ${product.withdrawalReason ?? ''}`.trim()] };
    }
    if (!latest) {
      const sellable = !summary.salesRestriction;
      const reasons = ['no declaration has been submitted for this product'];
      if (sellable) reasons.push(`${summary.title} does not restrict sales`);
      return { ...base, sellable, outcome: 'not-declared', label: null, reasons };
    }
    const stored = await declarations.findAssessment(store.db, latest.id, regime);
    const assessment = assessmentFor(latest, stored?.result, regime, at);
    const current = summary.labelling ? await labels.currentLabel(store.db, product.id, regime) : undefined;
    const verdict = labelVerdict(summary, { sellable: assessment.sellable, reasons: reasonsOf(assessment, summary.title) }, current, latest.version, publicUrl);
    return { ...base, ...verdict, outcome: assessment.outcome, label: assessment.label };
  }

  async function checkSellable(query: SellableQuery): Promise<SellableResult> {
    // Only valid queries are ever cached, so a hit needs no validation: the hot path is one Map lookup.
    const key = `${query.gtin ?? ''}|${query.productId ?? ''}|${query.brand ?? ''}|${query.model ?? ''}|${query.regime}|${query.at ?? clock().toISOString().slice(0, 10)}`;
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
