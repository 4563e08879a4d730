// The general CSV path: csv-parse, for everything the fast path in read-csv.ts does not take (quoted fields,
// lone carriage returns, old Mac line ends, very long rows). Bad rows become problems with their line
// numbers; they are never dropped silently.
import { Readable } from 'node:stream';
import { parse, type CsvError } from 'csv-parse';
import { PasswordBatchInvalid, type BatchProblem } from './errors.js';
import { fieldForHeader, recordFromFields, type ColumnMap, type Field } from './records.js';
import type { CredentialRecord } from './types.js';

export type BatchItem = { record: CredentialRecord } | { problem: BatchProblem };

export interface ReadOptions {
  columns?: ColumnMap;
  /** Longest accepted row, in characters. Default 64 KiB. */
  maxRowLength?: number;
}

/** `lineOffset` is added to every line number (the fast path hands over mid-file, header line first). */
export async function* readCsvWithParser(
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  options: ReadOptions = {},
  lineOffset = 0,
): AsyncGenerator<BatchItem> {
  const skipped: BatchProblem[] = [];
  let fields: (Field | undefined)[] = [];
  const parser = parse({
    bom: true,
    info: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: options.maxRowLength ?? 65536,
    columns: (header: string[]) => {
      fields = header.map((h) => fieldForHeader(String(h), options.columns));
      checkHeader(header, fields);
      return header.map((_, i) => `c${i}`);
    },
    on_skip: (error: CsvError | undefined) => {
      if (error)
        skipped.push({
          line: lineOf(error) + lineOffset,
          message: `line ${lineOf(error) + lineOffset}: ${describe(error, lineOffset)}`,
        });
      return undefined;
    },
  });
  const input = Readable.from(source);
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);
  try {
    for await (const item of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      // The parser reports a skipped row as soon as it meets it, which can be before earlier rows arrive.
      const line = item.info.lines + lineOffset;
      while (skipped.length > 0 && (skipped[0]!.line ?? 0) < line) yield { problem: skipped.shift()! };
      const row: Partial<Record<Field, string>> = {};
      fields.forEach((field, i) => {
        if (field) row[field] = item.record[`c${i}`];
      });
      const result = recordFromFields(row, line);
      if ('record' in result) yield result;
      else for (const problem of result.problems) yield { problem };
    }
  } catch (error) {
    if (error instanceof PasswordBatchInvalid) throw error;
    const e = error as CsvError;
    if (typeof e.code === 'string' && e.code.startsWith('CSV_'))
      throw new PasswordBatchInvalid(`line ${lineOf(e) + lineOffset}: ${describe(e, lineOffset)}`, [
        { line: lineOf(e) + lineOffset, message: describe(e, lineOffset) },
      ]);
    throw error;
  }
  while (skipped.length > 0) yield { problem: skipped.shift()! };
}

export function checkHeader(header: string[], fields: (Field | undefined)[]): void {
  const problems: string[] = [];
  if (!fields.includes('device_id')) problems.push('no device_id column');
  if (!fields.includes('password') && !fields.includes('password_sha256'))
    problems.push('no password (or password_sha256) column');
  const seen = new Set<Field>();
  fields.forEach((f, i) => {
    if (f && seen.has(f)) problems.push(`column "${String(header[i]).slice(0, 40)}" is a second ${f} column`);
    if (f) seen.add(f);
  });
  if (problems.length > 0)
    throw new PasswordBatchInvalid(
      `line 1 (header): ${problems.join('; ')}`,
      problems.map((message) => ({ line: 1, message })),
    );
}

function lineOf(error: CsvError): number {
  const lines = (error as unknown as { lines?: number }).lines;
  return typeof lines === 'number' ? lines : 0;
}

function describe(error: CsvError, lineOffset: number): string {
  if (error.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' || error.code === 'CSV_RECORD_INCONSISTENT_COLUMNS')
    return 'the number of fields differs from the header';
  if (error.code === 'CSV_MAX_RECORD_SIZE') return 'row is too long';
  return error.message
    .replace(/^Invalid [^:]*: /, '')
    .replace(/\bat line (\d+)/g, (_, n: string) => `at line ${Number(n) + lineOffset}`)
    .slice(0, 200);
}
