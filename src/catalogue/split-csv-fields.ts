// Splits framed CSV records into fields with csv-parse's streaming parser, a batch of records per write.
// csv-parse cannot resynchronise after a quoting error (it drops the records that follow), so when it
// reports one, the records still waiting are parsed one by one with a fresh parser and the parser is
// replaced: a malformed record costs a little time and never loses a neighbour. Records the framer already
// marked (too large, quote not closed) wait in the same queue, so the output keeps the input order.
import { parse, type Parser } from 'csv-parse';
import { parse as parseOne } from 'csv-parse/sync';
import type { FramedRecord } from './frame-csv.js';

const OPTIONS = { relax_column_count: true, record_delimiter: '\n', skip_records_with_error: true } as const;

export type SplitRecord = { record: FramedRecord; fields: string[] } | { record: FramedRecord; error: string };

export class CsvFieldSplitter {
  private parser!: Parser;
  private failed = false;
  /** Records given to push() whose result has not been returned yet, oldest first. */
  private waiting: FramedRecord[] = [];
  private head = 0;

  constructor() {
    this.reset();
  }

  /** Takes the next records in order and returns every record whose fields are now known, in order. */
  push(records: readonly FramedRecord[]): SplitRecord[] {
    let text = '';
    for (const record of records) {
      this.waiting.push(record);
      if (record.problem === null) text += record.text + '\n';
    }
    if (text.length > 0) this.parser.write(text);
    return this.drain();
  }

  end(): SplitRecord[] {
    this.parser.end();
    const out = this.drain();
    // Anything csv-parse kept back after end() (it should not) is parsed alone rather than lost.
    return out.concat(this.recoverWaiting());
  }

  private drain(): SplitRecord[] {
    const emitted: string[][] = [];
    for (let fields; (fields = this.parser.read() as string[] | null) !== null;) emitted.push(fields);
    const out: SplitRecord[] = [];
    if (this.failed) {
      // After an error csv-parse's output no longer lines up with the records: redo them all one by one.
      this.reset();
      return this.recoverWaiting();
    }
    let next = 0;
    while (this.head < this.waiting.length) {
      const record = this.waiting[this.head]!;
      if (record.problem !== null) out.push({ record, error: describe(record.problem) });
      else if (next < emitted.length) out.push({ record, fields: emitted[next++]! });
      else break;
      this.head++;
    }
    if (next < emitted.length) throw new Error('csv-parse returned more records than were written'); // a bug, not input
    if (this.head > 4096 || this.head === this.waiting.length) {
      this.waiting = this.waiting.slice(this.head);
      this.head = 0;
    }
    return out;
  }

  private recoverWaiting(): SplitRecord[] {
    const out = this.waiting.slice(this.head).map(splitAlone);
    this.waiting = [];
    this.head = 0;
    return out;
  }

  private reset(): void {
    this.failed = false;
    // csv-parse hands its options on to the Transform stream; a high mark keeps write() from ever waiting on read().
    const options = { ...OPTIONS, highWaterMark: 1 << 20, on_skip: () => void (this.failed = true) };
    const parser = parse(options as typeof OPTIONS);
    parser.on('error', () => void (this.failed = true));
    this.parser = parser;
  }
}

export function describe(problem: 'too-large' | 'quote-not-closed'): string {
  return problem === 'too-large' ? 'the record is longer than the line length limit' : 'a quoted value is never closed';
}

function splitAlone(record: FramedRecord): SplitRecord {
  if (record.problem !== null) return { record, error: describe(record.problem) };
  try {
    const rows = parseOne(record.text + '\n', { relax_column_count: true, record_delimiter: '\n' }) as string[][];
    if (rows.length === 1) return { record, fields: rows[0]! };
    return { record, error: 'the record could not be split into fields' };
  } catch (error) {
    return { record, error: csvProblem(error) };
  }
}

/** csv-parse's own messages are long and name lines relative to the one record: say it briefly instead. */
function csvProblem(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'CSV_INVALID_CLOSING_QUOTE') return 'a quoted value is followed by other text';
  if (code === 'INVALID_OPENING_QUOTE' || code === 'CSV_INVALID_OPENING_QUOTE')
    return 'a quote appears inside an unquoted value';
  if (code === 'CSV_QUOTE_NOT_CLOSED') return 'a quoted value is never closed';
  return 'the record is not valid CSV';
}
