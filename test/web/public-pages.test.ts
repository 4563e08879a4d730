// Public pages with app.inject: search, the product page's promises in words, escaping of hostile text,
// the manufacturer page, open data (CSV and JSON), and the label checks that work without JavaScript.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { systemActor } from '../../src/registry/index.js';
import { Browserish, HOSTILE, csrfToken, openWebFixture, type WebFixture } from './support.js';

let f: WebFixture;
before(async () => {
  f = await openWebFixture();
});
after(async () => {
  await f.close();
});

const ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;';

test('search finds products by words, by GTIN in any length, and says plainly when nothing matches', async () => {
  const byWords = await f.app.inject('/search?q=acme%20cam-200');
  assert.equal(byWords.statusCode, 200);
  assert.match(byWords.body, new RegExp(`href="/products/${f.acme.productId}">Acme CAM-200</a>`));
  assert.match(byWords.body, /Security updates until 31 December 2030/);
  const byGtin = await f.app.inject('/search?q=5012345678900');
  assert.match(byGtin.body, /1 product found/);
  const none = await f.app.inject('/search?q=nothing-like-this');
  assert.match(none.body, /No products match “nothing-like-this”/);
  const empty = await f.app.inject('/search?q=');
  assert.match(empty.body, /<title>Error: Search products – iotlabel<\/title>/);
  assert.match(empty.body, /href="#q">Enter a brand, model, barcode number or label ID/);
});

test('search finds a label by its ID, typed any way, with its status and product; an unknown ID finds nothing', async () => {
  const id = f.acme.labelId;
  for (const typed of [
    id,
    `${id.slice(0, 5).toLowerCase()}-${id.slice(5).toLowerCase()}`,
    ` ${id.slice(0, 3)} ${id.slice(3)} `,
  ]) {
    const res = await f.app.inject(`/search?q=${encodeURIComponent(typed)}`);
    assert.equal(res.statusCode, 200, typed);
    assert.match(res.body, new RegExp(`data-qa="label-match">\\s*<h2 class="govuk-heading-m">Label ${id}</h2>`), typed);
    assert.match(res.body, /In force/);
    assert.match(res.body, new RegExp(`href="/l\\?id=${id}">Check label ${id}</a>`));
    assert.match(res.body, /1 product found/);
    assert.match(res.body, new RegExp(`href="/products/${f.acme.productId}">Acme CAM-200</a>`));
  }
  const unknown = id === 'ZZZZZZZZZZ' ? 'YYYYYYYYYY' : 'ZZZZZZZZZZ';
  const none = await f.app.inject(`/search?q=${unknown.toLowerCase()}`);
  assert.equal(none.statusCode, 200);
  assert.doesNotMatch(none.body, /data-qa="label-match"/);
  assert.match(none.body, new RegExp(`No products or labels match “${unknown.toLowerCase()}”`));
  assert.match(none.body, new RegExp(`never issued a label with the ID ${unknown}\\.`));
  const looked = await f.app.inject(`/l?id=${id.toLowerCase()}`);
  assert.equal(looked.statusCode, 200, '/l reads a typed ID the same way');
  assert.match(looked.body, /In force/);
  const hostile = await f.services.labels.issueLabel(systemActor('test'), f.acme.hostileProductId, {
    regime: 'uk-2019-option-a',
  });
  const shown = await f.app.inject(`/search?q=${hostile.label.id}`);
  assert.match(shown.body, /data-qa="label-match"/);
  assert.ok(!shown.body.includes(HOSTILE), 'the hostile brand and model are text');
  assert.ok(shown.body.includes(`issued label ${hostile.label.id} for ${ESCAPED} ${ESCAPED}-2 by Acme Devices Ltd`));
});

test('the product page states the support period, the shield, how to report a problem, each UK regime and the history', async () => {
  const res = await f.app.inject(`/products/${f.acme.productId}`);
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /Security updates until 31 December 2030 — 4 years and 1 month from today/);
  assert.match(res.body, /The shield has a tick/);
  assert.match(
    res.body,
    /<a class="govuk-link" href="mailto:security@acme.example" rel="nofollow">security@acme.example<\/a>/,
  );
  assert.match(
    res.body,
    /confirm they have your report within 5 days, and to tell you what is happening at least every 30 days/,
  );
  assert.match(res.body, /data-qa="regime-uk-psti-2023" open/);
  assert.match(res.body, /data-qa="regime-uk-2019-option-a"/);
  assert.doesNotMatch(res.body, /data-qa="regime-etsi-/, 'the public page shows the UK regimes');
  assert.match(res.body, /Version 1<\/span>, 24 November 2026/);
  assert.match(res.body, new RegExp(`href="/v1/products/${f.acme.productId}/history">Proof in the transparency log`));
  assert.equal((await f.app.inject(`/v1/products/${f.acme.productId}/history`)).statusCode, 200);
  assert.match(res.body, new RegExp(`<img class="app-label-image" src="/v1/labels/${f.acme.labelId}.svg"`));
  const missing = await f.app.inject('/products/prd_doesnotexist0000');
  assert.equal(missing.statusCode, 404);
  assert.match(missing.body, /Page not found/);
});

test('hostile product names, models, justifications and contacts are shown as text, never as markup', async () => {
  for (const url of [
    `/products/${f.acme.hostileProductId}`,
    '/search?q=script',
    `/manufacturers/${f.acme.orgId}`,
    '/open-data/products.json',
  ]) {
    const res = await f.app.inject(url);
    assert.equal(res.statusCode, 200, url);
    assert.ok(!res.body.includes(HOSTILE) || url.endsWith('.json'), `${url} carries the raw markup`);
    if (!url.endsWith('.json')) assert.ok(res.body.includes(ESCAPED), `${url} shows the name as text`);
  }
  const page = (await f.app.inject(`/products/${f.acme.hostileProductId}`)).body;
  assert.doesNotMatch(page, /"><script>/);
  assert.match(page, /Security updates until 31 January 2027 — 2 months from today/);
  const search = await f.app.inject(`/search?q=${encodeURIComponent(HOSTILE)}`);
  assert.ok(!search.body.includes(HOSTILE));
});

test('the manufacturer page lists its products', async () => {
  const res = await f.app.inject(`/manufacturers/${f.acme.orgId}`);
  assert.match(res.body, /<h1 class="govuk-heading-xl app-break-anywhere">Acme Devices Ltd<\/h1>/);
  assert.match(res.body, /Products \(2\)/);
});

test('open data: every product with its current assessments, as CSV and JSON', async () => {
  const csv = await f.app.inject('/open-data/products.csv');
  assert.equal(csv.statusCode, 200);
  assert.match(csv.headers['content-type'] as string, /text\/csv/);
  const rows = parse(csv.body, { columns: true }) as Record<string, string>[];
  const cam = rows.find((r) => r.product_id === f.acme.productId)!;
  assert.equal(cam.support_end_date, '2030-12-31');
  assert.equal(cam['uk-psti-2023_outcome'], 'pass');
  assert.equal(cam['uk-psti-2023_sellable'], 'yes');
  const json = (await f.app.inject('/open-data/products.json')).json() as {
    id: string;
    assessments: { regime: string }[];
    gtins: string[];
  }[];
  assert.equal(json.length, rows.length);
  assert.deepEqual(json.find((p) => p.id === f.acme.productId)?.gtins, ['05012345678900']);
  assert.ok(json[0]!.assessments.length >= 8);
});

test('/01/<GTIN> shows the product and, without JavaScript, the label ID look-up', async () => {
  const res = await f.app.inject('/01/05012345678900');
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /<h1 class="govuk-heading-xl app-break-anywhere">Acme CAM-200<\/h1>/);
  assert.match(res.body, /<form method="get" action="\/l" data-qa="id-form">/);
  assert.match(res.body, /<script type="module" src="\/assets\/js\/web\/browser\/verify-page.js"><\/script>/);
  assert.equal((await f.app.inject('/01/05012345678901')).statusCode, 404, 'a bad check digit');
  assert.equal((await f.app.inject('/01/04006381333931')).statusCode, 404, 'no such product');
});

test('/l: the label ID look-up and the server-side check for browsers without JavaScript', async () => {
  const looked = await f.app.inject(`/l?id=${f.acme.labelId}`);
  assert.match(looked.body, /In force/);
  assert.equal((await f.app.inject('/l?id=NOSUCHLABEL')).statusCode, 404);
  assert.equal((await f.app.inject('/l?id=%3Cscript%3E')).statusCode, 400);
  const b = new Browserish(f.app);
  const genuine = await b.submit('/l', '/l', { token: f.acme.labelLink });
  assert.equal(genuine.statusCode, 200);
  assert.match(genuine.body, /data-verdict="genuine"/);
  assert.match(genuine.body, /<h2 class="govuk-heading-l">Genuine label<\/h2>/);
  const [head, payload, sig] = f.acme.token.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
  claims.sed = '2040-12-31';
  const tampered = `${head}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${sig}`;
  const forged = await b.submit('/l', '/l', { token: tampered });
  assert.match(forged.body, /<h2 class="govuk-heading-l">This label is not genuine<\/h2>/);
  const host = new URL(f.services.publicUrl).host;
  assert.match(forged.body, new RegExp(`<p [^>]*>This label was not issued by ${host}\\.</p>`));
  const verdictArea = /data-qa="verdict"[\s\S]*?<\/div>/.exec(forged.body)![0];
  assert.doesNotMatch(verdictArea, /[A-Za-z0-9_-]{43}|[A-Z]{4,}_[A-Z_]+/, 'no key ids, no error codes');
  assert.match(genuine.body, new RegExp(`Issued by ${host}, the registry that checked it\\.`));
  const notALink = await b.submit('/l', '/l', { token: 'https://elsewhere.example/products/1' });
  assert.match(notALink.body, /The link is not a label link/);
  const noToken = await b.submit('/l', '/l', { token: '' });
  assert.equal(noToken.statusCode, 400);
});

test('a form posted without its CSRF token, or with another one, is refused and changes nothing', async () => {
  const b = new Browserish(f.app);
  await b.get('/l');
  const none = await b.post('/l', { token: f.acme.token });
  assert.equal(none.statusCode, 403);
  assert.match(none.body, /This form has expired/);
  const other = new Browserish(f.app);
  const token = csrfToken((await other.get('/sign-in')).body);
  const foreign = await b.post('/sign-in', { _csrf: token, email: f.acme.email, password: f.acme.password });
  assert.equal(foreign.statusCode, 403, "another browser's token does not fit this browser's secret");
  assert.equal(b.cookies.has('iotlabel_session'), false);
});
