// Cuts CSV text into records before any field is parsed, so that every record keeps its line number and a
// malformed one cannot swallow its neighbours: a record ends at a newline outside quotes (RFC 4180), and one
// longer than the limit ends at the next newline whatever the quotes, and is reported as too large.
// A quoted value may span lines only if it closes properly: when it never closes (end of input, or the line
// limit reached) or its record turns out badly quoted, the record's first line alone is reported (its quote is
// not closed) and framing starts again on the line after it, so every other line is still read.
import type { CatalogueLimits } from './types.js';

export interface FramedRecord {
  /** Line the record starts on (1-based). */
  line: number;
  /** Number of physical lines the record spans. */
  lines: number;
  /** The record without its final newline (and carriage return); '' when `problem` is set. */
  text: string;
  problem: 'too-large' | 'quote-not-closed' | null;
}

const QUOTE = 34;
const COMMA = 44;
const CR = 13;

export async function* frameCsvRecords(
  texts: AsyncIterable<string>,
  limits: Pick<CatalogueLimits, 'maxLineLength'>,
): AsyncGenerator<FramedRecord> {
  const framer = new CsvFramer(limits.maxLineLength);
  for await (const chunk of texts) {
    const out = framer.push(chunk, false);
    for (const record of out) yield record;
  }
  for (const record of framer.push('', true)) yield record;
}

class CsvFramer {
  private carry = ''; // the unfinished record so far (kept whole until it ends, so that it can be re-read)
  private scanned = 0; // how much of `carry` has been scanned for quotes and newlines
  private inQuotes = false;
  private line = 1; // where the unfinished record starts
  private lines = 1; // physical lines the unfinished record spans so far
  private skipping = false; // one physical line is over the limit: drop text up to the next newline
  private closedAt = -2; // where (from the record's start) the last quoted value closed

  constructor(private readonly maxLineLength: number) {}

  push(chunk: string, final: boolean): FramedRecord[] {
    const out: FramedRecord[] = [];
    const buf = this.carry + chunk;
    let start = 0;
    let pos = this.skipping ? 0 : this.scanned;
    for (;;) {
      const nl = buf.indexOf('\n', pos);
      const end = nl === -1 ? buf.length : nl;
      if (!this.skipping) {
        // A quote opens a quoted value only at the start of a field (or as the second quote of a "" escape);
        // elsewhere it is a CSV error that csv-parse reports on this record, and must not swallow the next.
        for (let q = buf.indexOf('"', pos); q !== -1 && q < end; q = buf.indexOf('"', q + 1)) {
          if (this.inQuotes) {
            this.inQuotes = false;
            this.closedAt = q - start;
          } else if (q === start || buf.charCodeAt(q - 1) === COMMA || this.closedAt === q - 1 - start)
            this.inQuotes = true;
        }
      }
      if (nl === -1) {
        // A quoted value from an earlier line never closes, runs past the limit, or ends badly at the end of
        // the input: only that line is lost.
        if (
          !this.skipping &&
          this.lines > 1 &&
          (this.inQuotes ? final || end - start > this.maxLineLength : final && !wellQuoted(buf, start, endOf(buf)))
        ) {
          start = pos = this.rewind(buf, start, out);
          continue;
        }
        break;
      }
      if (this.skipping) {
        out.push(this.record('', 'too-large'));
        this.skipping = false;
      } else if (!this.inQuotes) {
        const stop = nl > start && buf.charCodeAt(nl - 1) === CR ? nl - 1 : nl;
        if (stop - start > this.maxLineLength) out.push(this.record('', 'too-large'));
        else if (this.lines > 1 && !wellQuoted(buf, start, stop)) {
          start = pos = this.rewind(buf, start, out);
          continue;
        } else out.push(this.record(buf.slice(start, stop), null));
      } else if (nl + 1 - start <= this.maxLineLength) {
        this.lines++;
        pos = nl + 1;
        continue;
      } else if (this.lines > 1) {
        start = pos = this.rewind(buf, start, out);
        continue;
      } else {
        // The first line alone is over the limit: end the record at its newline and read on from the next line.
        out.push(this.record('', 'too-large'));
      }
      this.next(this.lines);
      start = pos = nl + 1;
    }
    if (final) {
      if (this.skipping) out.push(this.record('', 'too-large'));
      else if (this.inQuotes) out.push(this.record('', 'quote-not-closed'));
      else if (start < buf.length) {
        out.push(this.record(buf.slice(start, endOf(buf)), null));
      }
      return out;
    }
    if (this.skipping) {
      this.carry = '';
      this.scanned = 0;
      return out;
    }
    this.carry = buf.slice(start);
    this.scanned = this.carry.length;
    if (this.carry.length > this.maxLineLength) {
      // Only a single physical line gets here (a longer quoted record was rewound above).
      this.skipping = true;
      this.carry = '';
      this.scanned = 0;
    }
    return out;
  }

  /** Reports the record's first line as not closing its quote; returns where framing starts again. */
  private rewind(buf: string, start: number, out: FramedRecord[]): number {
    out.push({ line: this.line, lines: 1, text: '', problem: 'quote-not-closed' });
    this.next(1);
    return buf.indexOf('\n', start) + 1;
  }

  private record(text: string, problem: FramedRecord['problem']): FramedRecord {
    return { line: this.line, lines: this.lines, text, problem };
  }

  private next(lines: number): void {
    this.line += lines;
    this.lines = 1;
    this.inQuotes = false;
    this.closedAt = -2;
  }
}

/** The end of the text without a final carriage return. */
function endOf(buf: string): number {
  return buf.length > 0 && buf.charCodeAt(buf.length - 1) === CR ? buf.length - 1 : buf.length;
}

/**
 * Whether a record follows RFC 4180 quoting: a quote only opens a field, and a closing quote is followed by a
 * comma or the end. Only records spanning lines are checked here (rare), so that a bad one can be re-read.
 */
function wellQuoted(buf: string, start: number, stop: number): boolean {
  let i = start;
  for (;;) {
    if (i < stop && buf.charCodeAt(i) === QUOTE) {
      for (i++; ; i += 2) {
        i = buf.indexOf('"', i);
        if (i === -1 || i >= stop) return false;
        if (i + 1 >= stop || buf.charCodeAt(i + 1) !== QUOTE) break;
      }
      i++; // past the closing quote
      if (i === stop) return true;
      if (buf.charCodeAt(i) !== COMMA) return false;
    } else {
      const comma = buf.indexOf(',', i);
      const fieldEnd = comma === -1 || comma >= stop ? stop : comma;
      const quote = buf.indexOf('"', i);
      if (quote !== -1 && quote < fieldEnd) return false;
      if (fieldEnd === stop) return true;
      i = fieldEnd;
    }
    i++; // past the comma
  }
}
