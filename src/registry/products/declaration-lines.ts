// Splits an NDJSON stream of declaration documents into one entry per non-blank line, numbered from 1, so
// every document's result can name its line. A line that is too long or not JSON becomes a problem on that
// line (the rest still count); more than `maxBytes` characters in all ends the stream with PAYLOAD_TOO_LARGE.
import { decodeText, type TextSource } from '../../catalogue/decode-text.js';
import { IotlabelError, type ErrorCode } from '../../errors.js';

export type DocumentLine =
  { line: number; document: unknown } | { line: number; problem: { code: ErrorCode; detail: string } };

export interface DocumentLimits {
  /** Longest line, in characters (one document). */
  maxLineLength: number;
  /** Most characters in the whole stream. */
  maxBytes: number;
}

export async function* declarationLines(input: TextSource, limits: DocumentLimits): AsyncGenerator<DocumentLine> {
  let carry = '';
  let line = 1;
  let total = 0;
  let skipping = false; // the current line is over the limit: drop it up to its newline

  const tooLong = (at: number): DocumentLine => ({
    line: at,
    problem: { code: 'PAYLOAD_TOO_LARGE', detail: `line ${at} is longer than ${limits.maxLineLength} characters` },
  });
  const parse = (text: string, at: number): DocumentLine | null => {
    if (text.trim().length === 0) return null;
    try {
      return { line: at, document: JSON.parse(text) as unknown };
    } catch {
      return { line: at, problem: { code: 'INPUT_UNREADABLE', detail: `line ${at} is not a JSON document` } };
    }
  };

  for await (const chunk of decodeText(input)) {
    total += chunk.length;
    if (total > limits.maxBytes)
      throw new IotlabelError('PAYLOAD_TOO_LARGE', `the stream is larger than ${limits.maxBytes} bytes; split it`);
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', start)) {
      if (skipping) {
        yield tooLong(line);
        skipping = false;
      } else {
        const text = carry + chunk.slice(start, nl);
        carry = '';
        const entry = text.length > limits.maxLineLength ? tooLong(line) : parse(text, line);
        if (entry !== null) yield entry;
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
  if (skipping) yield tooLong(line);
  else {
    const entry = parse(carry, line);
    if (entry !== null) yield entry;
  }
}
