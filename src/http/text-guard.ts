// Text is checked once, at the edge, for every route (API and pages) before any handler sees it. PostgreSQL
// refuses a NUL in text (SQLite stores it), so a NUL anywhere in the address or a body would be a 500 on one
// database and a 200 on the other; control characters, bidi overrides and lone surrogates in a brand or an
// organisation's name would let it pose as something else on pages and labels. Both are a 400 naming where.
import type { FastifyInstance } from 'fastify';
import { IotlabelError } from '../errors.js';

/** NUL and other C0 controls but tab, newline and carriage return; DEL and C1; bidi embeddings, overrides, isolates. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NEVER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
/** Names are one line: no tab or line break either. */
const NOT_IN_NAMES = /[\t\n\r]/;
/** Half of a UTF-16 pair without the other half (String.prototype.isWellFormed is not in our lib yet). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const SINGLE_LINE = new Set(['name', 'brand', 'model', 'reason', 'email', 'organisationName', 'title']);

export function installTextGuard(app: FastifyInstance): void {
  // Callback style, like the other hooks on every request. A NUL can only come percent-encoded: Node refuses a
  // raw one in the request line, and no other escape decodes to it.
  app.addHook('onRequest', (request, _reply, done) => {
    if (request.url.includes('%00'))
      done(new IotlabelError('INPUT_INVALID', 'the address (path or query string) contains a NUL character (%00)'));
    else done();
  });
  app.addHook('preValidation', (request, _reply, done) => {
    const body = request.body;
    const bad = typeof body === 'object' && body !== null ? badText(body, '', '') : null;
    if (bad === null) return done();
    const message = `contains ${bad.what}`;
    done(
      new IotlabelError('INPUT_INVALID', `${bad.path || '/'} ${message}`, { problems: [{ path: bad.path, message }] }),
    );
  });
}

/** The first string in a parsed body (plain objects and arrays only) that holds a refused character. */
function badText(value: unknown, path: string, key: string): { path: string; what: string } | null {
  if (typeof value === 'string') {
    const what = refusedIn(value, SINGLE_LINE.has(key));
    return what === null ? null : { path, what };
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = badText(value[i], `${path}/${i}`, key);
      if (found !== null) return found;
    }
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const proto = Object.getPrototypeOf(value) as unknown;
  // Parsed text is a plain object or one without Object's prototype (form bodies); a stream or a file part is not.
  if (proto !== Object.prototype && proto !== null && Object.getPrototypeOf(proto) !== null) return null;
  for (const [k, v] of Object.entries(value)) {
    const refusedKey = refusedIn(k, true);
    if (refusedKey !== null) return { path, what: `${refusedKey} in the name of a field` };
    const found = badText(v, `${path}/${pointerToken(k)}`, k);
    if (found !== null) return found;
  }
  return null;
}

function refusedIn(text: string, singleLine: boolean): string | null {
  const hit = NEVER.exec(text) ?? (singleLine ? NOT_IN_NAMES.exec(text) : null);
  if (hit !== null) return `the character ${codePoint(hit[0])}`;
  if (LONE_SURROGATE.test(text)) return 'a lone surrogate (not Unicode text)';
  return null;
}

function codePoint(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** RFC 6901: ~ and / escaped in a pointer token. */
function pointerToken(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
