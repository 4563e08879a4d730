// Public pages through app.inject: rendered inside the GOV.UK layout, escaped, with security headers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { openWebFixture, type WebFixture } from './support.js';

let f: WebFixture;
before(async () => {
  f = await openWebFixture();
});
after(async () => {
  await f.close();
});

test('the home page renders the search form inside the GOV.UK layout; the policy allows its one inline script by hash', async () => {
  const res = await f.app.inject('/');
  assert.equal(res.statusCode, 200);
  assert.match(res.headers['content-type'] as string, /text\/html/);
  assert.match(res.body, /<title>Find out if a connected product is secure – iotlabel<\/title>/);
  assert.match(res.body, /<form method="get" action="\/search" role="search"/);
  assert.match(res.body, /Skip to main content/);
  assert.doesNotMatch(res.body, /GOV\.UK - The best place/);
  const csp = String(res.headers['content-security-policy']);
  // Every inline script of the page hashes to a source the policy allows (the hash is worked out here from
  // the page as served, so a GOV.UK Frontend upgrade that changes the snippet fails this test).
  const inline = [...res.body.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([^<]*)<\/script>/g)].map((m) => m[1]!);
  assert.equal(inline.length, 1, 'one inline script');
  assert.ok(!/<script[^>]*nonce=/.test(res.body), 'no nonce: the bytes are the same for every reader');
  for (const text of inline)
    assert.ok(csp.includes(`'sha256-${createHash('sha256').update(text).digest('base64')}'`), csp);
  assert.doesNotMatch(/script-src [^;]*/.exec(csp)?.[0] ?? '', /'unsafe-inline'/);
  assert.equal(res.headers['set-cookie'], undefined, 'a page without a form sets no cookie');
});

test('GOV.UK Frontend assets are served', async () => {
  const css = await f.app.inject('/assets/govuk-frontend.min.css');
  assert.equal(css.statusCode, 200);
  assert.match(css.headers['content-type'] as string, /text\/css/);
  assert.equal((await f.app.inject('/assets/images/favicon.svg')).statusCode, 200);
  assert.equal((await f.app.inject('/assets/init.js')).statusCode, 200);
});

test('the API docs at /docs still load next to the pages', async () => {
  const res = await f.app.inject('/docs/');
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /swagger/i);
  assert.equal((await f.app.inject('/openapi.json')).statusCode, 200);
  const spec = (await f.app.inject('/openapi.json')).json() as { paths: Record<string, unknown> };
  assert.ok(
    !Object.keys(spec.paths).some((p) => p.startsWith('/search') || p.startsWith('/sign-in')),
    'pages stay out of the OpenAPI document',
  );
});
