// GET /v1/sellable for a GTIN nobody registered: once the GTIN index is loaded the route answers it without
// an error being thrown, and the answer must be the very problem document the error path gives, for every
// spelling of the GTIN; invalid GTINs, regimes and days still get their own problems first.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openTestApp, bearer, type TestApp } from '../support/http.js';
import { withCheckDigit } from '../support/gtin.js';
import { declarationFor } from '../support/registry.js';

let t: TestApp;
before(async () => {
  t = await openTestApp();
});
after(() => t.close());

const unknown = withCheckDigit('508888888888');
const ask = (query: string) => t.app.inject(`/v1/sellable?${query}`);

test('an unknown GTIN: the same 404 problem from the index as from the store, and known once registered', async () => {
  const slow = await ask(`gtin=${unknown}&regime=uk-psti-2023`); // loads the index and validates the pair
  await t.services.sellability.warm('uk-psti-2023');
  const fast = await ask(`gtin=${unknown}&regime=uk-psti-2023`);
  assert.equal(slow.statusCode, 404);
  assert.equal(fast.statusCode, 404);
  assert.deepEqual(fast.json(), slow.json());
  assert.equal(fast.headers['content-type'], slow.headers['content-type']);
  assert.equal(fast.json().code, 'NOT_FOUND');
  assert.equal(fast.json().instance, `/v1/sellable?gtin=${unknown}&regime=uk-psti-2023`);
  const short = await ask(`gtin=${unknown.slice(1)}&regime=uk-psti-2023`);
  assert.equal(short.statusCode, 404);
  assert.equal(short.json().detail, `no product with GTIN ${unknown} is registered`);
  // Bad input is still refused for what it is.
  const badDigit = unknown.slice(0, -1) + String((Number(unknown.at(-1)) + 1) % 10);
  assert.equal((await ask(`gtin=${badDigit}&regime=uk-psti-2023`)).json().code, 'GTIN_INVALID');
  assert.equal((await ask(`gtin=${unknown}&regime=nope`)).json().code, 'REGIME_UNKNOWN');
  assert.equal((await ask(`gtin=${unknown}&regime=uk-psti-2023&at=2027-02-30`)).json().code, 'INPUT_INVALID');
  assert.equal((await ask(`gtin=${unknown}&product=x&regime=uk-psti-2023`)).json().code, 'INPUT_INVALID');
  const created = await t.app.inject({
    method: 'POST',
    url: '/v1/declarations',
    headers: bearer(t.keys.acme),
    payload: declarationFor({ brand: 'Acme', model: 'U-1', gtins: [unknown] }),
  });
  assert.equal(created.statusCode, 201, created.body);
  const found = await ask(`gtin=${unknown}&regime=uk-psti-2023`);
  assert.equal(found.statusCode, 200);
  assert.equal(found.json().outcome, 'pass');
});

test('a kept answer is sent from the read model at once, the same bytes as computed, and never after a write', async () => {
  const gtin = withCheckDigit('508888888777');
  const submit = (endDate: string) =>
    t.app.inject({
      method: 'POST',
      url: '/v1/declarations',
      headers: bearer(t.keys.acme),
      payload: declarationFor({ brand: 'Acme', model: 'K-1', gtins: [gtin] }, endDate),
    });
  assert.equal((await submit('2030-06-30')).statusCode, 201);
  await t.services.sellability.warm('uk-psti-2023');
  const computed = await ask(`gtin=${gtin}&regime=uk-psti-2023`); // kept by warm() or by this first ask
  const kept = await ask(`gtin=${gtin}&regime=uk-psti-2023`);
  const shortSpelling = await ask(`gtin=${gtin.slice(1)}&regime=uk-psti-2023`);
  for (const res of [kept, shortSpelling]) {
    assert.equal(res.statusCode, 200);
    assert.equal(res.body, computed.body);
    assert.equal(res.headers.etag, computed.headers.etag);
    assert.equal(res.headers['content-type'], 'application/json; charset=utf-8');
  }
  assert.equal(kept.json().supportEndDate, '2030-06-30');
  const notModified = await t.app.inject({
    url: `/v1/sellable?gtin=${gtin}&regime=uk-psti-2023`,
    headers: { 'if-none-match': String(kept.headers.etag) },
  });
  assert.equal(notModified.statusCode, 304);
  // A new version: the very next answer is the new one, not the kept one.
  assert.equal((await submit('2031-06-30')).statusCode, 201);
  const after = await ask(`gtin=${gtin}&regime=uk-psti-2023`);
  assert.equal(after.json().supportEndDate, '2031-06-30');
  assert.equal(after.json().declaration.version, 2);
  assert.notEqual(after.headers.etag, kept.headers.etag);
  // Another day is its own answer (the day is part of what is kept).
  const later = await ask(`gtin=${gtin}&regime=uk-psti-2023&at=2031-07-01`);
  assert.notEqual(later.json().reason, after.json().reason, later.body);
  assert.equal(later.json().at, '2031-07-01');
});
