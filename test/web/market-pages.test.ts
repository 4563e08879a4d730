// "Where this product meets the rules" on the consumer product page and, compact, on the QR check page: a
// row per market from the data, may it be sold (and until when), the labels it carries or could carry, why
// not with requirement ids, and the market's territories.md reference; hostile text escaped.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { crosswalkRows, listMarkets } from '../../src/regimes/index.js';
import { example, operator } from '../support/registry.js';
import { Browserish, openWebFixture, HOSTILE, TODAY, type WebFixture } from './support.js';

let f: WebFixture;
before(async () => {
  f = await openWebFixture();
});
after(async () => {
  await f.close();
});

/** Each market block of a page: its data attributes and inner HTML. */
export function marketBlocks(
  html: string,
): { market: string; sellable: string; until: string; from: string; body: string }[] {
  const out = [];
  const re =
    /data-qa="market" data-market="([A-Z]+)" data-sellable="(yes|no)" data-until="([\d-]*)" data-from="([\d-]*)"/g;
  const starts = [...html.matchAll(re)];
  for (const [i, m] of starts.entries()) {
    const end = starts[i + 1]?.index ?? html.length;
    out.push({ market: m[1]!, sellable: m[2]!, until: m[3]!, from: m[4]!, body: html.slice(m.index, end) });
  }
  return out;
}

test('the product page has a row per market of the data, in the data order, with the EU window of the CRA', async () => {
  const res = await f.app.inject({ url: `/products/${f.acme.productId}` });
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /<h2[^>]*id="markets">Where this product meets the rules<\/h2>/);
  const blocks = marketBlocks(res.body);
  assert.deepEqual(
    blocks.map((b) => b.market),
    listMarkets().map((m) => m.id),
  );
  const uk = blocks.find((b) => b.market === 'UK')!;
  assert.equal(uk.sellable, 'yes');
  assert.match(uk.body, /May be sold in the United Kingdom\./);
  // The registry's own label is drawn (a shield) in the UK, where it is in force.
  assert.match(uk.body, /data-state="carries"[^>]*><svg class="app-shield"/);
  const eu = blocks.find((b) => b.market === 'EU')!;
  assert.equal(eu.sellable, 'yes');
  assert.equal(eu.until, '2027-12-10');
  assert.match(eu.body, /until 10 December 2027, not after/);
  assert.match(eu.body, /From 11 December 2027 it does not meet the rules of EU CRA/);
  assert.match(eu.body, /eu-cra:cra-art13-8-support-period/);
  assert.match(eu.body, /territories\.md §2/);
  const us = blocks.find((b) => b.market === 'US')!;
  assert.match(us.body, /No law restricts its sale in the United States/);
  assert.match(us.body, /data-regime="us-cyber-trust-mark"/);
  for (const b of blocks) assert.match(b.body, /data-qa="market-reference">territories\.md §\d+/, b.market);
});

test('the QR check page shows the same answers, compact', async () => {
  const product = await f.services.products.getProduct(f.acme.productId);
  const res = await f.app.inject({ url: `/01/${product.gtins[0]}` });
  assert.equal(res.statusCode, 200);
  const page = (await f.app.inject({ url: `/products/${f.acme.productId}` })).body;
  const strip = (b: ReturnType<typeof marketBlocks>[number]) => ({ ...b, body: undefined });
  assert.deepEqual(marketBlocks(res.body).map(strip), marketBlocks(page).map(strip));
  assert.match(res.body, /<h2[^>]*>Where it may be sold<\/h2>/);
});

test('hostile brand and model are escaped on both pages; the market rows still render', async () => {
  const res = await f.app.inject({ url: `/products/${f.acme.hostileProductId}` });
  assert.equal(res.statusCode, 200);
  assert.ok(!res.body.includes(HOSTILE));
  assert.equal(marketBlocks(res.body).length, listMarkets().length);
  const hostile = await f.services.products.getProduct(f.acme.hostileProductId);
  const qr = await f.app.inject({ url: `/01/${hostile.gtins[0]}` });
  assert.ok(!qr.body.includes(HOSTILE));
  assert.equal(marketBlocks(qr.body).length, listMarkets().length);
});

test('an unknown product or barcode is a 404 page, not a market table', async () => {
  const res = await f.app.inject({ url: '/products/nope%3Cscript%3E', headers: { accept: 'text/html' } });
  assert.equal(res.statusCode, 404);
  assert.ok(!res.body.includes('data-qa="market"'));
  const qr = await f.app.inject({ url: '/01/05012345678993', headers: { accept: 'text/html' } });
  assert.equal(qr.statusCode, 404);
});

test('the manufacturer’s market report: every market with laws, labels, duties, gaps with ids, differences and the plan', async () => {
  const b = new Browserish(f.app);
  await b.signIn(f.acme.email, f.acme.password);
  const list = await b.get('/manufacturer');
  assert.match(list.body, new RegExp(`href="/manufacturer/products/${f.acme.productId}/markets"`));
  const product = await b.get(`/manufacturer/products/${f.acme.productId}`);
  assert.match(product.body, /data-qa="markets-link"/);
  const res = await b.get(`/manufacturer/products/${f.acme.productId}/markets`);
  assert.equal(res.statusCode, 200);
  const markets = [...res.body.matchAll(/data-qa="report-market" data-market="([A-Z]+)"/g)].map((m) => m[1]);
  assert.deepEqual(
    markets,
    listMarkets().map((m) => m.id),
  );
  assert.match(res.body, /data-qa="law" data-regime="eu-red-2025"/);
  assert.match(res.body, /From 11 December 2027 it does not meet the rules of EU CRA/);
  assert.match(res.body, /eu-cra:cra-art13-8-support-period/, 'the coming CRA gap with its requirement id');
  assert.match(res.body, /data-qa="obligation"/, 'CRA Article 14 reporting');
  assert.match(res.body, /data-qa="scheme" data-regime="jp-jcstar"/);
  assert.match(res.body, /Who verifies: /);
  assert.match(res.body, /data-qa="recognition">Recognised: IPA recognises/);
  assert.match(
    res.body,
    /data-qa="divergence"><span[^>]*>Security update period\.<\/span> Your support period is enough for [^<]*not for EU CRA/,
  );
  assert.match(res.body, /data-qa="plan-step"/);
  // The coming dates are the report's `upcoming`, one line each, the CRA's start among them, in words.
  const report = await f.services.markets.productMarkets(f.acme.productId, { at: TODAY });
  const coming = [...res.body.matchAll(/data-qa="coming-date" data-date="([0-9-]+)" data-stops="(yes|no)"/g)];
  assert.deepEqual(
    coming.map((c) => `${c[1]}:${c[2]}`),
    report.upcoming.map((u) => `${u.date}:${u.sellableBefore && !u.sellableFrom ? 'yes' : 'no'}`),
  );
  assert.match(
    res.body,
    /data-date="2027-12-11" data-stops="yes"><span[^>]*>11 December 2027, European Union: sales stop\.<\/span>[^<]*EU CRA/,
  );
});

test('the plan for a universal default password product lists the password change first', async () => {
  const b = new Browserish(f.app);
  await b.signIn(f.acme.email, f.acme.password);
  const doc = example('universal-default-password');
  doc.product.gtins = ['05012345678870'];
  const submitted = await f.services.declarations.submitForModel(operator, doc, { organisationId: f.acme.orgId });
  const res = await b.get(`/manufacturer/products/${submitted.product.id}/markets`);
  assert.equal(res.statusCode, 200);
  const first = /data-qa="plan-step"><span class="govuk-!-font-weight-bold">([^<]*)<\/span>: opens ([^.]*)\./.exec(
    res.body,
  );
  assert.equal(first?.[1], 'Passwords');
  assert.match(first?.[2] ?? '', /UK, EU, DE, FI, AU/);
});

test('the market report is the organisation’s own: another’s product is 404, a retailer 403, signed out to sign-in', async () => {
  const other = new Browserish(f.app);
  await other.signIn('bo@brightly.example', 'brightly password 1');
  assert.equal((await other.get(`/manufacturer/products/${f.acme.productId}/markets`)).statusCode, 404);
  const shop = new Browserish(f.app);
  await shop.signIn(f.retailer.email, f.retailer.password);
  assert.equal((await shop.get(`/manufacturer/products/${f.acme.productId}/markets`)).statusCode, 403);
  const nobody = new Browserish(f.app);
  const res = await nobody.get(`/manufacturer/products/${f.acme.productId}/markets`);
  assert.equal(res.statusCode, 303);
  assert.match(String(res.headers.location), /^\/sign-in\?next=/);
  const me = new Browserish(f.app);
  await me.signIn(f.acme.email, f.acme.password);
  assert.equal((await me.get('/manufacturer/products/%3Cscript%3E/markets')).statusCode, 404);
  const hostile = await me.get(`/manufacturer/products/${f.acme.hostileProductId}/markets`);
  assert.equal(hostile.statusCode, 200);
  assert.ok(!hostile.body.includes(HOSTILE));
});

test('the crosswalk page: one regime at a time by GET, each mapping with its basis, the same rows as the data', async () => {
  const home = await f.app.inject({ url: '/' });
  assert.match(home.body, /href="\/crosswalk">How the rules compare<\/a>/, 'linked from the footer');
  const res = await f.app.inject({ url: '/crosswalk?regime=uk-psti-2023&catalog=etsi-en-303645-v2.1.1' });
  assert.equal(res.statusCode, 200);
  const shown = [...res.body.matchAll(/data-qa="crosswalk-row" data-provision="([^"]+)" data-basis="([^"]+)"/g)].map(
    (m) => `${m[1]}:${m[2]}`,
  );
  const expected = crosswalkRows()
    .filter((r) => r.regime === 'uk-psti-2023' && r.catalog === 'etsi-en-303645-v2.1.1' && r.requirements.length > 0)
    .map((r) => `${r.provision}:${r.basis}`);
  assert.ok(expected.length > 0);
  assert.deepEqual(shown, expected);
  assert.ok(
    shown.every((s) => s.endsWith(':stated by the regime')),
    'PSTI Schedule 2 states its mapping',
  );
  const au = await f.app.inject({ url: '/crosswalk?regime=au-smart-devices-2025&catalog=etsi-en-303645-v3.1.3' });
  assert.match(au.body, /data-qa="crosswalk-row" data-provision="5\.1-1"/);
  assert.match(au.body, /<option value="etsi-en-303645-v3\.1\.3" selected>/);
  const plain = await f.app.inject({ url: '/crosswalk' });
  assert.equal(plain.statusCode, 200);
  assert.match(plain.body, /data-qa="crosswalk-summary"/);
});

test('the crosswalk page refuses an unknown or hostile regime or version with an error summary, escaped', async () => {
  const res = await f.app.inject({ url: `/crosswalk?regime=${encodeURIComponent(HOSTILE)}&catalog=nope` });
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /<title>Error: /);
  assert.match(res.body, /href="#regime">Choose a set of rules from the list/);
  assert.match(res.body, /href="#catalog">Choose a version of the standard from the list/);
  assert.ok(!res.body.includes(HOSTILE));
  assert.ok(!res.body.includes('data-qa="crosswalk-row"'));
  const twice = await f.app.inject({ url: '/crosswalk?regime=a&regime=b' });
  assert.equal(twice.statusCode, 400);
});
