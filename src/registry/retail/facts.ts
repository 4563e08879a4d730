// What the registry knows about selling each product, as SellabilityFacts: the one input of the sale rule
// (src/catalogue/sellability-verdict.ts), whether the question is one product (GET /v1/sellable), a whole
// catalogue (POST /v1/checks) or the offline snapshot. Built for many products at once with a fixed number
// of queries; each declared product's facts come from its newest submitted declaration's stored assessments
// when they were made for the same day, else from the pure engine re-assessing it for that day.
import { brandModelKey } from '../../catalogue/columns.js';
import { saleRuleOf, type SaleRule } from '../../catalogue/sale-rule.js';
import type { LabelFacts, LookupKey, ProductLookup, RegimeFacts, SellabilityFacts } from '../../catalogue/types.js';
import { regimeShortName } from '../../regimes/index.js';
import { declarations, products as productRepo, retail } from '../../store/index.js';
import type { DeclarationRow, Executor, LabelRow, ProductRow } from '../../store/index.js';
import type { Assessment, Declaration } from '../engine.js';
import { loadEvidenceSummary } from '../evidence/summary.js';
import type { RegistryDeps } from '../deps.js';
import { createStringPool } from './shared-strings.js';

/** The facts of one product with what they were made from (the one-product answer shows more than a row). */
export interface ProductFacts {
  facts: SellabilityFacts;
  product: ProductRow;
  latest: DeclarationRow | undefined;
  assessments: Map<string, Assessment>;
  /** The current label per labelling regime. */
  labels: Map<string, LabelRow>;
}

const PARSED_LIMIT = 1_000;
/** Products whose facts are kept (for every day asked), the oldest dropped first. */
const KEPT_LIMIT = 200_000;

/**
 * `keep`: keep each product's facts per day for catalogue checks and the snapshot. Only for a source whose
 * `forget` the sellability read model calls (services.ts wires it so); a source nobody tells of writes must
 * not keep anything.
 */
export function createFactsSource(deps: Pick<RegistryDeps, 'store' | 'engine'>, options: { keep?: boolean } = {}) {
  const { store, engine } = deps;
  const parsed = new Map<string, Declaration>();
  const regimes = () => engine.listRegimes();
  // The read model's share for catalogue checks and the snapshot: each product's facts per day, dropped by
  // the sellability read model (sellability.ts) when a write names the product, as its answers are.
  // Per product its facts per day asked (today, mostly: one entry), newest last.
  const kept = new Map<string, { at: string; facts: SellabilityFacts }[]>();
  let generation = 0;
  function forget(productId: string | null): void {
    generation++;
    if (productId === null) kept.clear();
    else kept.delete(productId);
  }
  const share = createStringPool();
  const shareRegimes = createRegimesPool();
  const keptFacts = (productId: string, at: string) => kept.get(productId)?.find((d) => d.at === at)?.facts;
  /**
   * What catalogue checks and the snapshot use, and what is kept for them: the sale rule reads the first
   * reason of each regime only (the one-product answer reads productFacts, with every reason). Products
   * judged alike share one (frozen) copy of their per-regime facts: a product keeps only its own fields.
   */
  function saleFacts(facts: SellabilityFacts): SellabilityFacts {
    const regimes: SellabilityFacts['regimes'] = {};
    for (const [id, entry] of Object.entries(facts.regimes))
      regimes[id] = { ...entry, reasons: entry.reasons.slice(0, 1).map(share) };
    // The GTINs as a copy exactly their length (the store's list was grown by push), since this is kept.
    return { ...facts, gtins: facts.gtins.slice(), regimes: shareRegimes(regimes) };
  }
  /** Sale facts of `products` on `at` from the store, kept unless a write came in meanwhile. */
  async function freshFacts(products: readonly ProductRow[], at: string): Promise<SellabilityFacts[]> {
    const started = generation;
    const out = (await productFacts(store.db, products, at)).map((f) => saleFacts(f.facts));
    if (options.keep === true && started === generation)
      for (const f of out) {
        let days = kept.get(f.productId);
        if (days === undefined) {
          if (kept.size >= KEPT_LIMIT) kept.delete(kept.keys().next().value as string);
          kept.set(f.productId, (days = []));
        }
        const known = days.findIndex((d) => d.at === at);
        if (known >= 0) days.splice(known, 1);
        else if (days.length >= 8) days.shift();
        days.push({ at, facts: f });
      }
    return out;
  }

  function declarationOf(row: DeclarationRow): Declaration {
    let declaration = parsed.get(row.id);
    if (declaration === undefined) {
      if (parsed.size >= PARSED_LIMIT) parsed.delete(parsed.keys().next().value as string);
      parsed.set(row.id, (declaration = engine.parseDeclaration(JSON.parse(row.document))));
    }
    return declaration;
  }

  /**
   * The first reason is for a shop: which rules the product breaks, by their titles ("Does not meet UK PSTI on
   * passwords"), never the declaration fields a manufacturer would change; the detail follows it.
   */
  function reasonsOf(assessment: Assessment, title: string, shortName: string): string[] {
    if (assessment.outcome === 'pass') return [`Meets every requirement of ${title}`];
    const open = assessment.requirements.filter((r) => r.status === 'not-met' || r.status === 'not-declared');
    const chosen = open.length > 0 ? open : assessment.requirements;
    const reasons = chosen.flatMap((r) =>
      r.reasons.length > 0 ? r.reasons.map((reason) => `${r.title}: ${reason}`) : [`${r.title}: ${r.status}`],
    );
    if (assessment.outcome === 'fail' && open.length > 0) {
      const topics = [...new Set(open.map((r) => r.title.replace(/^[^:]*: /, '')))];
      const listed =
        topics.length > 3 ? `${topics.slice(0, 3).join('; ')} and ${topics.length - 3} more` : topics.join('; ');
      return [`Does not meet ${shortName} on ${listed}`, ...reasons];
    }
    return reasons.length > 0
      ? reasons
      : [assessment.outcome === 'out-of-scope' ? `Outside the scope of ${title}` : `Does not meet ${title}`];
  }

  const labelFacts = (row: LabelRow): LabelFacts => ({
    id: row.id,
    status: row.status,
    regime: row.regime,
    shield: row.shield,
    // Why a sale stops, for the shop's sentence: a revoked or suspended label's date and reason.
    ...(row.status === 'valid' ? {} : { statusAt: row.statusAt.slice(0, 10), statusReason: row.statusReason }),
  });

  /** Facts for these products on day `at`, in the same order. */
  async function productFacts(db: Executor, products: readonly ProductRow[], at: string): Promise<ProductFacts[]> {
    const ids = products.map((p) => p.id);
    const [gtins, latest, labelRows] = await Promise.all([
      productRepo.gtinsOf(db, ids),
      declarations.latestSubmittedOf(db, ids),
      retail.labelsOfProducts(db, ids),
    ]);
    const stored = new Map<string, Map<string, string>>();
    for (const row of await retail.assessmentsOfDeclarations(
      db,
      [...latest.values()].map((d) => d.id),
    )) {
      if (row.at !== at) continue;
      stored.set(row.declarationId, (stored.get(row.declarationId) ?? new Map()).set(row.regime, row.result));
    }
    // Attached evidence (password analysis, security.txt) counts on every day, not only the day it came.
    const regimeCount = regimes().length;
    const stale = [...latest.values()].filter((d) => (stored.get(d.id)?.size ?? 0) < regimeCount);
    const evidence = new Map(
      await Promise.all(stale.map(async (d) => [d.id, await loadEvidenceSummary(db, d.id, at)] as const)),
    );
    const current = new Map<string, Map<string, LabelRow>>();
    for (const row of labelRows) {
      const byRegime = current.get(row.productId) ?? new Map<string, LabelRow>();
      if (!byRegime.has(row.regime)) byRegime.set(row.regime, row);
      current.set(row.productId, byRegime);
    }
    return products.map((product) => {
      const declaration = latest.get(product.id);
      const labels = current.get(product.id) ?? new Map<string, LabelRow>();
      const assessments = new Map<string, Assessment>();
      const facts: SellabilityFacts = {
        productId: product.id,
        gtins: gtins.get(product.id) ?? [],
        brand: product.brand,
        model: product.model,
        regimes: {},
        label: null,
      };
      for (const summary of regimes()) {
        const label = summary.labelling
          ? { label: labels.has(summary.id) ? labelFacts(labels.get(summary.id)!) : null }
          : {};
        if (facts.label === null && labels.has(summary.id)) facts.label = labelFacts(labels.get(summary.id)!);
        const supportEndDate = declaration?.supportEndDate ?? null;
        let entry: RegimeFacts;
        if (product.withdrawnAt !== null) {
          const why = `Withdrawn by the manufacturer on ${product.withdrawnAt.slice(0, 10)}${product.withdrawalReason ? `: ${product.withdrawalReason}` : ''}`;
          entry = { outcome: 'withdrawn', sellable: false, reasons: [why], supportEndDate, ...label };
        } else if (declaration === undefined) {
          entry = {
            outcome: 'not-declared',
            sellable: false,
            reasons: ['No declaration has been submitted for this product'],
            supportEndDate: null,
            ...label,
          };
        } else {
          const json = stored.get(declaration.id)?.get(summary.id);
          const assessment =
            json !== undefined
              ? (JSON.parse(json) as Assessment)
              : engine.assessDeclaration(declarationOf(declaration), summary.id, at, evidence.get(declaration.id));
          assessments.set(summary.id, assessment);
          entry = {
            outcome: assessment.outcome,
            sellable: assessment.sellable,
            reasons: reasonsOf(assessment, summary.title, regimeShortName(summary.id)),
            supportEndDate,
            ...label,
          };
        }
        facts.regimes[summary.id] = entry;
      }
      return { facts, product, latest: declaration, assessments, labels };
    });
  }

  /** A ProductLookup over the store for day `at`: `many` answers a batch with a fixed number of queries. */
  function lookup(at: string): ProductLookup {
    // A catalogue names the same products again and again: keep their facts for the length of one check.
    const seen = new Map<string, SellabilityFacts>();
    async function many(keys: readonly LookupKey[]): Promise<(SellabilityFacts | null)[]> {
      const gtins = keys.flatMap((k) => ('gtin' in k ? [k.gtin] : []));
      const pairs = keys.flatMap((k) => ('brand' in k ? [k] : []));
      const [byGtin, candidates] = await Promise.all([
        retail.productsByGtins(store.db, [...new Set(gtins)]),
        // The store keys brand and model trimmed and lower-cased; the catalogue also folds runs of spaces: ask for both.
        retail.productsByBrandsModels(
          store.db,
          [...new Set(pairs.flatMap((p) => storeKeys(p.brand)))],
          [...new Set(pairs.flatMap((p) => storeKeys(p.model)))],
        ),
      ]);
      // Several manufacturers may use one brand + model: the last in id order answers, as in the snapshot.
      const byModel = new Map<string, ProductRow>();
      for (const p of candidates) byModel.set(brandModelKey(p.brand, p.model), p);
      const wanted = keys.map((k) => ('gtin' in k ? byGtin.get(k.gtin) : byModel.get(brandModelKey(k.brand, k.model))));
      const missing = [
        ...new Map(
          wanted.filter((p): p is ProductRow => p !== undefined && !seen.has(p.id)).map((p) => [p.id, p]),
        ).values(),
      ];
      const toRead = [];
      for (const p of missing) {
        const known = keptFacts(p.id, at);
        if (known === undefined) toRead.push(p);
        else seen.set(p.id, known);
      }
      for (const f of await freshFacts(toRead, at)) {
        if (seen.size >= 100_000) seen.clear();
        seen.set(f.productId, f);
      }
      return wanted.map((p) => (p === undefined ? null : (seen.get(p.id) ?? null)));
    }
    return {
      byGtin: async (gtin) => (await many([{ gtin }]))[0]!,
      byBrandModel: async (brand, model) => (await many([{ brand, model }]))[0]!,
      many,
    };
  }

  /** Every product's facts on day `at`, in id order, a page at a time. */
  async function* allFacts(at: string, pageSize = 100): AsyncGenerator<SellabilityFacts> {
    let after = '';
    for (;;) {
      const page = await retail.productPage(store.db, after, pageSize);
      if (page.length === 0) return;
      // Kept facts are taken before any await, so a write meanwhile cannot take a product out of the page.
      const have = new Map<string, SellabilityFacts>();
      const toRead: ProductRow[] = [];
      for (const p of page) {
        const known = keptFacts(p.id, at);
        if (known === undefined) toRead.push(p);
        else have.set(p.id, known);
      }
      for (const f of await freshFacts(toRead, at)) have.set(f.productId, f);
      for (const p of page) yield have.get(p.id)!;
      after = page.at(-1)!.id;
    }
  }

  /** Every product with this brand and model, matched as a catalogue matches them (case and runs of spaces folded). */
  async function byBrandModel(db: Executor, brand: string, model: string): Promise<ProductRow[]> {
    const key = brandModelKey(brand, model);
    return (await retail.productsByBrandsModels(db, storeKeys(brand), storeKeys(model))).filter(
      (p) => brandModelKey(p.brand, p.model) === key,
    );
  }

  const rule = (regime: string): SaleRule => saleRuleOf(engine.regimeSummary(regime));

  return { productFacts, lookup, allFacts, byBrandModel, rule, forget, keptCount: () => kept.size };
}

/**
 * A bounded pool of per-regime facts: `share(regimes)` answers the pool's frozen copy of an equal record
 * (same regimes in the same order, same outcomes, reasons, dates and labels), adding it when new. Most
 * products of a registry are judged alike, so 100,000 products keep a few hundred such records, not 100,000.
 * When full it starts afresh (records handed out stay valid).
 */
export function createRegimesPool(limit = 20_000) {
  const pool = new Map<string, SellabilityFacts['regimes']>();
  return function share(regimes: SellabilityFacts['regimes']): SellabilityFacts['regimes'] {
    const key = JSON.stringify(regimes);
    const known = pool.get(key);
    if (known !== undefined) return known;
    if (pool.size >= limit) pool.clear();
    for (const entry of Object.values(regimes)) {
      Object.freeze(entry.reasons);
      if (entry.label) Object.freeze(entry.label);
      Object.freeze(entry);
    }
    pool.set(key, Object.freeze(regimes));
    return regimes;
  };
}

function storeKeys(text: string): string[] {
  const lower = text.trim().toLowerCase();
  const folded = lower.replace(/\s+/g, ' ');
  return folded === lower ? [lower] : [lower, folded];
}

export type FactsSource = ReturnType<typeof createFactsSource>;
