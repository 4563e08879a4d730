// NUL, control characters, bidi overrides and lone surrogates over every public GET route (API and pages) and
// the write routes: only 2xx/4xx on both databases, never a 500; a body's bad text is a 400 naming the field
// (issue 18, point 3).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DIALECTS } from '../support/dialects.js';
import { bearer, openTestApp, type TestApp } from '../support/http.js';
import { declarationFor } from '../support/registry.js';

const NASTY = ['\u0000', '\u0001', '\u001f', '\u007f', '\u0085', '\u009b', '\u202e', '\u2066', '\ud800', '\udfff'];
const nasty = fc.string({
  unit: fc.oneof(fc.constantFrom(...NASTY), fc.constantFrom('a', 'Z', '0', ' ', '%', '/', '?', '&', '=', '#', '\t')),
  minLength: 1,
  maxLength: 8,
});
const withNul = nasty.map((s) => `a\u0000${s}`);
/** Every byte percent-encoded (a lone surrogate becomes U+FFFD's bytes, as any client would send it). */
const enc = (s: string) => [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

const PAGES = ['/', '/search', '/l', '/open-data', '/products/:id', '/manufacturers/:id', '/01/:gtin', '/sign-in'];

for (const dialect of DIALECTS) {
  describe(dialect, () => {
    let t: TestApp;
    let getRoutes: string[] = [];
    before(async () => {
      t = await openTestApp({ writesPerMinute: 100_000 }, dialect);
      const doc = (await t.app.inject('/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
      getRoutes = Object.entries(doc.paths)
        .filter(([, ops]) => 'get' in ops)
        .map(([p]) => p.replace(/\{[^}]+\}/g, ':p'))
        .concat(PAGES.map((p) => p.replace(/:\w+/g, ':p')));
    });
    after(async () => {
      await t.close();
    });

    const get = (url: string, key?: string) => t.app.inject({ method: 'GET', url, headers: bearer(key) });

    test('the examples of the issue are a 400 on this database, as a problem document or a page', async () => {
      for (const url of ['/v1/products?q=%00', '/v1/products/prd_%00', '/v1/labels/AB%00CD']) {
        const res = await get(url);
        assert.equal(res.statusCode, 400, url);
        assert.match(res.headers['content-type'] as string, /^application\/problem\+json/, url);
        assert.equal(res.json().code, 'INPUT_INVALID');
      }
      const page = await get('/search?q=%00');
      assert.equal(page.statusCode, 400);
      assert.match(page.headers['content-type'] as string, /^text\/html/);
    });

    test('any text with control characters in a path or query parameter of a GET route: never a 5xx', async () => {
      await fc.assert(
        fc.asyncProperty(fc.oneof(nasty, withNul), fc.boolean(), async (value, signedIn) => {
          const v = enc(value);
          for (const route of getRoutes) {
            const url = `${route.replace(/:p/g, v)}?q=${v}&id=${v}&at=${v}&regime=${v}&cursor=${v}&gtin=${v}`;
            const res = await get(url, signedIn ? t.keys.retailer : undefined);
            assert.ok(res.statusCode < 500, `${res.statusCode} for ${url}: ${res.body.slice(0, 200)}`);
            if (value.includes('\u0000')) assert.equal(res.statusCode, 400, url);
          }
        }),
        { numRuns: 12 },
      );
    });

    test('a declaration or an organisation whose names carry such characters is a 400 naming the field', async () => {
      await fc.assert(
        fc.asyncProperty(nasty, fc.constantFrom('brand', 'model', 'name'), async (value, field) => {
          const doc = declarationFor({ brand: 'Acme', model: 'CAM-9', gtins: [] });
          doc.product[field] = `Acme ${value}`;
          const res = await t.app.inject({
            method: 'POST',
            url: '/v1/declarations',
            headers: bearer(t.keys.acme),
            payload: doc,
          });
          const refused =
            // eslint-disable-next-line no-control-regex -- the characters under test
            /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(value) ||
            /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(value);
          // Clean text may still be refused for what it says (a brand differing from the product's), never with a 5xx.
          if (refused) assert.equal(res.statusCode, 400, res.body.slice(0, 300));
          else assert.ok(res.statusCode < 500 && res.statusCode !== 400, res.body.slice(0, 300));
          if (refused)
            assert.deepEqual(
              res.json().errors.map((e: { pointer: string }) => e.pointer),
              [`/body/product/${field}`],
            );
          const org = await t.app.inject({
            method: 'POST',
            url: '/v1/organisations',
            headers: bearer(t.keys.admin),
            payload: { name: `Shop ${value}`, kind: 'retailer' },
          });
          assert.ok(org.statusCode < 500, org.body.slice(0, 300));
          if (refused) assert.equal(org.json().errors[0].pointer, '/body/name');
        }),
        { numRuns: 25 },
      );
    });
  });
}

test('a page form whose field carries a NUL or a bidi override is refused with an error page, not a 500', async () => {
  const t = await openTestApp();
  try {
    for (const email of ['a%00b%40example.com', 'a%E2%80%AEb%40example.com']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/sign-in',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
        payload: `email=${email}&password=x`,
      });
      assert.equal(res.statusCode, 400, res.body.slice(0, 300));
      assert.match(res.headers['content-type'] as string, /^text\/html/);
    }
  } finally {
    await t.close();
  }
});
