// The retailer's market page: chosen once (CSRF-protected form), then the upload form preselects the rules
// binding a sale there and a check uploaded without naming rules uses them; bad choices and other roles refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Browserish, HOSTILE, csrfToken, openWebFixture, type WebFixture } from '../support.js';
import { postMultipart, waitForCheck } from '../roles-support.js';

let f: WebFixture;
before(async () => {
  f = await openWebFixture({ web: { signInPerMinute: 100 } });
});
after(async () => {
  await f.close();
});

async function retailerSignedIn(): Promise<Browserish> {
  const b = new Browserish(f.app);
  await b.signIn(f.retailer.email, f.retailer.password);
  return b;
}

test('a retailer chooses its market once; checks then use the rules binding a sale there', async () => {
  const b = await retailerSignedIn();
  const start = await b.get('/retailer');
  assert.match(start.body, /You have not said where your shop sells/);
  const page = await b.get('/retailer/market');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Where does your shop sell\?/);
  for (const id of ['UK', 'EU', 'DE', 'FI', 'AU', 'US', 'SG', 'JP'])
    assert.match(page.body, new RegExp(`value="${id}"`));
  const saved = await b.submit('/retailer/market', '/retailer/market', { market: 'AU' });
  assert.equal(saved.statusCode, 303);
  assert.equal(saved.headers.location, '/retailer?saved=market');
  const form = await b.get('/retailer?saved=market');
  assert.match(form.body, /Your market is saved/);
  assert.match(form.body, /Your shop sells in <strong>Australia<\/strong>/);
  assert.match(form.body, /<option value="market:AU" selected>Where my shop sells: Australia</);
  assert.match((await b.get('/retailer/market')).body, /value="AU" checked/);
  // Uploaded without naming rules: the check uses the market's.
  const started = await postMultipart(f.app, b, '/retailer/checks', { _csrf: csrfToken(form.body) }, [
    { name: 'catalogue', fileName: 'c.csv', contentType: 'text/csv', content: 'sku,gtin\nCAM-1,05012345678900\n' },
  ]);
  assert.equal(started.statusCode, 303);
  const done = await waitForCheck(b, started.headers.location as string);
  assert.match(done.body, /The laws binding a sale in Australia: Australia: Cyber Security Act 2024/);
  // Each row is the market's answer, as GET /v1/sellable?market=AU gives it.
  const answer = await f.services.markets.sellableInMarket({ gtin: '05012345678900', market: 'AU' });
  assert.match(done.body, new RegExp(`data-qa="result-row" data-sellable="${answer.answer.sellable ? 'yes' : 'no'}"`));
  assert.ok(done.body.includes(answer.answer.reason.replace(/'/g, '&#39;')), 'the row gives the market reason');
});

test('a shop in a market where no law binds a sale is told so, row by row, and may still pick a regime', async () => {
  const b = await retailerSignedIn();
  await b.submit('/retailer/market', '/retailer/market', { market: 'JP' });
  const form = await b.get('/retailer');
  assert.match(form.body, /<option value="market:JP" selected>/);
  const started = await postMultipart(f.app, b, '/retailer/checks', { _csrf: csrfToken(form.body) }, [
    { name: 'catalogue', fileName: 'c.csv', contentType: 'text/csv', content: 'sku,gtin\nCAM-1,05012345678900\n' },
  ]);
  const done = await waitForCheck(b, started.headers.location as string);
  assert.match(done.body, /Where the shop sells, Japan: no law restricts the sale/);
  // Naming a regime still checks against it; an unknown market in the form is refused, not guessed.
  const psti = await postMultipart(
    f.app,
    b,
    '/retailer/checks',
    { _csrf: csrfToken(form.body), regime: 'uk-psti-2023' },
    [{ name: 'catalogue', fileName: 'c.csv', contentType: 'text/csv', content: 'sku,gtin\nCAM-1,05012345678900\n' }],
  );
  assert.match(
    (await waitForCheck(b, psti.headers.location as string)).body,
    /UK PSTI|Product Security and Telecommunications/,
  );
  const bad = await postMultipart(f.app, b, '/retailer/checks', { _csrf: csrfToken(form.body), regime: 'market:XX' }, [
    { name: 'catalogue', fileName: 'c.csv', contentType: 'text/csv', content: 'sku,gtin\nCAM-1,05012345678900\n' },
  ]);
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /Select the rules to check against/);
  await b.submit('/retailer/market', '/retailer/market', { market: 'UK' });
});

test('a missing, unknown or hostile market is refused with an error summary; other roles get 403', async () => {
  const b = await retailerSignedIn();
  for (const market of ['', 'XX', HOSTILE]) {
    const res = await b.submit('/retailer/market', '/retailer/market', { market });
    assert.equal(res.statusCode, 400, market);
    assert.match(res.body, /<title>Error: /);
    assert.match(res.body, /href="#market-UK">Select the market your shop sells in/);
    assert.ok(!res.body.includes(HOSTILE));
  }
  const maker = new Browserish(f.app);
  await maker.signIn(f.acme.email, f.acme.password);
  assert.equal((await maker.get('/retailer/market')).statusCode, 403);
  const nobody = new Browserish(f.app);
  assert.equal((await nobody.get('/retailer/market')).statusCode, 303);
  // Without the form's token the choice is refused.
  const forged = await f.app.inject({
    method: 'POST',
    url: '/retailer/market',
    payload: 'market=UK',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(forged.statusCode, 403);
});

test('the watch list says, with the market chosen, whether each watched product may be sold there today', async () => {
  const b = await retailerSignedIn();
  await b.submit('/retailer/watchlist', '/retailer/watchlist/add', { gtin: '05012345678900' });
  await b.submit('/retailer/watchlist', '/retailer/watchlist/add', { gtin: '05012345678993' });
  await b.submit('/retailer/market', '/retailer/market', { market: 'UK' });
  const uk = await b.get('/retailer/watchlist');
  assert.equal(uk.statusCode, 200);
  const answer = await f.services.markets.sellableInMarket({ productId: f.acme.productId, market: 'UK' });
  assert.match(
    uk.body,
    new RegExp(
      `data-qa="watched-sale" data-sellable="${answer.answer.sellable ? 'yes' : 'no'}">May (not )?be sold in UK today`,
    ),
  );
  // An unregistered GTIN has no sale line, only "Not in the registry".
  assert.equal((uk.body.match(/data-qa="watched-sale"/g) ?? []).length, 1);
  assert.match(uk.body, /Not in the registry/);
});
