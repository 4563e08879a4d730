// Streams a catalogue given as one JSON array of objects, without parsing the whole document: a small
// scanner finds where each element starts and ends (tracking strings, escapes and nesting), and only that
// element's text is handed to JSON.parse. An element that does not parse is reported with the line it
// starts on; the scanner carries on at the next top-level comma.
import { decodeText, REPLACEMENT_CHAR, type TextSource } from './decode-text.js';
import { CatalogueUnreadable } from './errors.js';
import { jsonRowValues, parseJsonRow } from './json-values.js';
import { RowReader } from './read-row.js';
import { rowStream, type RowStream } from './row-stream.js';
import { DEFAULT_LIMITS, type CatalogueLimits, type CatalogueRow } from './types.js';

// Scanner states: before '[', after '[' (no element yet), after a comma, inside an element, after ']'.
const BEFORE = 0;
const START = 1;
const BETWEEN = 2;
const ELEMENT = 3;
const AFTER = 4;

export function parseJsonArrayCatalogue(
  input: TextSource,
  limits: CatalogueLimits = DEFAULT_LIMITS,
): RowStream<CatalogueRow> {
  return rowStream(() => jsonArrayBatches(input, limits));
}

async function* jsonArrayBatches(input: TextSource, limits: CatalogueLimits): AsyncGenerator<CatalogueRow[]> {
  const reader = new RowReader(limits);
  let out: CatalogueRow[] = [];
  let state = BEFORE;
  let line = 1;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let element = ''; // text of the element so far (up to the limit)
  let elementLine = 1;
  let elementLength = 0;

  const finish = (): CatalogueRow => {
    const text = element;
    const length = elementLength;
    element = '';
    elementLength = 0;
    if (length > limits.maxLineLength)
      return reader.unreadable(
        elementLine,
        'too-large',
        `the element is longer than ${limits.maxLineLength} characters`,
      );
    if (text.trim().length === 0)
      return reader.unreadable(elementLine, 'json-malformed', 'the array has an empty element');
    const object = parseJsonRow(text);
    if (object === null) {
      if (text.includes(REPLACEMENT_CHAR))
        return reader.unreadable(
          elementLine,
          'encoding-invalid',
          'the element contains bytes that are not valid UTF-8',
        );
      return reader.unreadable(elementLine, 'json-malformed', 'the element is not a JSON object');
    }
    return reader.read(elementLine, jsonRowValues(object), text);
  };

  for await (const chunk of decodeText(input)) {
    let from = 0; // start of the element text within this chunk
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c === 10) line++;
      if (state === ELEMENT) {
        if (inString) {
          if (escaped) escaped = false;
          else if (c === 92) escaped = true;
          else if (c === 34) inString = false;
          continue;
        }
        if (c === 34) inString = true;
        else if (c === 123 || c === 91) depth++;
        else if ((c === 125 || c === 93) && depth > 0) depth--;
        else if (depth === 0 && (c === 44 || c === 93)) {
          append(chunk, from, i);
          out.push(finish());
          state = c === 44 ? BETWEEN : AFTER;
        }
        continue;
      }
      if (c === 32 || c === 9 || c === 10 || c === 13) continue;
      if (state === BEFORE) {
        if (c !== 91)
          throw new CatalogueUnreadable(
            `line ${line}: a JSON catalogue must be an array of objects, starting with "["`,
          );
        state = START;
      } else if (state === START && c === 93) {
        state = AFTER;
      } else if (state === START || state === BETWEEN) {
        state = ELEMENT;
        elementLine = line;
        from = i;
        depth = 0;
        i--; // let the element branch see this character
      } else {
        if (out.length > 0) yield out; // the rows before the error are still reported
        throw new CatalogueUnreadable(`line ${line}: unexpected text after the end of the JSON array`);
      }
    }
    if (state === ELEMENT) append(chunk, from, chunk.length);
    if (out.length > 0) {
      yield out;
      out = [];
    }
  }
  if (state === ELEMENT) yield [finish()];
  if (state !== AFTER && state !== BEFORE) {
    throw new CatalogueUnreadable(`line ${line}: the JSON array is never closed`);
  }
  if (state === BEFORE) throw new CatalogueUnreadable('the catalogue is empty: expected a JSON array');

  function append(chunk: string, start: number, end: number): void {
    elementLength += end - start;
    if (elementLength <= limits.maxLineLength) element += chunk.slice(start, end);
  }
}
