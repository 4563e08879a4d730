// Regulator pages through app.inject: the dashboard's charts and tables, revoking and suspending a label
// (errors, confirmation, and the public pages saying so), the "what if" view against the engine's own
// provision rule, and the refusals (roles, CSRF). Hostile names and reasons are never markup.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { provisionIfMandatory, type Declaration } from '../../src/assessment/index.js';
import { systemActor } from '../../src/registry/index.js';
import { declarationFor } from '../support/registry.js';
import { Browserish, HOSTILE, csrfToken, openWebFixture, type WebFixture } from './support.js';
import { addAccount } from './roles-support.js';

let f: WebFixture;
let regulator: { email: string; password: string };
let silentId: string;
before(async () => {
  f = await openWebFixture({ web: { signInPerMinute: 100 } });
  regulator = await addAccount(f, 'regulator', 'Office for Product Safety', 'ops@regulator.example');
  // A product that names no way to report a security problem.
  const silent = declarationFor({ brand: 'Quiet', model: 'Q1', gtins: ['05000000000012'] }, '2028-06-30');
  silent.vulnerabilityDisclosure.contacts = [];
  silentId = (
    await f.services.declarations.submitForModel(systemActor('test'), silent, { organisationId: f.brightly.orgId })
  ).product.id;
});
after(async () => {
  await f.close();
});

async function regulatorSignedIn(): Promise<Browserish> {
  const b = new Browserish(f.app);
  assert.equal((await b.signIn(regulator.email, regulator.password)).headers.location, '/regulator');
  return b;
}

test('the dashboard shows the market as accessible charts with the same numbers in tables', async () => {
  const b = await regulatorSignedIn();
  const res = await b.get('/regulator?regime=uk-psti-2023');
  assert.equal(res.statusCode, 200);
  const charts = res.body.match(/<svg [^>]*role="img" aria-labelledby="([\w-]+)-title \1-desc"/g) ?? [];
  assert.equal(charts.length, 2);
  assert.match(res.body, /<title id="chart-categories-title">Products by type and outcome under [^<]+<\/title>/);
  assert.match(res.body, /<desc id="chart-support-desc">[^<]*2027: 1[^<]*2028: 1[^<]*2030: 1/);
  assert.match(res.body, /<text [^>]*>2029<\/text>/, 'a year with no products is drawn as zero');
  assert.ok(!res.body.includes(HOSTILE), 'hostile brands and models are escaped');
  assert.match(res.body, /data-qa="contacts-table"[\s\S]*Brightly Home Ltd[\s\S]*Quiet Q1/);
  assert.match(res.body, new RegExp(`href="/products/${silentId}"`));
  assert.match(res.body, /<option value="uk-psti-2023" selected>/);
  const other = await b.get('/regulator?regime=uk-2019-option-c');
  assert.match(other.body, /<option value="uk-2019-option-c" selected>/);
});

test('a regulator revokes a label with a reason: confirmation, then the product page, the label check and the dashboard say so', async () => {
  const b = await regulatorSignedIn();
  const found = await b.get(`/regulator/labels?id=${f.acme.labelId}`);
  assert.equal(found.headers.location, `/regulator/labels/${f.acme.labelId}`);
  assert.equal((await b.get('/regulator/labels?id=%3Cx%3E')).statusCode, 400);
  const page = `/regulator/labels/${f.acme.labelId}`;
  const blank = await b.submit(page, page, { status: 'revoked', reason: '  ' });
  assert.equal(blank.statusCode, 400);
  assert.match(blank.body, /Enter the reason/);
  const noChoice = await b.submit(page, page, { reason: 'x' });
  assert.match(noChoice.body, /Select what to do with the label/);

  const suspended = await b.submit(page, page, { status: 'suspended', reason: 'Checking a report' });
  assert.equal(suspended.headers.location, `${page}/changed`);
  assert.match((await b.get(`${page}/changed`)).body, /Label suspended/);
  const reason = `Universal password found ${HOSTILE}`;
  // Revoking asks again on its own page; nothing changes until it is confirmed.
  const asked = await b.submit(page, page, { status: 'revoked', reason });
  assert.equal(asked.statusCode, 200);
  assert.match(asked.body, /Are you sure you want to revoke label/);
  assert.match(asked.body, /data-qa="revoke-reason">Universal password found &lt;script&gt;/);
  assert.ok(!asked.body.includes(HOSTILE));
  assert.equal((await f.services.labels.byId(f.acme.labelId)).status.status, 'suspended', 'not revoked yet');
  const revoked = await b.post(page, { _csrf: csrfToken(asked.body), status: 'revoked', reason, confirm: 'yes' });
  assert.equal(revoked.statusCode, 303);
  const confirmation = await b.get(`${page}/changed`);
  assert.match(confirmation.body, /Label revoked/);
  assert.ok(!confirmation.body.includes(HOSTILE));
  assert.match(confirmation.body, /Universal password found &lt;script&gt;/);
  assert.match((await b.get(page)).body, /Revocation is final/);
  const again = await b.post(page, {
    _csrf: csrfToken((await b.get('/regulator')).body),
    status: 'suspended',
    reason: 'again',
  });
  assert.equal(again.statusCode, 400, 'no form for a revoked label, and the registry refuses');

  const product = await new Browserish(f.app).get(`/products/${f.acme.productId}`);
  assert.match(product.body, /revoked on 24 November 2026/);
  const check = await new Browserish(f.app).get(`/l?id=${f.acme.labelId}`);
  assert.match(check.body, /Revoked/);
  assert.ok(!check.body.includes(HOSTILE));
  const dashboard = await b.get('/regulator');
  assert.match(dashboard.body, new RegExp(`data-qa="labels-table"[\\s\\S]*${f.acme.labelId}[\\s\\S]*Revoked`));
  assert.ok(!dashboard.body.includes(HOSTILE));
});

test("what if: the products that would fail a provision made mandatory, by the engine's own rule", async () => {
  const b = await regulatorSignedIn();
  const form = await b.get('/regulator/what-if');
  assert.match(form.body, /<option value="etsi-en-303645-v3.1.3:5.7-1">/);
  const provision = 'etsi-en-303645-v2.1.1:5.7-1';
  const res = await b.get(`/regulator/what-if?provision=${encodeURIComponent(provision)}`);
  assert.equal(res.statusCode, 200);
  const declarations: Declaration[] = [];
  for (const p of await f.services.products.findProducts({ limit: 100 })) {
    if (p.latestDeclaration)
      declarations.push(
        (await f.services.declarations.getDeclaration(null, p.latestDeclaration.id)).document as Declaration,
      );
  }
  // Only declarations made against V2.1.1 are judged; the others are counted as not judged.
  const judged = declarations.filter((d) => d.provisions?.catalog === 'etsi-en-303645-v2.1.1');
  const failing = judged.filter((d) =>
    ['not-met', 'not-declared'].includes(provisionIfMandatory(d, 'etsi-en-303645-v2.1.1', '5.7-1')!.status),
  ).length;
  assert.ok(failing > 0, 'the hostile product declared 5.7-1 not applicable');
  const heading = /data-qa="what-if-result">([^<]*)</.exec(res.body)?.[1] ?? '';
  assert.match(
    heading,
    new RegExp(`^${failing} of ${judged.length} products declared against EN 303 645 V2\\.1\\.1 would fail 5\\.7-1$`),
  );
  if (judged.length < declarations.length)
    assert.match(
      res.body,
      new RegExp(
        `what-if-unjudged">${declarations.length - judged.length} products? (was|were) declared against another`,
      ),
    );
  // Against V3.1.3, which no fixture declaration uses, nothing is judged and the page says so.
  const other = await b.get(`/regulator/what-if?provision=${encodeURIComponent('etsi-en-303645-v3.1.3:5.7-1')}`);
  assert.match(other.body, /data-qa="what-if-result">0 of 0 products/);
  assert.match(
    other.body,
    new RegExp(`what-if-unjudged">${declarations.length} products were declared against another`),
  );
  // The list is grouped by standard and clause, and narrows to what is typed.
  assert.match(form.body, /<optgroup label="EN 303 645 V3\.1\.3[^"]*: 5\.7 /);
  const narrowed = await b.get('/regulator/what-if?q=secure+boot');
  assert.ok((narrowed.body.match(/<option value="etsi/g) ?? []).length >= 1);
  assert.ok((narrowed.body.match(/<option value="etsi/g) ?? []).length < 10, 'only matching provisions');
  assert.ok(!res.body.includes(HOSTILE));
  assert.equal((await b.get('/regulator/what-if?provision=nonsense')).statusCode, 400);
});

test('the dashboard counts, per market and coming date, the products whose sale would stop, as the registry does', async () => {
  const b = await regulatorSignedIn();
  const res = await b.get('/regulator');
  assert.equal(res.statusCode, 200);
  const stops = await f.services.marketOutlook.stopsAhead({ at: f.services.clock().toISOString().slice(0, 10) });
  assert.ok(stops.rows.length > 0, 'the fixture has products the CRA will stop in the EU');
  const table = /data-qa="stops-table">([\s\S]*?)<\/table>/.exec(res.body)![1]!;
  const rows = [
    ...table.matchAll(
      /<tr class="govuk-table__row">\s*<th[^>]*>([^<]+)<\/th>\s*<td[^>]*>([^<]+)<\/td>\s*<td[^>]*>(\d+)<\/td>/g,
    ),
  ].map((m) => [m[1]!, m[2]!, Number(m[3])] as const);
  assert.equal(rows.length, stops.rows.length);
  assert.ok(rows.some(([date, market, n]) => date === '11 December 2027' && market === 'European Union' && n > 0));
  assert.deepEqual(
    rows.map((r) => r[2]),
    stops.rows.map((r) => r.products),
  );
  assert.ok(!res.body.includes(HOSTILE));
});

test('what if a market required a minimum support period: AU five years gives the registry counts; bad input is 400', async () => {
  const b = await regulatorSignedIn();
  const form = await b.get('/regulator/what-if');
  assert.match(form.body, /data-qa="minimum-form"/);
  assert.match(form.body, /<option value="AU">Australia \(AU\)<\/option>/);
  assert.match(form.body, /id="years" name="years" type="text" value="5"/);
  const res = await b.get('/regulator/what-if?market=AU&years=5');
  assert.equal(res.statusCode, 200);
  const counts = await f.services.marketOutlook.supportMinimumWhatIf({ market: 'AU', years: 5 });
  assert.ok(counts.wouldStop > 0);
  const heading = /data-qa="minimum-result">([^<]*)</.exec(res.body)?.[1] ?? '';
  assert.equal(
    heading,
    `${counts.wouldStop} of ${counts.sellableNow} products that may be sold in Australia today would stop with a 5-year minimum`,
  );
  assert.equal((res.body.match(/<a class="govuk-link" href="\/products\/[^"]+">/g) ?? []).length, counts.shown.length);
  assert.ok(!res.body.includes(HOSTILE));
  for (const bad of ['market=XX&years=5', 'market=AU&years=0', 'market=AU&years=abc', 'market=&years=5']) {
    const refused = await b.get(`/regulator/what-if?${bad}`);
    assert.equal(refused.statusCode, 400, bad);
    assert.match(refused.body, /govuk-error-summary/);
    assert.ok(!refused.body.includes('data-qa="minimum-result"'), bad);
  }
});

test("regulator pages refuse other roles, and a status change without the form's token changes nothing", async () => {
  const maker = new Browserish(f.app);
  await maker.signIn(f.acme.email, f.acme.password);
  assert.equal((await maker.get('/regulator')).statusCode, 403);
  assert.equal((await maker.get('/regulator/what-if')).statusCode, 403);
  const shop = new Browserish(f.app);
  await shop.signIn(f.retailer.email, f.retailer.password);
  const label = await f.services.labels.issueLabel(systemActor('test'), f.acme.hostileProductId, {
    regime: 'uk-2019-option-a',
  });
  const page = `/regulator/labels/${label.label.id}`;
  const refused = await shop.post(page, {
    _csrf: csrfToken((await shop.get('/retailer')).body),
    status: 'revoked',
    reason: 'not mine to revoke',
  });
  assert.equal(refused.statusCode, 403);
  const b = await regulatorSignedIn();
  const forged = await b.post(page, { _csrf: 'forged', status: 'revoked', reason: 'cross-site' });
  assert.equal(forged.statusCode, 403);
  assert.equal((await f.services.labels.byId(label.label.id)).status.status, 'valid');
  assert.equal((await new Browserish(f.app).get('/regulator')).headers.location, '/sign-in?next=%2Fregulator');
});
