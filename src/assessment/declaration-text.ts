// A declaration file's bytes before they become a declaration: refuse anything whose meaning is not fixed.
// Invalid UTF-8 would be decoded with replacement characters that change names on the statement of
// compliance; duplicate object keys have no defined meaning in JSON (RFC 8259 section 4).
import type { DeclarationProblem } from './errors.js';

/** Byte offset of the first byte that is not part of a well-formed UTF-8 sequence, or -1. */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    // Lead byte ranges and the allowed range of the first continuation byte (Unicode Table 3-7).
    let n: number,
      lo = 0x80,
      hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) n = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      n = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      n = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= n; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i;
    }
    i += n + 1;
  }
  return -1;
}

/** The JSON pointer of the first repeated key in an object of `text` (already valid JSON), or null. */
export function duplicateKeyPath(text: string): string | null {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const string = (): string => {
    const start = i++;
    while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: string): string | null => {
    ws();
    const c = text[i];
    if (c === '{' || c === '[') {
      const object = c === '{';
      const seen = new Set<string>();
      i++;
      ws();
      if (text[i] === (object ? '}' : ']')) {
        i++;
        return null;
      }
      for (let n = 0; ; n++) {
        let at = `${path}/${n}`;
        if (object) {
          ws();
          const key = string();
          at = `${path}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
          if (seen.has(key)) return at;
          seen.add(key);
          ws();
          i++; // the colon
        }
        const found = value(at);
        if (found !== null) return found;
        ws();
        if (text[i++] !== ',') return null;
      }
    }
    if (c === '"') string();
    else while (i < text.length && !',]} \t\n\r'.includes(text[i]!)) i++;
    return null;
  };
  return value('');
}

/** Where JSON.parse stopped: its "at position N", or the place its quoted excerpt of the text points at. */
function jsonErrorPosition(text: string, message: string): number | null {
  const at = /\bat position (\d+)/.exec(message);
  if (at) return Math.min(Number(at[1]), text.length);
  // V8: Unexpected token 'X', ..."excerpt"... is not valid JSON (the excerpt starts 10 characters before X).
  const excerpt = /^Unexpected token '([\s\S])', (\.\.\.)?"([\s\S]*?)"(?:\.\.\.)? is not valid JSON/.exec(message);
  if (!excerpt) return null;
  const start = text.indexOf(excerpt[3]!);
  if (start < 0) return null;
  return excerpt[2] ? start + 10 : start + Math.max(0, excerpt[3]!.indexOf(excerpt[1]!));
}

/** JSON.parse's complaint as "line L, column C: …", which is how an editor finds the place, on one line. */
function jsonErrorAt(text: string, message: string): string {
  if (/Unexpected end of JSON input/.test(message)) return 'the text ends before the JSON is complete';
  const position = jsonErrorPosition(text, message);
  const what = message
    .replace(/, (\.\.\.)?"[\s\S]*"(\.\.\.)? is not valid JSON$/, '')
    .replace(/\s*\(line \d+ column \d+\)/, '')
    .replace(/ in JSON at position \d+/, '')
    .replace(/ at position \d+/, '')
    .replace(/\s+/g, ' ');
  if (position === null) return what;
  const before = text.slice(0, position);
  return `line ${before.split('\n').length}, column ${position - before.lastIndexOf('\n')}: ${what}`;
}

/** The problem with a declaration file's bytes, or the JSON value they hold. */
export function decodeDeclarationJson(bytes: Uint8Array): { value: unknown } | { problem: DeclarationProblem } {
  const bad = invalidUtf8Offset(bytes);
  if (bad >= 0) return { problem: { path: '', message: `is not valid UTF-8 (byte offset ${bad})` } };
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { problem: { path: '', message: `is not JSON: ${jsonErrorAt(text, (error as Error).message)}` } };
  }
  let duplicate: string | null;
  try {
    duplicate = duplicateKeyPath(text);
  } catch {
    return { problem: { path: '', message: 'is nested too deeply to check' } };
  }
  if (duplicate !== null)
    return {
      problem: {
        path: duplicate,
        message: 'this key appears more than once in its object; JSON gives duplicate keys no defined meaning',
      },
    };
  return { value };
}
