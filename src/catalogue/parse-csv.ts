// Streams a CSV catalogue: a header line naming the columns, then one product per record.
import { decodeText, REPLACEMENT_CHAR, type TextSource } from './decode-text.js';
import { headerProblem, mapColumns, type ColumnMap } from './columns.js';
import { CatalogueUnreadable } from './errors.js';
import { frameCsvRecords, type FramedRecord } from './frame-csv.js';
import { RowReader } from './read-row.js';
import { CsvFieldSplitter, type SplitRecord } from './split-csv-fields.js';
import { rowStream, type RowStream } from './row-stream.js';
import { DEFAULT_LIMITS, type CatalogueLimits, type CatalogueRow } from './types.js';

const BATCH = 512;

export function parseCsvCatalogue(
  input: TextSource,
  limits: CatalogueLimits = DEFAULT_LIMITS,
): RowStream<CatalogueRow> {
  return rowStream(() => csvBatches(input, limits));
}

async function* csvBatches(input: TextSource, limits: CatalogueLimits): AsyncGenerator<CatalogueRow[]> {
  const reader = new RowReader(limits);
  const splitter = new CsvFieldSplitter();
  let columns: ColumnMap | null = null;
  let batch: FramedRecord[] = [];

  const rows = (split: readonly SplitRecord[]): CatalogueRow[] => {
    const out: CatalogueRow[] = [];
    for (const item of split) {
      if (columns === null) {
        columns = readHeader(item);
        continue;
      }
      const { record } = item;
      if ('error' in item) {
        const kind =
          record.problem === 'too-large'
            ? 'too-large'
            : record.text.includes(REPLACEMENT_CHAR)
              ? 'encoding-invalid'
              : 'csv-malformed';
        out.push(reader.unreadable(record.line, kind, item.error));
        continue;
      }
      const f = item.fields;
      const c = columns;
      const raw = {
        gtin: c.gtin === undefined ? undefined : f[c.gtin],
        sku: c.sku === undefined ? undefined : f[c.sku],
        brand: c.brand === undefined ? undefined : f[c.brand],
        model: c.model === undefined ? undefined : f[c.model],
      };
      out.push(reader.read(record.line, raw, record.text));
    }
    return out;
  };

  for await (const record of frameCsvRecords(decodeText(input), limits)) {
    if (record.problem === null && isBlank(record.text)) continue;
    batch.push(record);
    // The header goes through alone so that the columns are known before the first row.
    if (batch.length >= BATCH || columns === null) {
      const out = rows(splitter.push(batch));
      batch = [];
      if (out.length > 0) yield out;
    }
  }
  const out = rows(splitter.push(batch)).concat(rows(splitter.end()));
  if (out.length > 0) yield out;
  if (columns === null)
    throw new CatalogueUnreadable('the catalogue is empty: expected a header line naming the columns');
}

function readHeader(item: SplitRecord): ColumnMap {
  if ('error' in item)
    throw new CatalogueUnreadable(`line ${item.record.line}: the header cannot be read: ${item.error}`);
  const map = mapColumns(item.fields);
  const problem = headerProblem(map);
  if (problem !== null) throw new CatalogueUnreadable(`line ${item.record.line}: ${problem}`);
  return map;
}

function isBlank(text: string): boolean {
  return text.length === 0 || text.trim().length === 0;
}
