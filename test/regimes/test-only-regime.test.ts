// A regime added as data only (test/regimes/fixtures) reaches every edge with no adapter change: the CLI's
// `iotlabel regimes`, GET /v1/regimes, the pages that list regimes, and a catalogue check under it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { main } from '../../src/cli/main.js';
import { bufferIo } from '../../src/cli/io.js';
import { systemActor } from '../../src/registry/index.js';
import {
  compareForDisplay,
  defaultRetailRegime,
  getRegime,
  listRegimes,
  registerRegime,
  unregisterRegime,
} from '../../src/regimes/index.js';
import { Browserish, openWebFixture, type WebFixture } from '../web/support.js';
import { addAccount } from '../web/roles-support.js';

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;
const ID = 'test-only-2031';

let f: WebFixture;
let regulator: { email: string; password: string };
before(async () => {
  registerRegime(fixture('test-only-regime.json'), 'fixtures/test-only-regime.json');
  // Opened after registering, so the fixture's declarations are assessed under the test-only regime too.
  f = await openWebFixture({ web: { signInPerMinute: 100 } });
  regulator = await addAccount(f, 'regulator', 'Office for Product Safety', 'ops@regulator.example');
});
after(async () => {
  await f.close();
  unregisterRegime(ID);
  assert.equal(
    listRegimes().some((r) => r.id === ID),
    false,
    'unregistering leaves only the bundled regimes',
  );
});

test('the rulebook lists the registered regime after the bundled ones and orders it by its own data', () => {
  const ids = listRegimes().map((r) => r.id);
  assert.equal(ids.at(-1), ID);
  assert.equal(getRegime(ID).roles.shortName, 'Test only');
  assert.ok(compareForDisplay(ID, 'uk-psti-2023') < 0, 'displayOrder 5 comes before PSTI (10)');
  assert.equal(defaultRetailRegime(), 'uk-psti-2023', 'the default stays the bundled one');
});

test('`iotlabel regimes` lists it, as text and as JSON', async () => {
  const json = bufferIo();
  assert.equal(await main(['regimes', '--json'], json), 0);
  const listed = (JSON.parse(json.stdout()) as { id: string; kind: string; salesRestriction: boolean }[]).find(
    (r) => r.id === ID,
  );
  assert.deepEqual(listed && { kind: listed.kind, salesRestriction: listed.salesRestriction }, {
    kind: 'law',
    salesRestriction: true,
  });
  const text = bufferIo();
  assert.equal(await main(['regimes'], text), 0);
  assert.match(text.stdout(), /test-only-2031 +Test-only regime \(fixture, never bundled\) \(law, restricts sales\)/);
});

test('GET /v1/regimes lists it', async () => {
  const res = await f.app.inject({ method: 'GET', url: '/v1/regimes' });
  assert.equal(res.statusCode, 200);
  const regimes = (res.json() as { regimes: { id: string; title: string }[] }).regimes;
  assert.deepEqual(
    regimes.find((r) => r.id === ID),
    {
      id: ID,
      title: 'Test-only regime (fixture, never bundled)',
      kind: 'law',
      labelling: false,
      salesRestriction: true,
      // A file without the territory fields keeps its meaning: a law of its jurisdiction, no dated versions.
      territory: 'UK',
      nature: 'law',
      effectiveFrom: null,
      until: null,
      versions: [],
    },
  );
});

test('the open data page, the regulator dashboard and the retailer upload page list it', async () => {
  const open = await f.app.inject({ method: 'GET', url: '/open-data' });
  assert.equal(open.statusCode, 200);
  assert.match(open.body, /test-only-2031/);

  const officer = new Browserish(f.app);
  await officer.signIn(regulator.email, regulator.password);
  const dashboard = await officer.get(`/regulator?regime=${ID}`);
  assert.equal(dashboard.statusCode, 200);
  assert.match(dashboard.body, new RegExp(`<option value="${ID}" selected`));
  assert.match(dashboard.body, /under Test-only regime \(fixture, never bundled\)/);

  const shop = new Browserish(f.app);
  await shop.signIn(f.retailer.email, f.retailer.password);
  const upload = await shop.get('/retailer');
  assert.equal(upload.statusCode, 200);
  assert.match(upload.body, new RegExp(`value="${ID}"`));
});

test('the public product page lists its verdict first among the UK regimes (jurisdiction and displayOrder)', async () => {
  const page = await f.app.inject({ method: 'GET', url: `/products/${f.acme.productId}` });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Test-only regime/);
  const first = page.body.indexOf('Test-only regime');
  assert.ok(first < page.body.indexOf('UK PSTI Act 2022'), 'displayOrder 5 is shown before PSTI');
});

test("a catalogue check under it judges each product by the regime's own sale rule", async () => {
  const key = (await f.services.organisations.createKey(systemActor('test'), f.retailer.orgId, {})).key;
  const res = await f.app.inject({
    method: 'POST',
    url: `/v1/checks?regime=${ID}&at=2026-11-24`,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'text/csv' },
    payload: 'gtin\n05012345678900\n00000000000000\n',
  });
  assert.equal(res.statusCode, 200);
  const lines = res.body
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  const [known, unknown, summary] = lines;
  assert.equal(known?.sellable, true, JSON.stringify(known));
  assert.equal(known?.outcome, 'pass');
  assert.equal(unknown?.sellable, false, 'the regime restricts sales, so an unknown product may not be sold');
  assert.ok(summary && 'summary' in summary);
});
