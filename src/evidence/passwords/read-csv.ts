// Streams a CSV credential batch (header row, one row per device x credential). Bad rows become problems
// with their line numbers; they are never dropped silently.
//
// Most factory exports are plain lines of unquoted fields, and csv-parse's per-character state machine
// was most of the time a million-row analysis took. So lines are split here as long as each is simple:
// no double quote and no carriage return other than a CRLF line end.
// At the first line that is not, the rest of the input (after the header line, so columns and line
// numbers stay the same) goes to csv-parse (read-csv-parser.ts). Both paths give the same items; a
// property test compares them.
import { PasswordBatchInvalid } from './errors.js';
import { checkHeader, readCsvWithParser, type BatchItem, type ReadOptions } from './read-csv-parser.js';
import { fieldForHeader, recordFromFields, type Field } from './records.js';

export { readCsvWithParser, type BatchItem, type ReadOptions } from './read-csv-parser.js';

type Source = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;
type Mode = 'lf' | 'crlf';

function chunksOf(source: Source): AsyncIterator<Uint8Array | string> | Iterator<Uint8Array | string> {
  return Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : source[Symbol.iterator]();
}

export async function* readCredentialCsv(source: Source, options: ReadOptions = {}): AsyncGenerator<BatchItem> {
  const maxRow = options.maxRowLength ?? 65536;
  const decoder = new TextDecoder('utf-8');
  const chunks = chunksOf(source);
  // A string chunk may end inside a surrogate pair; its first half waits for the next chunk, since csv-parse
  // encodes each chunk on its own and would turn a lone half into U+FFFD.
  let held = '';
  const next = async (): Promise<string | undefined> => {
    const r = await chunks.next();
    if (r.done) {
      const last = held;
      held = '';
      return last === '' ? undefined : last;
    }
    const chunk = held + (typeof r.value === 'string' ? r.value : decoder.decode(r.value, { stream: true }));
    const tail = chunk.charCodeAt(chunk.length - 1);
    held = tail >= 0xd800 && tail <= 0xdbff ? chunk.slice(-1) : '';
    return held === '' ? chunk : chunk.slice(0, -1);
  };
  let text = '';
  let atStart = true;
  let ended = false;
  let mode: Mode | undefined;
  let line = 0;
  let header: { text: string; fields: (Field | undefined)[] } | undefined;

  // Hands everything not yet split to csv-parse: the whole input when the header itself is not simple,
  // else the header line again and then the rest, with line numbers shifted to match.
  async function* handOver(rest: string): AsyncGenerator<BatchItem> {
    async function* remaining(): AsyncGenerator<string> {
      const eol = mode === 'crlf' ? '\r\n' : '\n';
      // Before the header only empty lines were read: give them back, so csv-parse counts and detects as if alone.
      yield header ? `${header.text}${eol}` : eol.repeat(line);
      yield rest;
      for (let chunk = await next(); chunk !== undefined; chunk = await next()) yield chunk;
      yield decoder.decode();
    }
    yield* readCsvWithParser(remaining(), options, header ? line - 1 : 0);
  }

  for (;;) {
    if (!ended) {
      const chunk = await next();
      if (chunk === undefined) {
        ended = true;
        text += decoder.decode();
      } else text += chunk;
      if (atStart && text.length > 0) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        atStart = false;
      }
    }
    if (mode === undefined) {
      // csv-parse takes the first line end it meets as the record delimiter for the whole file.
      const end = text.search(/[\r\n]/);
      if (end === -1 && !ended) continue;
      if (end !== -1 && text[end] === '\r' && end + 1 === text.length && !ended) continue;
      if (end === -1 || (text[end] === '\r' && text[end + 1] !== '\n')) {
        if (end === -1 && !text.includes('"') && !text.includes('\r')) mode = 'lf';
        else return yield* handOver(text);
      } else mode = text[end] === '\r' ? 'crlf' : 'lf';
    }
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl === -1 && !ended) break;
      const stop = nl === -1 ? text.length : nl;
      if (nl === -1 && stop === start) break;
      let end = stop;
      if (mode === 'crlf' && nl !== -1) {
        if (text.charCodeAt(nl - 1) !== 13 || nl - 1 < start) return yield* handOver(text.slice(start));
        end = nl - 1;
      }
      const row = text.slice(start, end);
      if (row.includes('"') || row.includes('\r')) return yield* handOver(text.slice(start));
      line++;
      start = nl === -1 ? text.length : nl + 1;
      if (row === '') continue;
      if (row.length > maxRow) {
        // Reported here rather than by csv-parse, which drops the rest of its input chunk after this error.
        if (!header)
          throw new PasswordBatchInvalid(`line ${line}: row is too long`, [{ line, message: 'row is too long' }]);
        yield { problem: { line, message: `line ${line}: row is too long` } };
        continue;
      }
      const values = row.split(',');
      if (!header) {
        const fields = values.map((h) => fieldForHeader(h, options.columns));
        checkHeader(values, fields);
        header = { text: row, fields };
        continue;
      }
      if (values.length !== header.fields.length) {
        yield { problem: { line, message: `line ${line}: the number of fields differs from the header` } };
        continue;
      }
      const named: Partial<Record<Field, string>> = {};
      for (let i = 0; i < values.length; i++) {
        const field = header.fields[i];
        if (field) named[field] = values[i];
      }
      const result = recordFromFields(named, line);
      if ('record' in result) yield result;
      else for (const problem of result.problems) yield { problem };
    }
    text = text.slice(start);
    if (ended) return;
  }
}
