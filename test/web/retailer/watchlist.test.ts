// Retailer watch list page through app.inject: add and remove a GTIN, replace the list by upload (multipart,
// CSRF first), errors in a GOV.UK error summary, each GTIN's product (hostile names as text) 100 a page,
// the feed addresses, refusals for other roles and without a CSRF token.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Browserish, HOSTILE, csrfToken, openWebFixture, type WebFixture } from '../support.js';
import { postMultipart, signedIn } from '../roles-support.js';
import { gs1CheckDigit } from '../../../src/gs1/gtin.js';

let f: WebFixture;
before(async () => {
  f = await openWebFixture({ web: { signInPerMinute: 100 } });
});
after(async () => {
  await f.close();
});

test('a retailer adds a GTIN, sees it listed, removes it; bad input shows an error summary, escaped', async () => {
  const b = await signedIn(f, f.retailer);
  const empty = await b.get('/retailer/watchlist');
  assert.equal(empty.statusCode, 200);
  assert.match(empty.body, /You are not watching any products yet/);
  assert.match(empty.body, /href="\/retailer\/watchlist"/, 'in the navigation');

  const added = await b.submit('/retailer/watchlist', '/retailer/watchlist/add', { gtin: '5012345678900' });
  assert.equal(added.statusCode, 303);
  const listed = await b.get(added.headers.location as string);
  assert.match(listed.body, /GTIN added to your watch list/);
  assert.equal((listed.body.match(/data-qa="watched-gtin"/g) ?? []).length, 1);
  assert.match(listed.body, />05012345678900</);

  const bad = await b.submit('/retailer/watchlist', '/retailer/watchlist/add', { gtin: HOSTILE });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /govuk-error-summary/);
  assert.ok(!bad.body.includes(HOSTILE), 'hostile text escaped');
  assert.match(bad.body, /&lt;script&gt;/);

  const removed = await b.submit('/retailer/watchlist', '/retailer/watchlist/remove', { gtin: '05012345678900' });
  assert.equal(removed.statusCode, 303);
  assert.match((await b.get('/retailer/watchlist')).body, /You are not watching any products yet/);
  const again = await b.submit('/retailer/watchlist', '/retailer/watchlist/remove', { gtin: '05012345678900' });
  assert.equal(again.statusCode, 400);
  assert.match(again.body, /not on the watch list/);
});

test('a retailer replaces the watch list by uploading a plain list or a CSV; a bad line is reported', async () => {
  const b = await signedIn(f, f.retailer);
  const upload = async (content: string, fileName = 'list.txt', contentType = 'text/plain') => {
    const form = await b.get('/retailer/watchlist');
    return postMultipart(f.app, b, '/retailer/watchlist/upload', { _csrf: csrfToken(form.body) }, [
      { name: 'watchlist', fileName, contentType, content },
    ]);
  };
  const plain = await upload('5012345678900\n01234567890128\n');
  assert.equal(plain.statusCode, 303);
  assert.equal(((await b.get('/retailer/watchlist')).body.match(/data-qa="watched-gtin"/g) ?? []).length, 2);
  const csv = await upload('sku,gtin\nA,00000002345673\n', 'list.csv', 'text/csv');
  assert.equal(csv.statusCode, 303);
  const page = await b.get('/retailer/watchlist');
  assert.equal((page.body.match(/data-qa="watched-gtin"/g) ?? []).length, 1);
  assert.match(page.body, />00000002345673</);
  const broken = await upload('sku,gtin\nA,5012345678901\n', 'list.csv', 'text/csv');
  assert.equal(broken.statusCode, 400);
  assert.match(broken.body, /govuk-error-summary/);
  assert.match(broken.body, /Line 2/);
  const huge = await upload('5012345678900\n'.repeat(300_000));
  assert.equal(huge.statusCode, 400, 'a file over 4 MB is refused with an error summary, not an error page');
  assert.match(huge.body, /govuk-error-summary[\s\S]*The file must be smaller than 4 MB/);
  const empty = await upload('');
  assert.equal(empty.statusCode, 400);
  assert.match(empty.body, /Select a file of GTINs/);
  const refused = await postMultipart(f.app, b, '/retailer/watchlist/upload', { _csrf: 'forged' }, [
    { name: 'watchlist', fileName: 'l.txt', contentType: 'text/plain', content: '5012345678900\n' },
  ]);
  assert.equal(refused.statusCode, 403);
});

test('each watched GTIN names its product (as text), 100 a page, and the page gives the feed addresses', async () => {
  const b = await signedIn(f, f.retailer);
  const filler = Array.from({ length: 150 }, (_, i) => {
    const body = `0900000000${String(i).padStart(3, '0')}`;
    return `${body}${gs1CheckDigit(body)}`;
  });
  const form = await b.get('/retailer/watchlist');
  const content = ['05012345678900', '05012345678917', ...filler].join('\n');
  const uploaded = await postMultipart(f.app, b, '/retailer/watchlist/upload', { _csrf: csrfToken(form.body) }, [
    { name: 'watchlist', fileName: 'l.txt', contentType: 'text/plain', content },
  ]);
  assert.equal(uploaded.statusCode, 303);
  const first = await b.get('/retailer/watchlist');
  assert.match(first.body, /152 GTINs watched/);
  assert.equal((first.body.match(/data-qa="watched-gtin"/g) ?? []).length, 100);
  assert.match(first.body, new RegExp(`href="/products/${f.acme.productId}">Acme CAM-200</a>`));
  assert.ok(!first.body.includes(HOSTILE), 'the hostile brand and model are text');
  assert.match(first.body, new RegExp(`href="/products/${f.acme.hostileProductId}">&lt;script&gt;`));
  assert.match(first.body, /data-qa="watched-product">Not in the registry</);
  assert.match(first.body, /data-qa="feed-atom">http:\/\/localhost:8080\/v1\/feeds\/retailer\.atom</);
  assert.match(first.body, /data-qa="feed-json">http:\/\/localhost:8080\/v1\/feeds\/retailer\.json</);
  assert.match(first.body, /href="\/retailer\/watchlist\?page=2"/);
  const second = await b.get('/retailer/watchlist?page=2');
  assert.equal((second.body.match(/data-qa="watched-gtin"/g) ?? []).length, 52);
  const past = await b.get('/retailer/watchlist?page=99');
  assert.equal(past.statusCode, 200);
  assert.equal((past.body.match(/data-qa="watched-gtin"/g) ?? []).length, 52, 'a page past the end shows the last');
  assert.equal((await b.get('/retailer/watchlist?page=99999999999999999999')).statusCode, 200);
  const cleared = await postMultipart(f.app, b, '/retailer/watchlist/upload', { _csrf: csrfToken(second.body) }, [
    { name: 'watchlist', fileName: 'l.txt', contentType: 'text/plain', content: '05012345678900\n' },
  ]);
  assert.equal(cleared.statusCode, 303);
});

test('the watch list pages are refused to other roles, to visitors, and without a CSRF token', async () => {
  const maker = await signedIn(f, f.acme);
  assert.equal((await maker.get('/retailer/watchlist')).statusCode, 403);
  assert.equal(
    (await maker.submit('/manufacturer', '/retailer/watchlist/add', { gtin: '5012345678900' })).statusCode,
    403,
  );
  const visitor = await new Browserish(f.app).get('/retailer/watchlist');
  assert.ok([302, 303].includes(visitor.statusCode), 'sent to sign in');
  const shop = await signedIn(f, f.retailer);
  const forged = await shop.post('/retailer/watchlist/add', { _csrf: 'forged', gtin: '5012345678900' });
  assert.equal(forged.statusCode, 403);
});
