// Checks a stream of catalogue rows against a ProductLookup and streams one result per row, in input order.
// Rows are looked up in batches so that a lookup backed by a database or an HTTP API can answer many keys in
// one round trip; a synchronous lookup (the snapshot's Map) never waits on a promise.
import { sellabilityVerdict, type SellabilityVerdict } from './sellability-verdict.js';
import { saleRuleFor, type SaleRule } from './sale-rule.js';
import { marketVerdict, type MarketRule } from './market-verdict.js';
import { batchesOf, rowStream, type RowStream } from './row-stream.js';
import { countResult, emptySummary } from './summary.js';
import type { CatalogueRow, CheckSummary, LookupKey, ProductLookup, RowResult, SellabilityFacts } from './types.js';

export interface CheckOptions {
  regime: string;
  /** The day the check is for, YYYY-MM-DD. */
  at: string;
  /** Rows looked up together (default 256). */
  batchSize?: number;
  /** The regime's sale rule (default: from the local rulebooks); the registry passes its engine's. */
  rule?: SaleRule;
  /**
   * Judge every row in this market instead (every law binding a sale there on `at`, market-verdict.ts); the
   * summary then names the market, and `regime` lists the binding laws.
   */
  market?: MarketRule;
}

/** The results as they are produced, row by row or in batches; `summary` is complete once iteration has ended. */
export interface CatalogueCheck extends RowStream<RowResult> {
  readonly summary: CheckSummary;
}

export function checkCatalogue(
  rows: AsyncIterable<CatalogueRow> | Iterable<CatalogueRow>,
  lookup: ProductLookup,
  options: CheckOptions,
): CatalogueCheck {
  const market = options.market;
  const summary = emptySummary(
    market === undefined ? options.regime : market.laws.map((l) => l.regime).join('+') || 'none',
    options.at,
    market?.market,
  );
  // Many rows name the same product, and its verdict depends only on its facts, the regime and the date.
  const verdicts = new Map<SellabilityFacts, SellabilityVerdict>();
  const rule = options.rule ?? saleRuleFor(options.regime);
  const verdictOf = (facts: SellabilityFacts | null): SellabilityVerdict =>
    market !== undefined ? marketVerdict(facts, market) : sellabilityVerdict(facts, options.regime, options.at, rule);
  const unknown = verdictOf(null);
  const verdictFor = (facts: SellabilityFacts | null): SellabilityVerdict => {
    if (facts === null) return unknown;
    let verdict = verdicts.get(facts);
    if (verdict === undefined) verdicts.set(facts, (verdict = verdictOf(facts)));
    return verdict;
  };
  const batchSize = Math.max(1, options.batchSize ?? 256);

  async function* results(): AsyncGenerator<RowResult[]> {
    for await (const incoming of batchesOf(rows, batchSize)) {
      for (let from = 0; from < incoming.length; from += batchSize) {
        const batch = from === 0 && incoming.length <= batchSize ? incoming : incoming.slice(from, from + batchSize);
        const found = answers(batch, lookup);
        yield judge(batch, found instanceof Promise ? await found : found);
      }
    }
  }

  function judge(batch: readonly CatalogueRow[], facts: readonly (SellabilityFacts | null)[]): RowResult[] {
    const out: RowResult[] = new Array(batch.length);
    for (let i = 0; i < batch.length; i++) {
      const row = batch[i]!;
      const result =
        row.problem === null ? judgedRow(row, verdictFor(facts[i] ?? null)) : unreadableRow(row, row.problem);
      countResult(summary, result);
      out[i] = result;
    }
    return out;
  }

  return { summary, ...rowStream(results) };
}

function judgedRow(row: CatalogueRow, v: SellabilityVerdict): RowResult {
  return {
    line: row.line,
    sku: row.sku,
    gtin: row.gtin,
    sellable: v.sellable,
    outcome: v.outcome,
    reason: v.reason,
    supportEndDate: v.supportEndDate,
    labelId: v.labelId,
    labelStatus: v.labelStatus,
    problem: null,
  };
}

function unreadableRow(row: CatalogueRow, problem: NonNullable<CatalogueRow['problem']>): RowResult {
  return {
    line: row.line,
    sku: row.sku,
    gtin: row.gtin,
    sellable: false,
    outcome: 'unreadable',
    reason: `Cannot read this row: ${problem.message}`,
    supportEndDate: null,
    labelId: null,
    labelStatus: null,
    problem: problem.kind,
  };
}

function keyOf(row: CatalogueRow): LookupKey | null {
  if (row.problem !== null) return null;
  if (row.gtin !== null) return { gtin: row.gtin };
  return { brand: row.brand!, model: row.model! };
}

/** The facts for each row of the batch (null for unreadable rows), asking `many` once when the lookup has it. */
function answers(
  batch: readonly CatalogueRow[],
  lookup: ProductLookup,
): readonly (SellabilityFacts | null)[] | Promise<readonly (SellabilityFacts | null)[]> {
  const keys = batch.map(keyOf);
  if (lookup.many !== undefined) {
    const wanted = keys.filter((k): k is LookupKey => k !== null);
    return lookup.many(wanted).then((found) => {
      let next = 0;
      return keys.map((k) => (k === null ? null : (found[next++] ?? null)));
    });
  }
  const out: (SellabilityFacts | null | Promise<SellabilityFacts | null>)[] = keys.map((k) =>
    k === null ? null : 'gtin' in k ? lookup.byGtin(k.gtin) : lookup.byBrandModel(k.brand, k.model),
  );
  return out.some((a) => a instanceof Promise) ? Promise.all(out) : (out as (SellabilityFacts | null)[]);
}
