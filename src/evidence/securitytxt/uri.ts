// URI checks for the URI-valued fields of RFC 9116 (§2.5). Returns the code to report (an error, or a warning
// where RFC 3986 or RFC 9116 asks for more than internet.nl checks), or null.
import type { SecurityTxtCode } from './codes.js';

export const URI_FIELDS = new Set([
  'acknowledgments',
  'canonical',
  'contact',
  'encryption',
  'hiring',
  'policy',
  'csaf',
]);

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/s;
// RFC 3986 excludes controls, space and these ASCII characters; non-ASCII is tolerated (IRIs).
// eslint-disable-next-line no-control-regex -- controls are exactly what must be refused
const FORBIDDEN = /[\u0000-\u0020\u007f"<>\\^`{|}]/;
const BAD_PERCENT = /%(?![0-9A-Fa-f]{2})/;
// scheme://[userinfo@]host[:port] followed by a path, query, fragment or the end.
const WEB_AUTHORITY = /^[a-z]+:\/\/(?:[^@/?#]*@)?(?:\[[0-9A-Fa-f:.]+\]|[^/?#:@[\]]+)(?::\d*)?(?:[/?#]|$)/i;
// Blanks inside a URI: RFC 3986 has none, internet.nl does not look (a warning, once the rest is fine).
const BLANK = /[ \t\r]/;

/** The scheme in lower case, or null when `value` has none. */
export function uriScheme(value: string): string | null {
  const m = SCHEME.exec(value);
  return m ? m[1]!.toLowerCase() : null;
}

/** True when `value` is an https URL with a host (used for fetch addresses and Contact web forms). */
export function isHttpsUrl(value: string): boolean {
  return uriScheme(value) === 'https' && WEB_AUTHORITY.test(value) && !FORBIDDEN.test(value);
}

function wellFormed(value: string, scheme: string, rest: string): boolean {
  if (FORBIDDEN.test(value) || BAD_PERCENT.test(value)) return false;
  // A URI that names nothing before its query or fragment (e.g. "mailto:#x") identifies no contact or document.
  if (/^[?#]|^$/.test(rest)) return false;
  if (scheme === 'https' || scheme === 'http' || rest.startsWith('//')) {
    if (!WEB_AUTHORITY.test(value)) return false;
    try {
      new URL(value);
    } catch {
      return false;
    }
  }
  return true;
}

/** The diagnostic for a URI-valued field (lower-case name), or null when the value is acceptable. */
export function uriProblem(field: string, value: string): SecurityTxtCode | null {
  if (!URI_FIELDS.has(field)) return null;
  const m = SCHEME.exec(value);
  if (!m) return 'no_uri';
  const scheme = m[1]!.toLowerCase();
  // RFC 9116 asks https of web URIs; http is refused (as internet.nl does), ftp is not a web URI.
  const insecure = scheme === 'http' ? 'no_https' : scheme === 'ftp' ? 'cleartext_uri' : null;
  const rest = m[2]!;
  if (rest === '' || rest === '//') return insecure === 'no_https' ? insecure : 'uri_empty';
  if (BLANK.test(value)) {
    const squeezed = uriProblem(field, value.replace(/[ \t\r]+/g, ''));
    return squeezed === null || squeezed === 'cleartext_uri' ? 'uri_space' : squeezed;
  }
  if (!wellFormed(value, scheme, rest)) return 'no_uri';
  return insecure;
}
