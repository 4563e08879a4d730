// The project's one CSV writer: every CSV it serves or saves (check results, the retailer's download, open
// data) is written here, so that a cell starting with = + - @, a tab or a carriage return (or their full-width
// forms) is prefixed with ' and a spreadsheet shows it as text instead of running it as a formula (OWASP "CSV
// injection"): brands, SKUs and reasons come from outside.
import { stringify, type Stringifier } from 'csv-stringify';
import { stringify as stringifyNow } from 'csv-stringify/sync';

export type CsvCell = string | number;

const NEUTRALISE = { escape_formulas: true } as const;

/** A streaming writer: write arrays of cells, read CSV text; `columns` is written first as the header line. */
export function csvWriter(options: { columns?: readonly string[]; highWaterMark?: number } = {}): Stringifier {
  return stringify({
    ...NEUTRALISE,
    ...(options.columns === undefined ? {} : { header: true, columns: [...options.columns] }),
    ...(options.highWaterMark === undefined ? {} : { highWaterMark: options.highWaterMark }),
  });
}

/** Rows as CSV text at once, each ending with a newline. */
export function csvText(rows: readonly (readonly CsvCell[])[]): string {
  return stringifyNow(rows as CsvCell[][], NEUTRALISE);
}
