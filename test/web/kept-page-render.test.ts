// A kept public page (the day's shell around the product's fragment, from the read model and the kept market
// rows) is byte for byte the page a full render gives from the store: checked against the template rendered
// whole with what the store says, for several products, after writes that change them (no stale page), with
// a revoked label, a product with no declaration, and hostile text; hostile addresses still get the 404 page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { systemActor } from '../../src/registry/index.js';
import { createViewEnvironment } from '../../src/web/nunjucks-setup.js';
import { navigationFor } from '../../src/web/navigation.js';
import { marketTable } from '../../src/web/models/market-table.js';
import { productPageModel, supportSentence } from '../../src/web/models/product-model.js';
import { keptMarketRows } from '../../src/web/market-rows.js';
import { warmPages } from '../../src/web/plugin.js';
import { declarationFor } from '../support/registry.js';
import { withCheckDigit } from '../support/gtin.js';
import { compactHtml } from '../../src/web/compact-html.js';
import { INLINE_SNIPPET } from '../../src/web/render.js';
import { Browserish, HOSTILE, TODAY, openWebFixture, squashSpace, type WebFixture } from './support.js';

let f: WebFixture;
before(async () => {
  f = await openWebFixture();
});
after(async () => {
  await f.close();
});

const operator = systemActor('test');
const ACME_GTIN = '05012345678900';
const HOSTILE_GTIN = '05012345678917';

/** The landing page as the template renders it whole, from what the store says now (not the read model). */
async function fullLandingPage(gtin: string, path = `/01/${gtin}`): Promise<string> {
  const env = createViewEnvironment();
  env.addGlobal('todayIso', () => TODAY);
  const product = await f.services.products.getProductByGtin(gtin);
  const markets = product.latestDeclaration
    ? marketTable(
        await f.services.markets.productMarkets(product.id, { at: TODAY }),
        await f.services.labels.ofProduct(product.id),
      )
    : [];
  return env.render('pages/verify-gtin.njk', {
    publicUrl: f.services.publicUrl,
    today: TODAY,
    pageTitle: `Check the label on ${product.brand} ${product.model}`,
    product,
    support: supportSentence(product.latestDeclaration?.supportEndDate, TODAY),
    markets,
    currentPath: path,
    signedIn: null,
    navigation: navigationFor(null, path),
    csrfField: () => '',
  });
}

async function assertLandingIsFull(gtin: string, because: string): Promise<string> {
  const served = await f.app.inject(`/01/${gtin}`);
  assert.equal(served.statusCode, 200, because);
  const again = await f.app.inject(`/01/${gtin}?t=some.token`);
  assert.equal(again.body, served.body, `${because}: the kept page is the first one`);
  assert.equal(
    squashSpace(served.body),
    squashSpace(await fullLandingPage(gtin)),
    `${because}: kept page equals a full render`,
  );
  return served.body;
}

test('the kept landing page equals a full render, for several products and with hostile text escaped', async () => {
  await assertLandingIsFull(ACME_GTIN, 'Acme camera');
  const hostile = await assertLandingIsFull(HOSTILE_GTIN, 'hostile product');
  assert.ok(!hostile.includes(HOSTILE), 'no markup from the manufacturer reaches the page');
  assert.match(hostile, /<title>Check the label on &lt;script&gt;alert\(1\)&lt;\/script&gt; &lt;script&gt;/);
  // The shell is shared; the products' parts are their own.
  assert.ok(!hostile.includes('CAM-200'));
});

test('a product with no declaration has no market rows and says no support period', async () => {
  const gtin = withCheckDigit('501234599990');
  await f.services.products.createProduct(operator, {
    brand: 'Acme',
    model: 'DRAFT-1',
    name: 'Acme draft plug',
    category: 'smart-plug',
    gtins: [gtin],
    organisationId: f.acme.orgId,
  });
  const page = await assertLandingIsFull(gtin, 'undeclared product');
  assert.ok(!page.includes('data-qa="markets"'));
  assert.match(page, /has not said until when this product gets security updates/);
});

test('after a write the kept page follows: a new declaration, then a revoked label', async () => {
  const before = await assertLandingIsFull(ACME_GTIN, 'before the write');
  assert.match(before, /Security updates until 31 December 2030/);
  await f.services.declarations.submitForModel(
    operator,
    declarationFor({ brand: 'Acme', model: 'CAM-200', gtins: [ACME_GTIN] }, '2032-03-31'),
    { organisationId: f.acme.orgId },
  );
  const after = await assertLandingIsFull(ACME_GTIN, 'after a new declaration');
  assert.match(after, /data-qa="support-period">Security updates until 31 March 2032/);

  const carried = await f.app.inject(`/01/${ACME_GTIN}`);
  await f.services.labels.changeStatus({ kind: 'system', via: 'test' }, f.acme.labelId, {
    status: 'revoked',
    reason: 'Market surveillance found a universal password',
  });
  const revoked = await assertLandingIsFull(ACME_GTIN, 'after the label is revoked');
  assert.notEqual(revoked, carried.body, 'the market rows no longer say it carries a label in force');
});

test('the kept market rows are dropped with the product: worked out again after a write', async () => {
  const rows = keptMarketRows(f.services);
  const gtin = withCheckDigit('501234599991');
  const { product } = await f.services.declarations.submitForModel(
    operator,
    declarationFor({ brand: 'Acme', model: 'CAM-300', gtins: [gtin] }, '2031-06-30'),
    { organisationId: f.acme.orgId },
  );
  await rows.warm();
  const kept = await rows.rowsOf(product.id, true, TODAY);
  assert.equal(await rows.rowsOf(product.id, true, TODAY), kept, 'the same rows while nothing changes');
  assert.ok(!kept.some((r) => r.labels.some((l) => l.state === 'carries')));
  // A label issued for it changes what its rows say it carries.
  await f.services.labels.issueLabel(operator, product.id, { regime: 'uk-2019-option-a' });
  const fresh = await rows.rowsOf(product.id, true, TODAY);
  assert.ok(
    fresh.some((r) => r.labels.some((l) => l.state === 'carries')),
    'the new label shows',
  );
  assert.match(await assertLandingIsFull(gtin, 'after the label is issued'), /Carries this registry/);
  assert.deepEqual(await rows.rowsOf('no-such-product', false, TODAY), []);
});

test('kept market rows are shared: alike products hold one list, a labelled one shares its unchanged rows', async () => {
  const rows = keptMarketRows(f.services);
  const declare = async (n: number) =>
    (
      await f.services.declarations.submitForModel(
        operator,
        declarationFor(
          { brand: 'Acme', model: `SHARE-${n}`, gtins: [withCheckDigit(`50123458800${n}`)] },
          '2031-06-30',
        ),
        { organisationId: f.acme.orgId },
      )
    ).product.id;
  const [a, b, c] = [await declare(1), await declare(2), await declare(3)];
  await f.services.labels.issueLabel(operator, c, { regime: 'uk-2019-option-a' });
  const fromStore = async (id: string) =>
    marketTable(await f.services.markets.productMarkets(id, { at: TODAY }), await f.services.labels.ofProduct(id));
  const [ra, rb, rc] = [
    await rows.rowsOf(a, true, TODAY),
    await rows.rowsOf(b, true, TODAY),
    await rows.rowsOf(c, true, TODAY),
  ];
  // What is kept is what the store says (round trip), product by product.
  assert.deepEqual(ra, await fromStore(a));
  assert.deepEqual(rb, await fromStore(b));
  assert.deepEqual(rc, await fromStore(c));
  assert.equal(rb, ra, 'products answered alike keep one list of rows');
  const differ = rc.filter((row, i) => JSON.stringify(row) !== JSON.stringify(ra[i]));
  assert.ok(differ.length > 0 && differ.length < rc.length, 'the label changes some markets only');
  for (const [i, row] of rc.entries())
    if (!differ.includes(row)) assert.equal(row, ra[i], `the ${row.market} row is one copy`);
});

test('unknown, malformed and hostile barcode numbers get the 404 page, never a kept one', async () => {
  for (const path of [
    `/01/${withCheckDigit('509999999999')}`,
    '/01/05012345678901',
    '/01/%3Cscript%3Ealert(1)%3C%2Fscript%3E',
    `/01/${'9'.repeat(60)}`,
  ]) {
    const res = await f.app.inject({ url: path, headers: { accept: 'text/html' } });
    assert.equal(res.statusCode, 404, path);
    assert.ok(!res.body.includes('<script>alert'), `${path}: nothing echoed as markup`);
    assert.equal(res.headers.etag, undefined, `${path}: not kept`);
  }
});

test('a kept page goes gzipped, then in brotli to a browser once asked for often, the same page as sent plain', async () => {
  const browser = { 'accept-encoding': 'gzip, deflate, br, zstd' };
  const plain = await f.app.inject(`/01/${HOSTILE_GTIN}`);
  // Gzipped at first; from the eighth request a browser, which takes brotli, gets that.
  const first = await f.app.inject({ url: `/01/${HOSTILE_GTIN}`, headers: browser });
  assert.equal(first.headers['content-encoding'], 'gzip');
  assert.equal(gunzipSync(first.rawPayload).toString('utf8'), plain.body);
  for (let i = 0; i < 5; i++) await f.app.inject({ url: `/01/${HOSTILE_GTIN}`, headers: browser });
  const compressed = await f.app.inject({ url: `/01/${HOSTILE_GTIN}`, headers: browser });
  assert.equal(compressed.headers['content-encoding'], 'br');
  assert.equal(compressed.headers.vary, 'Accept-Encoding');
  assert.equal(compressed.headers.etag, plain.headers.etag);
  assert.equal(brotliDecompressSync(compressed.rawPayload).toString('utf8'), plain.body);
  assert.ok(compressed.rawPayload.byteLength * 2 < plain.rawPayload.byteLength, 'much smaller');
  for (const accept of ['gzip', 'gzip, br;q=0', 'br;q=0, *']) {
    const zipped = await f.app.inject({ url: `/01/${HOSTILE_GTIN}`, headers: { 'accept-encoding': accept } });
    assert.equal(zipped.headers['content-encoding'], 'gzip', accept);
    assert.equal(zipped.headers.etag, plain.headers.etag);
    assert.equal(gunzipSync(zipped.rawPayload).toString('utf8'), plain.body, accept);
  }
  // Both forms kept side by side: the browser still gets the same brotli bytes.
  const again = await f.app.inject({ url: `/01/${HOSTILE_GTIN}`, headers: browser });
  assert.deepEqual(again.rawPayload, compressed.rawPayload);
  // Refused (q=0) or not offered: plain.
  for (const headers of [{ 'accept-encoding': 'gzip;q=0, br;q=0' }, { 'accept-encoding': 'identity' }, {}]) {
    const res = await f.app.inject({ url: `/01/${HOSTILE_GTIN}`, headers });
    assert.equal(res.headers['content-encoding'], undefined, JSON.stringify(headers));
    assert.equal(res.body, plain.body);
  }
  const notModified = await f.app.inject({
    url: `/01/${HOSTILE_GTIN}`,
    headers: { ...browser, 'if-none-match': String(plain.headers.etag) },
  });
  assert.equal(notModified.statusCode, 304);
});

test("a kept page leaves out the templates' indentation and blank lines, not what shows", async () => {
  const kept = (await f.app.inject(`/01/${HOSTILE_GTIN}`)).body;
  // A line break where the fragment meets the shell may stay doubled; nowhere a run of blank lines.
  assert.doesNotMatch(kept, /\n[ \t]*\n[ \t]*\n/, 'no blank lines');
  assert.ok(kept.length * 1.05 < (await fullLandingPage(HOSTILE_GTIN)).length, 'smaller than the template renders it');
  assert.doesNotMatch(visible(kept).main!, /\n[ \t]+</, 'no indentation before a tag');
  // The page's one inline script, pinned by its hash in the policy, is left byte for byte.
  assert.match(kept, new RegExp(`<script>${INLINE_SNIPPET.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</script>`));
  // A pre or textarea keeps its lines as written.
  assert.equal(
    compactHtml('<div>\n  <pre>a\n   b\n\n</pre>\n\n  <p>x\n  y</p></div>'),
    '<div>\n<pre>a\n   b\n\n</pre>\n<p>x\ny</p></div>',
  );
  assert.equal(
    compactHtml('<textarea>\n  kept\n</textarea>\u00a0\n\u00a0x'),
    '<textarea>\n  kept\n</textarea>\u00a0\n\u00a0x',
  );
});

/** The page's <title> and <main>: what differs between a signed-in reader's page and a kept one is elsewhere. */
const visible = (html: string) => ({
  title: /<title>([\s\S]*?)<\/title>/.exec(html)?.[1],
  main: /<main[\s\S]*<\/main>/.exec(html)?.[0],
});

test('the kept product page shows what a full render shows, for several products and after a write', async () => {
  const reader = new Browserish(f.app);
  assert.equal((await reader.signIn(f.retailer.email, f.retailer.password)).statusCode, 303);
  const compare = async (productId: string, because: string) => {
    const kept = await f.app.inject(`/products/${productId}`);
    const full = await reader.get(`/products/${productId}`);
    assert.equal(kept.statusCode, 200, because);
    assert.ok(!full.body.includes('data-qa="sign-in-link"'), 'the signed-in page is rendered whole');
    assert.deepEqual(visible(squashSpace(kept.body)), visible(squashSpace(full.body)), because);
    assert.ok(visible(kept.body).main, because);
    return kept.body;
  };
  const hostile = await compare(f.acme.hostileProductId, 'hostile product');
  assert.ok(!hostile.includes(HOSTILE));
  await compare(f.acme.productId, 'Acme camera');
  await f.services.declarations.submitForModel(
    operator,
    declarationFor({ brand: 'Acme', model: 'CAM-200', gtins: [ACME_GTIN] }, '2034-05-31'),
    { organisationId: f.acme.orgId },
  );
  assert.match(await compare(f.acme.productId, 'after a write'), /Security updates until 31 May 2034/);
  assert.equal((await f.app.inject('/products/no-such-product')).statusCode, 404);
  assert.equal((await f.app.inject('/products/%3Cscript%3E')).statusCode, 404);
});

test("the product page's regime verdicts, rendered once per distinct verdicts, are the macro's own output", async () => {
  const env = createViewEnvironment();
  const inline = (regimes: unknown) =>
    env.renderString(
      '{% from "partials/regimes.njk" import regimeVerdict %}' +
        '{% for regime in regimes %}{{ regimeVerdict(regime, loop.first, false) }}{% endfor %}',
      { regimes },
    );
  const verdictsOf = async (productId: string) => {
    const product = await f.services.products.getProduct(productId);
    const declarations = await f.services.declarations.listDeclarations(null, productId);
    return productPageModel(product, declarations, f.services.engine, TODAY).regimes;
  };
  const seen = new Set<string>();
  for (const productId of [f.acme.productId, f.acme.hostileProductId]) {
    const regimes = await verdictsOf(productId);
    assert.ok(regimes.length > 1, 'several UK regimes');
    const expected = inline(regimes);
    assert.match(expected, /<details class="govuk-details" data-qa="regime-/);
    const page = (await f.app.inject(`/products/${productId}`)).body;
    assert.ok(
      squashSpace(page).includes(squashSpace(expected)),
      `${productId}: the page holds the macro's output as it is`,
    );
    // Asked again with equal verdicts in other objects: the same text.
    const shared = env.getGlobal('sharedPartial') as (name: string, value: unknown) => { toString(): string };
    const once = shared('partials/regime-verdicts.njk', regimes).toString();
    assert.equal(once, expected);
    assert.equal(shared('partials/regime-verdicts.njk', structuredClone(regimes)).toString(), expected);
    seen.add(expected);
  }
  // A verdict that reads differently is rendered on its own, never taken for another's.
  const regimes = await verdictsOf(f.acme.productId);
  const changed = structuredClone(regimes);
  changed[0]!.outcome.text = '<script>alert(1)</script>';
  const shared = env.getGlobal('sharedPartial') as (name: string, value: unknown) => { toString(): string };
  const other = shared('partials/regime-verdicts.njk', changed).toString();
  assert.equal(other, inline(changed));
  assert.ok(!other.includes('<script>') && other.includes('&lt;script&gt;'), 'escaped');
  assert.ok(!seen.has(other));
});

test('the search form, rendered once with the query put in escaped, is what rendering it directly gives', async () => {
  const env = createViewEnvironment();
  const marked = env.getGlobal('markedPartial') as (name: string, value: unknown, text: unknown) => object;
  const queries = [
    'TILL-1',
    HOSTILE,
    '"quoted" & \'single\' `back`',
    'true',
    '0',
    'x'.repeat(200),
    'ünïcödé 日本',
    '\u0001iotlabel-text\u0001',
    '{{ 7 * 7 }}',
    '',
  ];
  for (const text of queries)
    for (const value of [null, 'Enter a brand, model, barcode number or label ID']) {
      const direct = env.render('partials/search-form.njk', { value, text });
      assert.equal(String(marked('partials/search-form.njk', value, text)), direct, JSON.stringify({ text, value }));
    }
  // Through the app: a hostile query is shown escaped in the box, and the page is kept as rendered.
  const url = `/search?q=${encodeURIComponent(HOSTILE)}`;
  const served = await f.app.inject(url);
  assert.equal(served.statusCode, 200);
  assert.ok(!served.body.includes(HOSTILE));
  assert.ok(
    squashSpace(served.body).includes(
      squashSpace(env.render('partials/search-form.njk', { value: null, text: HOSTILE })),
    ),
  );
  assert.equal((await f.app.inject(url)).body, served.body);
  // An overlong query is cut to 200 characters, in the box too.
  const long = await f.app.inject(`/search?q=${'a'.repeat(5000)}`);
  assert.equal(long.statusCode, 200);
  assert.match(long.body, new RegExp(`value="${'a'.repeat(200)}"`));
  assert.ok(!long.body.includes('a'.repeat(201)));
  // No query: the error is in the form, and nothing is kept.
  const empty = await f.app.inject('/search?q=');
  assert.match(empty.body, /govuk-error-message/);
  assert.match(empty.body, /name="q"[^>]*value=""/, 'an empty box, rendered directly');
});

test('warmPages keeps the landing and product pages: the first request is answered in brotli from memory, and a write drops them', async () => {
  const gtin = withCheckDigit('501234599977');
  const { product } = await f.services.declarations.submitForModel(
    operator,
    declarationFor({ brand: 'Acme', model: 'CAM-WARM', gtins: [gtin] }, '2031-06-30'),
    { organisationId: f.acme.orgId },
  );
  await f.services.sellability.warm();
  await warmPages(f.services);
  const browser = { 'accept-encoding': 'gzip, deflate, br, zstd' };
  // A page rendered on this request goes plain; one kept before it, in brotli.
  const first = await f.app.inject({ url: `/01/${gtin}`, headers: browser });
  assert.equal(first.statusCode, 200);
  assert.equal(first.headers['content-encoding'], 'br', 'kept before the first scan');
  const page = brotliDecompressSync(first.rawPayload).toString('utf8');
  assert.equal(squashSpace(page), squashSpace(await fullLandingPage(gtin)), 'the warmed page is a full render');
  assert.match(page, /Security updates until 30 June 2031/);
  // A client that takes only gzip gets the same page gzipped.
  const gzipOnly = await f.app.inject({ url: `/01/${gtin}`, headers: { 'accept-encoding': 'gzip' } });
  assert.equal(gzipOnly.headers['content-encoding'], 'gzip');
  assert.equal(gunzipSync(gzipOnly.rawPayload).toString('utf8'), page);

  // The product page too, the same as one rendered whole for a signed-in reader.
  const kept = await f.app.inject({ url: `/products/${product.id}`, headers: browser });
  assert.equal(kept.headers['content-encoding'], 'br', 'the product page was kept before its first request');
  const keptPage = brotliDecompressSync(kept.rawPayload).toString('utf8');
  const reader = new Browserish(f.app);
  assert.equal((await reader.signIn(f.retailer.email, f.retailer.password)).statusCode, 303);
  const full = await reader.get(`/products/${product.id}`);
  assert.deepEqual(visible(squashSpace(keptPage)), visible(squashSpace(full.body)));
  assert.match(keptPage, /Security updates until 30 June 2031/);

  await f.services.declarations.submitForModel(
    operator,
    declarationFor({ brand: 'Acme', model: 'CAM-WARM', gtins: [gtin] }, '2033-01-31'),
    { organisationId: f.acme.orgId },
  );
  const after = await f.app.inject({ url: `/01/${gtin}`, headers: browser });
  assert.equal(after.headers['content-encoding'], undefined, 'dropped by the write, rendered on this request');
  assert.match(after.body, /Security updates until 31 January 2033/);
  const productAfter = await f.app.inject({ url: `/products/${product.id}`, headers: browser });
  assert.equal(productAfter.headers['content-encoding'], undefined, 'the product page was dropped by the write too');
  assert.match(productAfter.body, /Security updates until 31 January 2033/);
});
