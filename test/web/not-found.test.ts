// Addresses that match no route: a browser asking for a page gets the "Page not found" page (404, in the
// layout, with the signed-in person's navigation and a working sign-out form); the API, the log, static
// files, the docs and clients asking for JSON keep the problem document, and a 404 POST is never a CSRF refusal.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { csrfToken, openWebFixture, type WebFixture } from './support.js';
import { signedIn } from './roles-support.js';

let f: WebFixture;
before(async () => {
  f = await openWebFixture({ web: { signInPerMinute: 100 } });
});
after(async () => {
  await f.close();
});

const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

function assertPageNotFound(
  res: { statusCode: number; headers: Record<string, unknown>; body: string },
  url: string,
): void {
  assert.equal(res.statusCode, 404, url);
  assert.match(String(res.headers['content-type']), /^text\/html/, url);
  assert.match(res.body, /<title>Page not found – iotlabel<\/title>/, url);
  assert.match(res.body, /<h1 class="govuk-heading-l">Page not found<\/h1>/, url);
  assert.match(res.body, /If you typed the web address, check it is correct/, url);
  assert.match(
    String(res.headers['content-security-policy']),
    /'sha256-/,
    "the page's inline snippet is allowed under helmet's policy",
  );
}

test('a browser asking for an address that is no page gets the "Page not found" page', async () => {
  for (const url of [
    '/no-such-page',
    '/manufacturer/xyz',
    '/retailer/nope/deeper',
    '/open-data/nope',
    '/products/not-an-id',
    '/manufacturers/xyz',
    '/search/x?q=1',
  ]) {
    assertPageNotFound(await f.app.inject({ url, headers: { accept: BROWSER } }), url);
  }
  const posted = await f.app.inject({
    method: 'POST',
    url: '/no-such-page',
    headers: { accept: BROWSER, 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'a=1',
  });
  assertPageNotFound(posted, 'POST /no-such-page');
  const hostile = await f.app.inject({ url: '/x/%3Cscript%3Ealert(1)%3C/script%3E', headers: { accept: 'text/html' } });
  assert.equal(hostile.statusCode, 404);
  assert.doesNotMatch(hostile.body, /<script>alert/);
});

test('a signed-in person sees their own navigation on it and can sign out from it', async () => {
  const b = await signedIn(f, f.retailer);
  const res = await b.get('/retailer/no-such-page', { accept: BROWSER });
  assertPageNotFound(res, '/retailer/no-such-page');
  assert.match(res.body, /href="\/retailer\/watchlist"/);
  assert.match(res.body, /data-qa="account-bar"/);
  const out = await b.post('/sign-out', { _csrf: csrfToken(res.body) });
  assert.equal(out.statusCode, 303);
});

test('the API, the log, static files and the docs keep the problem document, even for a browser', async () => {
  for (const url of [
    '/v1/nope',
    '/v1',
    '/log/nope',
    '/.well-known/nope',
    '/assets/nope.css',
    '/assets/js/nope.js',
    '/docs/nope',
    '/openapi.json/x',
    '/healthz/x',
  ]) {
    const res = await f.app.inject({ url, headers: { accept: BROWSER } });
    assert.equal(res.statusCode, 404, url);
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/, url);
    assert.equal(res.json().code, 'NOT_FOUND', url);
  }
});

test('clients that do not prefer HTML get the problem document for page addresses too', async () => {
  for (const accept of [
    undefined,
    '*/*',
    'application/json',
    'application/problem+json',
    'text/html;q=0.5, application/json',
    'application/json, text/html',
    'text/html;q=0',
  ]) {
    const res = await f.app.inject({ url: '/no-such-page', headers: accept === undefined ? {} : { accept } });
    assert.equal(res.statusCode, 404, accept);
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/, accept);
    assert.equal(res.json().code, 'NOT_FOUND');
    assert.match(res.json().detail, /no route GET \/no-such-page/);
  }
});

test('an API POST to no route is a 404 problem, never a CSRF refusal; an unreadable body stays a problem', async () => {
  const missing = await f.app.inject({
    method: 'POST',
    url: '/v1/nope',
    headers: { 'content-type': 'application/json' },
    payload: '{}',
  });
  assert.equal(missing.statusCode, 404);
  assert.equal(missing.json().code, 'NOT_FOUND');
  const broken = await f.app.inject({
    method: 'POST',
    url: '/v1/nope',
    headers: { 'content-type': 'application/json', accept: BROWSER },
    payload: '{"a":',
  });
  assert.equal(broken.statusCode, 400);
  assert.match(String(broken.headers['content-type']), /^application\/problem\+json/);
  assert.equal(broken.json().code, 'INPUT_UNREADABLE');
});
