// Streams an NDJSON catalogue: one JSON object per line, members named like the CSV columns.
import { decodeText, REPLACEMENT_CHAR, type TextSource } from './decode-text.js';
import { jsonRowValues, parseJsonRow } from './json-values.js';
import { RowReader } from './read-row.js';
import { DEFAULT_LIMITS, type CatalogueLimits, type CatalogueRow } from './types.js';

export async function* parseNdjsonCatalogue(input: TextSource, limits: CatalogueLimits = DEFAULT_LIMITS): AsyncGenerator<CatalogueRow> {
  const reader = new RowReader(limits);
  let carry = '';
  let line = 1;
  let skipping = false; // the current line is over the limit: drop it up to its newline

  const row = (text: string, at: number): CatalogueRow | null => {
    if (text.trim().length === 0) return null;
    const object = parseJsonRow(text);
    if (object === null) {
      if (text.includes(REPLACEMENT_CHAR)) return reader.unreadable(at, 'encoding-invalid', 'the line contains bytes that are not valid UTF-8');
      return reader.unreadable(at, 'json-malformed', 'the line is not a JSON object');
    }
    return reader.read(at, jsonRowValues(object), text);
  };

  for await (const chunk of decodeText(input)) {
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', start)) {
      if (skipping) {
        yield reader.unreadable(line, 'too-large', `the line is longer than ${limits.maxLineLength} characters`);
        skipping = false;
      } else {
        const text = carry.length === 0 ? chunk.slice(start, nl) : carry + chunk.slice(start, nl);
        carry = '';
        if (text.length > limits.maxLineLength) yield reader.unreadable(line, 'too-large', `the line is longer than ${limits.maxLineLength} characters`);
        else {
          const result = row(text, line);
          if (result !== null) yield result;
        }
      }
      line++;
      start = nl + 1;
    }
    if (!skipping) {
      carry += chunk.slice(start);
      if (carry.length > limits.maxLineLength) {
        skipping = true;
        carry = '';
      }
    }
  }
  if (skipping) yield reader.unreadable(line, 'too-large', `the line is longer than ${limits.maxLineLength} characters`);
  else {
    const result = row(carry, line);
    if (result !== null) yield result;
  }
}
