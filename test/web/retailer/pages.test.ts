// Retailer pages through app.inject: upload a catalogue (multipart, CSRF token first), the background check,
// the results table with its GET filters and pages, the CSV download, and the refusals (CSRF, roles, other
// organisations). Hostile SKUs are shown as text and escaped as spreadsheet formulas in the CSV.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Browserish, HOSTILE, csrfToken, openWebFixture, type WebFixture } from '../support.js';
import { addAccount, postMultipart, waitForCheck } from '../roles-support.js';
import { unclosedQuoteCsv } from '../../catalogue/fixture.js';

let f: WebFixture;
before(async () => {
  f = await openWebFixture({ web: { signInPerMinute: 100 } });
});
after(async () => {
  await f.close();
});

const CATALOGUE = [
  'sku,gtin,brand,model',
  'CAM-1,05012345678900,,',
  `"${HOSTILE}",05012345678917,,`,
  '=cmd|calc,05000000000007,,',
  'BAD-1,123,,',
  ...Array.from({ length: 60 }, (_, i) => `FILL-${i},,Acme,CAM-200`),
].join('\n');

async function retailerSignedIn(): Promise<Browserish> {
  const b = new Browserish(f.app);
  assert.equal((await b.signIn(f.retailer.email, f.retailer.password)).headers.location, '/retailer');
  return b;
}

async function upload(b: Browserish, content = CATALOGUE, fileName = 'catalogue.csv', contentType = 'text/csv') {
  const form = await b.get('/retailer');
  return postMultipart(f.app, b, '/retailer/checks', { _csrf: csrfToken(form.body), regime: 'uk-2019-option-a' }, [
    { name: 'catalogue', fileName, contentType, content },
  ]);
}

test('a retailer uploads a catalogue and gets every row, filtered and paginated, and a CSV download', async () => {
  const b = await retailerSignedIn();
  const form = await b.get('/retailer');
  assert.match(form.body, /enctype="multipart\/form-data"/);
  assert.ok(
    form.body.indexOf('name="_csrf"') < form.body.indexOf('name="catalogue"'),
    'the token comes before the file',
  );
  const started = await upload(b);
  assert.equal(started.statusCode, 303);
  const url = started.headers.location as string;
  assert.match(url, /^\/retailer\/checks\/[\w-]+$/);
  const done = await waitForCheck(b, url);
  assert.equal(done.statusCode, 200);
  assert.match(done.body, /<caption[^>]*>64 rows<\/caption>/);
  assert.equal((done.body.match(/data-qa="result-row"/g) ?? []).length, 50, 'first page of 50');
  // Each row says what the barcode is, as registered; the barcode itself never wraps.
  const cam = done.body.split('data-qa="result-row"').find((r) => r.includes('05012345678900'))!;
  assert.match(cam, /data-qa="result-product">[\s\S]*Acme CAM-200/);
  assert.match(cam, /class="govuk-body-s app-nowrap" data-qa="result-gtin">05012345678900</);
  // Under Option A, a product with a valid label sells; the sentence does not contradict the rule.
  assert.doesNotMatch(done.body, /does not restrict sales, though/);
  assert.ok(!done.body.includes(HOSTILE), 'the hostile SKU is escaped');
  assert.match(done.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.match(done.body, /href="\?page=2"/);
  const second = await b.get(`${url}?page=2`);
  assert.equal((second.body.match(/data-qa="result-row"/g) ?? []).length, 14);

  const notSellable = await b.get(`${url}?notSellable=yes`);
  const rows = notSellable.body.match(/data-sellable="(yes|no)"/g) ?? [];
  assert.ok(rows.length > 0 && rows.every((r) => r === 'data-sellable="no"'), 'only rows that may not be sold');
  assert.match(notSellable.body, /id="notSellable" name="notSellable" type="checkbox" value="yes" checked/);

  // Support ending within six months of 24 November 2026: the product declared until 31 January 2027, not 2030.
  const ending = await b.get(`${url}?supportEnding=yes`);
  assert.match(ending.body, /<caption[^>]*>1 row<\/caption>/);
  assert.match(ending.body, /31 January 2027/);

  const csv = await b.get(`${url}/results.csv?notSellable=yes`);
  assert.equal(csv.statusCode, 200);
  assert.match(String(csv.headers['content-type']), /^text\/csv/);
  assert.match(String(csv.headers['content-disposition']), /attachment; filename="catalogue-check-2026-11-24.csv"/);
  const lines = csv.body.trim().split('\n');
  assert.equal(lines[0], 'line,sku,gtin,sellable,outcome,reason,support_end_date,label_id,label_status,problem');
  assert.ok(lines.slice(1).every((l) => /,no,/.test(l)));
  assert.ok(
    lines.some((l) => l.startsWith("4,'=cmd|calc")),
    'a formula-like SKU is escaped for spreadsheets',
  );
  assert.equal((await b.get('/retailer')).body.includes(`href="${url}"`), true, 'the check is listed');
});

test('an uploaded catalogue with a quote never closed on line 3 shows every other row', async () => {
  const b = await retailerSignedIn();
  const started = await upload(b, unclosedQuoteCsv(120));
  assert.equal(started.statusCode, 303);
  const url = started.headers.location as string;
  const done = await waitForCheck(b, url);
  assert.match(done.body, /<caption[^>]*>120 rows<\/caption>/);
  const csv = await b.get(`${url}/results.csv`);
  const lines = csv.body.trim().split('\n').slice(1);
  assert.deepEqual(
    lines.map((l) => Number(l.split(',')[0])),
    Array.from({ length: 120 }, (_, i) => i + 2),
  );
  assert.match(lines[1]!, /^3,,,no,unreadable,.*,csv-malformed$/);
});

test('the upload form says what is wrong with a missing or unknown file', async () => {
  const b = await retailerSignedIn();
  const empty = await upload(b, '', 'empty.csv');
  assert.equal(empty.statusCode, 400);
  assert.match(empty.body, /Select a catalogue file/);
  const wrong = await upload(
    b,
    'hello',
    'catalogue.xlsx',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  );
  assert.equal(wrong.statusCode, 400);
  assert.match(wrong.body, /must be a CSV, NDJSON or JSON file/);
  const ndjson = await upload(
    b,
    '{"gtin":"05012345678900","sku":"N1"}\n',
    'catalogue.ndjson',
    'application/octet-stream',
  );
  const done = await waitForCheck(b, ndjson.headers.location as string);
  assert.match(done.body, /<caption[^>]*>1 row<\/caption>/);
});

test('an upload without its CSRF token is refused and starts no check', async () => {
  const b = await retailerSignedIn();
  const before = (await b.get('/retailer')).body.match(/\/retailer\/checks\/[\w-]+"/g)?.length ?? 0;
  const refused = await postMultipart(
    f.app,
    b,
    '/retailer/checks',
    { _csrf: 'not-the-token', regime: 'uk-psti-2023' },
    [{ name: 'catalogue', fileName: 'c.csv', contentType: 'text/csv', content: CATALOGUE }],
  );
  assert.equal(refused.statusCode, 403);
  assert.match(refused.body, /This form has expired/);
  const missing = await postMultipart(f.app, b, '/retailer/checks', { regime: 'uk-psti-2023' }, [
    { name: 'catalogue', fileName: 'c.csv', contentType: 'text/csv', content: CATALOGUE },
  ]);
  assert.equal(missing.statusCode, 403);
  assert.equal((await b.get('/retailer')).body.match(/\/retailer\/checks\/[\w-]+"/g)?.length ?? 0, before);
});

test('retailer pages are for retailers, and a check only for the organisation that ran it', async () => {
  const anonymous = new Browserish(f.app);
  const redirect = await anonymous.get('/retailer');
  assert.equal(redirect.statusCode, 303);
  assert.equal(redirect.headers.location, '/sign-in?next=%2Fretailer');
  const maker = new Browserish(f.app);
  await maker.signIn(f.acme.email, f.acme.password);
  assert.equal((await maker.get('/retailer')).statusCode, 403);

  const b = await retailerSignedIn();
  const url = (await upload(b)).headers.location as string;
  await waitForCheck(b, url);
  const other = await addAccount(f, 'retailer', 'Corner Shop Ltd', 'cs@corner.example');
  const rival = new Browserish(f.app);
  await rival.signIn(other.email, other.password);
  assert.equal((await rival.get(url)).statusCode, 404);
  assert.equal((await rival.get(`${url}/results.csv`)).statusCode, 404);
});

test('the upload page states its row limit and refuses a bigger file before checking any row', async () => {
  const b = await retailerSignedIn();
  const form = await b.get('/retailer');
  assert.match(form.body, /data-qa="row-limit">200,000 rows</);
  assert.match(form.body, /iotlabel check catalogue\.csv --server/);
  const big = ['gtin', ...Array.from({ length: 200_001 }, () => '05012345678900')].join('\n');
  const jobsBefore = (await f.services.checkJobs.ofOrganisation(f.retailer.orgId)).length;
  const refused = await upload(b, big);
  assert.equal(refused.statusCode, 400);
  assert.match(refused.body, /The file has about 200,001 rows; this page checks up to 200,000/);
  assert.match(refused.body, /href="#catalogue"/);
  assert.equal((await f.services.checkJobs.ofOrganisation(f.retailer.orgId)).length, jobsBefore, 'no check started');
});
