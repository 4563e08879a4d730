// Cuts CSV text into records before any field is parsed, so that every record keeps its line number and a
// malformed one cannot swallow its neighbours: a record ends at a newline outside quotes (RFC 4180), and one
// longer than the limit ends at the next newline whatever the quotes, and is reported as too large.
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

export async function* frameCsvRecords(
  texts: AsyncIterable<string>,
  limits: Pick<CatalogueLimits, 'maxLineLength'>,
): AsyncGenerator<FramedRecord> {
  let carry = ''; // the unfinished record so far
  let scanned = 0; // how much of `carry` has been scanned for quotes and newlines
  let inQuotes = false;
  let line = 1; // where the unfinished record starts
  let lines = 1; // physical lines the unfinished record spans so far
  let skipping = false; // the record is over the limit: drop text up to the next newline
  let closedAt = -2; // where (from the record's start) the last quoted value closed

  for await (const chunk of texts) {
    const buf = carry + chunk;
    let start = 0;
    let pos = skipping ? 0 : scanned;
    for (;;) {
      const nl = buf.indexOf('\n', pos);
      const end = nl === -1 ? buf.length : nl;
      if (!skipping) {
        // A quote opens a quoted value only at the start of a field (or as the second quote of a "" escape);
        // elsewhere it is a CSV error that csv-parse reports on this record, and must not swallow the next.
        for (let q = buf.indexOf('"', pos); q !== -1 && q < end; q = buf.indexOf('"', q + 1)) {
          if (inQuotes) {
            inQuotes = false;
            closedAt = q - start;
          } else if (q === start || buf.charCodeAt(q - 1) === 44 || closedAt === q - 1 - start) inQuotes = true;
        }
      }
      if (nl === -1) break;
      if (skipping) {
        yield { line, lines, text: '', problem: 'too-large' };
        skipping = false;
        inQuotes = false;
      } else if (!inQuotes) {
        const stop = nl > start && buf.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        if (stop - start > limits.maxLineLength) yield { line, lines, text: '', problem: 'too-large' };
        else yield { line, lines, text: buf.slice(start, stop), problem: null };
      } else if (nl + 1 - start > limits.maxLineLength) {
        // A quoted value runs past the limit: end the record at this newline and read on from the next line.
        yield { line, lines, text: '', problem: 'too-large' };
        inQuotes = false;
      } else {
        lines++;
        pos = nl + 1;
        continue;
      }
      line += lines;
      lines = 1;
      closedAt = -2;
      start = pos = nl + 1;
    }
    if (skipping) {
      carry = '';
      scanned = 0;
      continue;
    }
    carry = buf.slice(start);
    scanned = carry.length;
    if (carry.length > limits.maxLineLength) {
      skipping = true;
      carry = '';
      scanned = 0;
    }
  }
  if (skipping) yield { line, lines, text: '', problem: 'too-large' };
  else if (inQuotes) yield { line, lines, text: '', problem: 'quote-not-closed' };
  else if (carry.length > 0)
    yield { line, lines, text: carry.endsWith('\r') ? carry.slice(0, -1) : carry, problem: null };
}
