// The security headers of the hot public JSON answers (/v1/sellable), after OWASP's REST Security Cheat Sheet:
// the headers that protect a JSON answer a browser may open (no framing, no sniffing, HTTPS only, nothing to
// run). helmet's set is written for HTML pages (a script and style policy, cross-origin isolation, download and
// DNS-prefetch switches): twelve headers and ~900 bytes on every answer, 5-8 µs CPU of a look-up's ~40 µs here,
// for no gain on JSON. Pages, the docs and label images keep helmet's set.
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
});
