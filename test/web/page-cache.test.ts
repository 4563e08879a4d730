// Kept public pages: the QR landing page, the product page and search carry an ETag and public
// Cache-Control, answer 304 to If-None-Match, are the same bytes whatever token the link carries, and are
// dropped the moment a write changes a product they show.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { systemActor } from '../../src/registry/index.js';
import { declarationFor, example } from '../support/registry.js';
import { withCheckDigit } from '../support/gtin.js';
import { openWebFixture, type WebFixture } from './support.js';

let f: WebFixture;
before(async () => {
  f = await openWebFixture();
});
after(async () => {
  await f.close();
});

const GTIN = '05012345678900';
const operator = systemActor('test');

/** A new version of the Acme camera's declaration with this support end date. */
async function redeclare(endDate: string) {
  const doc = example('good-camera');
  doc.supportPeriod = { ...doc.supportPeriod, endDate };
  await f.services.declarations.submitForModel(operator, doc, { organisationId: f.acme.orgId });
}

/** The policy's allowed script hashes. */
function scriptHashesOf(csp: unknown): string[] {
  return [...String(csp).matchAll(/'sha256-([^']+)'/g)].map((m) => m[1]!);
}

test('the landing page: one page for every token, with an ETag, public caching and 304 on If-None-Match', async () => {
  const first = await f.app.inject(`/01/${GTIN}?t=first.token.value`);
  const second = await f.app.inject(`/01/${GTIN}?t=another.token`);
  assert.equal(first.statusCode, 200);
  assert.equal(first.body, second.body, 'the token is not part of the page');
  assert.ok(!first.body.includes('first.token.value') && !second.body.includes('another.token'));
  const etag = first.headers.etag as string;
  assert.match(etag, /^W\/"p-/);
  assert.equal(second.headers.etag, etag);
  assert.equal(first.headers['cache-control'], 'public, max-age=60');
  // The policy allows the page's inline snippet by its hash, on a 304 too; no nonce ties the bytes to a reader.
  const snippet = /<script>([^<]*)<\/script>/.exec(first.body)?.[1] ?? '';
  const hash = createHash('sha256').update(snippet).digest('base64');
  assert.ok(scriptHashesOf(first.headers['content-security-policy']).includes(hash));
  assert.ok(!first.body.includes('nonce='));
  const revalidated = await f.app.inject({ url: `/01/${GTIN}?t=x`, headers: { 'if-none-match': etag } });
  assert.equal(revalidated.statusCode, 304);
  assert.equal(revalidated.body, '');
  assert.deepEqual(scriptHashesOf(revalidated.headers['content-security-policy']), [hash]);
  const stale = await f.app.inject({ url: `/01/${GTIN}`, headers: { 'if-none-match': 'W/"p-not-this-one"' } });
  assert.equal(stale.statusCode, 200);
  // Unknown and malformed barcode numbers are still a plain 404, never kept as a page.
  assert.equal((await f.app.inject(`/01/${withCheckDigit('509999999999')}`)).statusCode, 404);
  assert.equal((await f.app.inject('/01/05012345678901')).statusCode, 404);
  assert.equal((await f.app.inject('/01/%3Cscript%3E')).statusCode, 404);
});

test('a write drops the kept landing and product pages of that product at once', async () => {
  const landing = await f.app.inject(`/01/${GTIN}`);
  const product = await f.app.inject(`/products/${f.acme.productId}`);
  const other = await f.app.inject(`/products/${f.acme.hostileProductId}`);
  assert.match(product.body, /Security updates until 31 December 2030/);
  const productEtag = product.headers.etag as string;
  assert.equal(
    (await f.app.inject({ url: `/products/${f.acme.productId}`, headers: { 'if-none-match': productEtag } }))
      .statusCode,
    304,
  );
  await redeclare('2031-06-30');
  const landingAfter = await f.app.inject({ url: `/01/${GTIN}`, headers: { 'if-none-match': landing.headers.etag } });
  assert.equal(landingAfter.statusCode, 200, 'the old ETag no longer matches');
  assert.notEqual(landingAfter.headers.etag, landing.headers.etag);
  const productAfter = await f.app.inject({
    url: `/products/${f.acme.productId}`,
    headers: { 'if-none-match': productEtag },
  });
  assert.equal(productAfter.statusCode, 200);
  assert.match(productAfter.body, /Security updates until 30 June 2031/);
  assert.doesNotMatch(productAfter.body, /Security updates until 31 December 2030/);
  const otherAfter = await f.app.inject(`/products/${f.acme.hostileProductId}`);
  assert.equal(otherAfter.headers.etag, other.headers.etag, "another product's page is kept");
  assert.equal(otherAfter.body, other.body);
});

test('search is kept until any product changes: a newly registered match shows at once', async () => {
  const before = await f.app.inject('/search?q=pagecache');
  assert.equal(before.statusCode, 200);
  assert.match(before.body, /No products match “pagecache”/);
  const etag = before.headers.etag as string;
  assert.equal(
    (await f.app.inject({ url: '/search?q=pagecache', headers: { 'if-none-match': etag } })).statusCode,
    304,
  );
  await f.services.declarations.submitForModel(
    operator,
    declarationFor({ brand: 'Pagecache', model: 'PC-1', gtins: ['05012345679006'] }),
    { organisationId: f.acme.orgId },
  );
  const after = await f.app.inject({ url: '/search?q=pagecache', headers: { 'if-none-match': etag } });
  assert.equal(after.statusCode, 200);
  assert.match(after.body, /1 product found/);
  assert.match(after.body, /Pagecache PC-1/);
});

test('kept pages send the same security headers as any other page, on 200, 304 and 404 alike', async () => {
  const SECURITY = [
    'content-security-policy',
    'cross-origin-opener-policy',
    'cross-origin-resource-policy',
    'referrer-policy',
    'strict-transport-security',
    'x-content-type-options',
    'x-frame-options',
  ];
  const pick = (headers: Record<string, unknown>) => Object.fromEntries(SECURITY.map((name) => [name, headers[name]]));
  // The home page goes through helmet on each request; the kept pages send its headers worked out once.
  const home = pick((await f.app.inject('/')).headers);
  for (const name of SECURITY) assert.equal(typeof home[name], 'string', name);
  const landing = await f.app.inject(`/01/${GTIN}`);
  const answers = [
    landing,
    await f.app.inject({ url: `/01/${GTIN}`, headers: { 'if-none-match': landing.headers.etag as string } }),
    await f.app.inject(`/products/${f.acme.productId}`),
    await f.app.inject('/search?q=acme'),
    await f.app.inject('/search?q='),
    await f.app.inject('/products/no-such-product'),
    await f.app.inject('/01/%3Cscript%3E'),
  ];
  assert.deepEqual(
    answers.map((a) => a.statusCode),
    [200, 304, 200, 200, 200, 404, 404],
  );
  for (const answer of answers) assert.deepEqual(pick(answer.headers), home, answer.raw.req.url);
});
