// Writes check results as they come, in input order: CSV (the one CSV writer, which neutralises spreadsheet
// formulas because SKUs come from outside), NDJSON (one result a line, then one summary line) or one JSON document.
import { csvWriter } from './csv-writer.js';
import type { CatalogueCheck } from './check-catalogue.js';
import { batchesOf, type RowStream } from './row-stream.js';
import type { RowResult } from './types.js';

export type ResultFormat = 'csv' | 'ndjson' | 'json';

export const RESULT_CSV_COLUMNS = [
  'line',
  'sku',
  'gtin',
  'sellable',
  'outcome',
  'reason',
  'support_end_date',
  'label_id',
  'label_status',
  'problem',
] as const;

/** One result as the cells of a CSV row, in RESULT_CSV_COLUMNS order (check output and the retailer download). */
export function resultCsvCells(r: RowResult): (string | number)[] {
  return [
    r.line,
    r.sku ?? '',
    r.gtin ?? '',
    r.sellable ? 'yes' : 'no',
    r.outcome,
    r.reason,
    r.supportEndDate ?? '',
    r.labelId ?? '',
    r.labelStatus ?? '',
    r.problem ?? '',
  ];
}

/** Rows gathered into one string (when the results do not come in batches already), so sinks are not called once a row. */
const FLUSH_ROWS = 256;

export function writeResults(check: CatalogueCheck, format: ResultFormat): AsyncGenerator<string> {
  if (format === 'csv') return writeCsv(check);
  return writeJson(check, format);
}

async function* writeCsv(results: AsyncIterable<RowResult> | RowStream<RowResult>): AsyncGenerator<string> {
  const stringifier = csvWriter({ highWaterMark: 1 << 20 });
  const drain = (): string => {
    let text = '';
    for (let chunk; (chunk = stringifier.read() as Buffer | string | null) !== null;) text += chunk.toString();
    return text;
  };
  stringifier.write([...RESULT_CSV_COLUMNS]);
  for await (const batch of batchesOf(results, FLUSH_ROWS)) {
    for (const r of batch) {
      stringifier.write(resultCsvCells(r));
    }
    yield drain();
  }
  stringifier.end();
  const rest = drain();
  if (rest.length > 0) yield rest;
}

async function* writeJson(check: CatalogueCheck, format: 'ndjson' | 'json'): AsyncGenerator<string> {
  const ndjson = format === 'ndjson';
  let text = ndjson ? '' : '{"results":[';
  let first = true;
  for await (const batch of batchesOf(check, FLUSH_ROWS)) {
    for (const result of batch) {
      text += ndjson ? `${JSON.stringify(result)}\n` : `${first ? '\n' : ',\n'}${JSON.stringify(result)}`;
      first = false;
    }
    yield text;
    text = '';
  }
  text += ndjson
    ? `${JSON.stringify({ summary: check.summary })}\n`
    : `\n],"summary":${JSON.stringify(check.summary)}}\n`;
  yield text;
}
