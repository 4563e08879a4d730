// Turns the values found on one catalogue line into a CatalogueRow, naming the first thing wrong with it.
// All three parsers (CSV, NDJSON, JSON array) end here, so a row means the same whatever the format.
import { gtinProblem } from '../gs1/gtin.js';
import { REPLACEMENT_CHAR } from './decode-text.js';
import { CatalogueTooLarge } from './errors.js';
import { SkuSeen } from './sku-seen.js';
import type { CatalogueLimits, CatalogueRow, UnreadableKind } from './types.js';

export interface RawValues {
  gtin?: string | undefined;
  sku?: string | undefined;
  brand?: string | undefined;
  model?: string | undefined;
}

export class RowReader {
  private readonly skus = new SkuSeen();
  private count = 0;

  constructor(private readonly limits: CatalogueLimits) {}

  /** Every parser calls this once per row it finds, readable or not, so limits and counts see every row. */
  private next(line: number): void {
    if (++this.count > this.limits.maxRows) {
      throw new CatalogueTooLarge(`the catalogue has more than ${this.limits.maxRows} rows (line ${line})`);
    }
  }

  /** `text` is the whole line as found: a bad byte anywhere on it makes the row unreadable. */
  read(line: number, raw: RawValues, text: string): CatalogueRow {
    this.next(line);
    const sku = clean(raw.sku);
    const gtin = clean(raw.gtin);
    const brand = clean(raw.brand);
    const model = clean(raw.model);
    const row: CatalogueRow = { line, sku, gtin, brand, model, problem: null };
    const values = [sku, gtin, brand, model];
    if (text.includes(REPLACEMENT_CHAR)) {
      return fail(row, 'encoding-invalid', 'the row contains bytes that are not valid UTF-8');
    }
    const longest = Math.max(...values.map((v) => v?.length ?? 0));
    if (longest > this.limits.maxFieldLength) {
      return fail(
        row,
        'too-large',
        `a value has ${longest} characters; at most ${this.limits.maxFieldLength} are allowed`,
      );
    }
    const firstLine = sku === null ? 0 : this.skus.firstSeen(sku, line);
    if (gtin === null && (brand === null || model === null)) {
      return fail(row, 'columns-missing', 'the row has neither a GTIN nor both a brand and a model');
    }
    if (gtin !== null) {
      const problem = gtinProblem(gtin);
      if (problem !== null) return fail(row, 'gtin-invalid', problem);
      row.gtin = gtin.padStart(14, '0');
    }
    if (firstLine !== 0) return fail(row, 'sku-duplicate', `SKU "${sku}" was already used on line ${firstLine}`);
    return row;
  }

  /** A row that could not even be split into values (bad JSON, bad CSV quoting, a line over the limit). */
  unreadable(line: number, kind: UnreadableKind, message: string): CatalogueRow {
    this.next(line);
    return { line, sku: null, gtin: null, brand: null, model: null, problem: { kind, message } };
  }
}

function clean(value: string | undefined): string | null {
  if (value === undefined) return null;
  const trimmed = value.trim();
  return trimmed.length === 0 ? null : trimmed;
}

function fail(row: CatalogueRow, kind: UnreadableKind, message: string): CatalogueRow {
  row.problem = { kind, message };
  return row;
}
