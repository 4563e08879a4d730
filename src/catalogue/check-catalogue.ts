// Checks a stream of catalogue rows against a ProductLookup and streams one result per row, in input order.
// Rows are looked up in batches so that a lookup backed by a database or an HTTP API can answer many keys in
// one round trip; a synchronous lookup (the snapshot's Map) never waits on a promise.
import { sellabilityVerdict } from './sellability-verdict.js';
import { countResult, emptySummary } from './summary.js';
import type { CatalogueRow, CheckSummary, LookupKey, ProductLookup, RowResult, SellabilityFacts } from './types.js';

export interface CheckOptions {
  regime: string;
  /** The day the check is for, YYYY-MM-DD. */
  at: string;
  /** Rows looked up together (default 256). */
  batchSize?: number;
}

/** The results as they are produced; `summary` is complete once iteration has ended. */
export interface CatalogueCheck extends AsyncIterable<RowResult> {
  readonly summary: CheckSummary;
}

export function checkCatalogue(rows: AsyncIterable<CatalogueRow> | Iterable<CatalogueRow>, lookup: ProductLookup, options: CheckOptions): CatalogueCheck {
  const summary = emptySummary(options.regime, options.at);
  const batchSize = Math.max(1, options.batchSize ?? 256);

  async function* results(): AsyncGenerator<RowResult> {
    let batch: CatalogueRow[] = [];
    for await (const row of rows) {
      batch.push(row);
      if (batch.length >= batchSize) {
        yield* judge(batch, await answers(batch, lookup));
        batch = [];
      }
    }
    if (batch.length > 0) yield* judge(batch, await answers(batch, lookup));
  }

  function* judge(batch: readonly CatalogueRow[], facts: readonly (SellabilityFacts | null)[]): Generator<RowResult> {
    for (let i = 0; i < batch.length; i++) {
      const result = rowResult(batch[i]!, facts[i] ?? null, options);
      countResult(summary, result);
      yield result;
    }
  }

  return { summary, [Symbol.asyncIterator]: () => results() };
}

function rowResult(row: CatalogueRow, facts: SellabilityFacts | null, options: CheckOptions): RowResult {
  const { line, sku, gtin } = row;
  if (row.problem !== null) {
    return { line, sku, gtin, sellable: false, outcome: 'unreadable', reason: `Cannot read this row: ${row.problem.message}`, supportEndDate: null, labelId: null, labelStatus: null, problem: row.problem.kind };
  }
  return { line, sku, gtin, ...sellabilityVerdict(facts, options.regime, options.at), problem: null };
}

function keyOf(row: CatalogueRow): LookupKey | null {
  if (row.problem !== null) return null;
  if (row.gtin !== null) return { gtin: row.gtin };
  return { brand: row.brand!, model: row.model! };
}

/** The facts for each row of the batch (null for unreadable rows), asking `many` once when the lookup has it. */
function answers(batch: readonly CatalogueRow[], lookup: ProductLookup): readonly (SellabilityFacts | null)[] | Promise<readonly (SellabilityFacts | null)[]> {
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
