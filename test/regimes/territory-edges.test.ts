// The territory regimes at the registry's edges with no adapter change (territories.md): GET /v1/sellable
// and a catalogue check take their ids, with each regime's own sale rule, and the product page keeps
// showing the UK regimes first.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { systemActor } from '../../src/registry/index.js';
import { openWebFixture, type WebFixture } from '../web/support.js';

let f: WebFixture;
before(async () => {
  f = await openWebFixture({});
});
after(async () => {
  await f.close();
});

const sellable = async (regime: string, at: string) => {
  const res = await f.app.inject({ method: 'GET', url: `/v1/sellable?gtin=05012345678900&regime=${regime}&at=${at}` });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as { sellable: boolean; outcome: string };
};

test('GET /v1/sellable: the good camera may be sold under AU and RED; the CRA stops it from 11 Dec 2027', async () => {
  const au = await sellable('au-smart-devices-2025', '2026-11-24');
  assert.deepEqual([au.outcome, au.sellable], ['pass', true]);
  assert.equal((await sellable('eu-red-2025', '2026-11-24')).sellable, true);
  assert.equal((await sellable('eu-cra', '2027-12-10')).sellable, true, 'only Article 14 applies then');
  const cra = await sellable('eu-cra', '2027-12-11');
  assert.deepEqual([cra.outcome, cra.sellable], ['fail', false]);
});

test('GET /v1/sellable: a voluntary label that is not earned restricts nothing', async () => {
  const ctm = await sellable('us-cyber-trust-mark', '2026-11-24');
  assert.deepEqual([ctm.outcome, ctm.sellable], ['fail', true]);
});

test("a catalogue check under a territory law judges by the law's sale rule", async () => {
  const key = (await f.services.organisations.createKey(systemActor('test'), f.retailer.orgId, {})).key;
  const res = await f.app.inject({
    method: 'POST',
    url: '/v1/checks?regime=au-smart-devices-2025&at=2026-11-24',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'text/csv' },
    payload: 'gtin\n05012345678900\n00000000000000\n',
  });
  assert.equal(res.statusCode, 200);
  const [known, unknown] = res.body
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.deepEqual([known?.outcome, known?.sellable], ['pass', true]);
  assert.equal(unknown?.sellable, false, 'a law: an unknown product may not be sold');
});

test('the product page keeps the UK regimes first; the territories follow', async () => {
  const page = await f.app.inject({ method: 'GET', url: `/products/${f.acme.productId}` });
  assert.equal(page.statusCode, 200);
  const psti = page.body.indexOf('UK PSTI Act 2022');
  assert.ok(psti >= 0);
  const au = page.body.indexOf('Australia: Cyber Security Act 2024');
  assert.ok(au === -1 || au > psti);
});
