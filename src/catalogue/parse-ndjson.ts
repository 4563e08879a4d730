// Streams an NDJSON catalogue: one JSON object per line, members named like the CSV columns.
import { decodeText, REPLACEMENT_CHAR, type TextSource } from './decode-text.js';
import { jsonRowValues, parseJsonRow } from './json-values.js';
import { RowReader } from './read-row.js';
import { rowStream, type RowStream } from './row-stream.js';
import { DEFAULT_LIMITS, type CatalogueLimits, type CatalogueRow } from './types.js';

export function parseNdjsonCatalogue(
  input: TextSource,
  limits: CatalogueLimits = DEFAULT_LIMITS,
): RowStream<CatalogueRow> {
  return rowStream(() => ndjsonBatches(input, limits));
}

async function* ndjsonBatches(input: TextSource, limits: CatalogueLimits): AsyncGenerator<CatalogueRow[]> {
  const reader = new RowReader(limits);
  let out: CatalogueRow[] = [];
  let carry = '';
  let line = 1;
  let skipping = false; // the current line is over the limit: drop it up to its newline

  const row = (text: string, at: number): CatalogueRow | null => {
    if (text.trim().length === 0) return null;
    const object = parseJsonRow(text);
    if (object === null) {
      if (text.includes(REPLACEMENT_CHAR))
        return reader.unreadable(at, 'encoding-invalid', 'the line contains bytes that are not valid UTF-8');
      return reader.unreadable(at, 'json-malformed', 'the line is not a JSON object');
    }
    return reader.read(at, jsonRowValues(object), text);
  };

  for await (const chunk of decodeText(input)) {
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', start)) {
      if (skipping) {
        out.push(reader.unreadable(line, 'too-large', `the line is longer than ${limits.maxLineLength} characters`));
        skipping = false;
      } else {
        const text = carry.length === 0 ? chunk.slice(start, nl) : carry + chunk.slice(start, nl);
        carry = '';
        if (text.length > limits.maxLineLength)
          out.push(reader.unreadable(line, 'too-large', `the line is longer than ${limits.maxLineLength} characters`));
        else {
          const result = row(text, line);
          if (result !== null) out.push(result);
        }
      }
      line++;
      start = nl + 1;
    }
    if (out.length > 0) {
      yield out;
      out = [];
    }
    if (!skipping) {
      carry += chunk.slice(start);
      if (carry.length > limits.maxLineLength) {
        skipping = true;
        carry = '';
      }
    }
  }
  if (skipping)
    out.push(reader.unreadable(line, 'too-large', `the line is longer than ${limits.maxLineLength} characters`));
  else {
    const result = row(carry, line);
    if (result !== null) out.push(result);
  }
  if (out.length > 0) yield out;
}
