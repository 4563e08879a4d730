import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FetchFunction } from '../../src/net/fetch-limited.js';
import { contentTypeFindings, fetchSecurityTxt, securityTxtHost } from '../../src/net/fetch-security-txt.js';

const now = new Date('2026-06-01T00:00:00Z');
const BODY = 'Contact: https://example.com/report\nExpires: 2026-12-01T00:00:00Z\n';
const TEXT = { 'content-type': 'text/plain; charset=utf-8' };
const WK = 'https://example.com/.well-known/security.txt';
const LEGACY = 'https://example.com/security.txt';

type Route = { status?: number; headers?: Record<string, string>; body?: string; location?: string };
function site(routes: Record<string, Route>): FetchFunction & { asked: string[] } {
  const asked: string[] = [];
  const fn = async (url: string) => {
    asked.push(url);
    const r = routes[url];
    if (!r) throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    const headers = { ...(r.headers ?? TEXT), ...(r.location ? { location: r.location } : {}) };
    return new Response(new TextEncoder().encode(r.body ?? BODY), { status: r.status ?? 200, headers });
  };
  return Object.assign(fn, { asked });
}
const codes = (list: { code: string }[]) => list.map((d) => d.code);

test('the /.well-known/ file is used when present, and the legacy path is not asked for', async () => {
  const fetch = site({ [WK]: {}, [LEGACY]: { body: 'garbage' } });
  const r = await fetchSecurityTxt('example.com', { now, fetch });
  assert.equal(r.url, WK);
  assert.equal(r.result.valid, true);
  assert.deepEqual(fetch.asked, [WK]);
});

test('only the legacy path answering gives location; a 404 at /.well-known/ falls through', async () => {
  const r = await fetchSecurityTxt('https://example.com/anything', {
    now,
    fetch: site({ [WK]: { status: 404 }, [LEGACY]: {} }),
  });
  assert.equal(r.url, LEGACY);
  assert.deepEqual(codes(r.result.errors), ['location']);
});

test('http is tried last, only to diagnose it', async () => {
  const fetch = site({ 'http://example.com/.well-known/security.txt': {} });
  const r = await fetchSecurityTxt('example.com', { now, fetch });
  assert.deepEqual(codes(r.result.errors), ['invalid_uri_scheme']);
  assert.deepEqual(fetch.asked.slice(0, 2), [WK, LEGACY]);
});

test('a redirect that ends elsewhere (e.g. a home page) is not a security.txt', async () => {
  const r = await fetchSecurityTxt('example.com', {
    now,
    fetch: site({
      [WK]: { status: 302, location: 'https://example.com/' },
      'https://example.com/': { body: '<html>' },
    }),
  });
  assert.deepEqual(codes(r.result.errors), ['no_security_txt']);
});

test('Canonical may match the first or the last address of a redirect chain', async () => {
  const moved = 'https://www.example.com/.well-known/security.txt';
  const routes = (canonical: string) =>
    site({ [WK]: { status: 301, location: moved }, [moved]: { body: `${BODY}Canonical: ${canonical}\n` } });
  for (const canonical of [WK, moved]) {
    const r = await fetchSecurityTxt('example.com', { now, fetch: routes(canonical) });
    assert.deepEqual(r.chain, [WK, moved]);
    assert.deepEqual(codes(r.result.errors), [], canonical);
  }
  const r = await fetchSecurityTxt('example.com', {
    now,
    fetch: routes('https://elsewhere.example/.well-known/security.txt'),
  });
  assert.deepEqual(codes(r.result.errors), ['no_canonical_match']);
});

test('a body over the limit is file_too_large, not read', async () => {
  const r = await fetchSecurityTxt('example.com', { now, maxBytes: 50, fetch: site({ [WK]: {} }) });
  assert.deepEqual(codes(r.result.errors), ['file_too_large']);
  assert.equal(r.body, null);
});

test('Content-Type rules', () => {
  assert.deepEqual(contentTypeFindings('text/plain'), []);
  assert.deepEqual(contentTypeFindings('Text/Plain; Charset="UTF-8"'), []);
  assert.deepEqual(codes(contentTypeFindings(null)), ['no_content_type']);
  assert.deepEqual(codes(contentTypeFindings('text/html; charset=utf-8')), ['invalid_media']);
  assert.deepEqual(codes(contentTypeFindings('text/plain; charset=latin1')), ['invalid_charset']);
});

test('targets: domains and http(s) URLs give a host; anything else is URL_NOT_ALLOWED', () => {
  assert.equal(securityTxtHost('Example.COM'), 'example.com');
  assert.equal(securityTxtHost('https://example.com:8443/x?y'), 'example.com:8443');
  for (const bad of ['file:///etc', 'exa mple.com', 'example.com/path', '']) {
    assert.throws(() => securityTxtHost(bad), { code: 'URL_NOT_ALLOWED' }, bad);
  }
});
