// Retailer and regulator journeys in Chromium: upload a catalogue -> results (filter, download the CSV);
// a regulator's dashboard and "what if" view, then revoking a label -> the product page, the page the QR
// code opens and /l all say revoked. Every page: axe, JavaScript off, 320 px, screenshots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { newContext } from './support/browser.js';
import { ensureBrowserModules } from './support/build-browser-modules.js';
import { checkPage } from './support/pages.js';
import { closeJourney, openJourney } from './support/journey.js';
import { HOSTILE, type WebFixture } from '../web/support.js';
import { addAccount } from '../web/roles-support.js';

let f: WebFixture;
let browser: Browser;
let base: string;
let regulator: { email: string; password: string };

before(async () => {
  ensureBrowserModules();
  ({ f, browser, base } = await openJourney({ web: { secureCookies: false } }));
  regulator = await addAccount(f, 'regulator', 'Office for Product Safety', 'ops@regulator.example');
});
after(() => closeJourney({ f, browser }));

async function signIn(page: Page, email: string, password: string, lands: RegExp): Promise<void> {
  await page.goto(`${base}/sign-in`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.click('[data-qa=sign-in-button]');
  await page.waitForURL(lands);
}

test('a retailer uploads a catalogue, filters the results and downloads them as CSV', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, f.retailer.email, f.retailer.password, /\/retailer$/);
  assert.match((await page.locator('[data-qa=row-limit]').textContent()) ?? '', /200,000 rows/);
  await checkPage(browser, page, 'retailer-upload');
  const dir = mkdtempSync(join(tmpdir(), 'iotlabel-browser-'));
  const file = join(dir, 'catalogue.csv');
  writeFileSync(
    file,
    ['sku,gtin', 'CAM-1,05012345678900', `"${HOSTILE}",05012345678917`, 'GONE-1,05000000000012', 'BAD-1,123'].join(
      '\n',
    ),
  );
  await page.selectOption('#regime', 'uk-2019-option-a');
  await page.setInputFiles('#catalogue', file);
  await page.click('[data-qa=check-catalogue]');
  await page.waitForURL(/\/retailer\/checks\/[\w-]+$/);
  await page.locator('[data-qa=results]').waitFor({ timeout: 15_000 });
  assert.equal(await page.locator('[data-qa=result-row]').count(), 4);
  // The row says what the barcode is, and the "why" is a shop's sentence.
  const cam = page.locator('[data-qa=result-row]', { hasText: '05012345678900' });
  assert.match((await cam.locator('[data-qa=result-product]').textContent()) ?? '', /Acme CAM-200/);
  assert.match((await cam.textContent()) ?? '', /OK to sell: /);
  const gtinBox = await cam.locator('[data-qa=result-gtin]').boundingBox();
  assert.ok(gtinBox && gtinBox.height < 30, 'the barcode stays on one line');
  assert.match(
    (await page.locator('[data-qa=results]').textContent()) ?? '',
    /<script>alert\(1\)<\/script>/,
    'the hostile SKU is shown as text',
  );
  await checkPage(browser, page, 'retailer-results');

  await page.check('#notSellable');
  await page.click('[data-qa=apply-filters]');
  await page.waitForURL(/notSellable=yes/);
  assert.equal(await page.locator('[data-qa=result-row][data-sellable=yes]').count(), 0);
  assert.ok((await page.locator('[data-qa=result-row]').count()) >= 2);
  await checkPage(browser, page, 'retailer-results-filtered');

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-qa=download-csv]')]);
  const csv = readFileSync(await download.path(), 'utf8')
    .trim()
    .split('\n');
  assert.equal(csv[0], 'line,sku,gtin,sellable,outcome,reason,support_end_date,label_id,label_status,problem');
  assert.ok(csv.length >= 3 && csv.slice(1).every((l) => l.includes(',no,')));
  await context.close();
});

test('a regulator reads the market, asks "what if", revokes a label, and the public pages say it is revoked', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, regulator.email, regulator.password, /\/regulator$/);
  assert.equal(await page.locator('svg[role=img]').count(), 2);
  // The overview comes first; the form to act on a label comes after it.
  const chartBox = await page.locator('[data-qa=category-chart]').boundingBox();
  const formBox = await page.locator('[data-qa=find-label]').boundingBox();
  const order = { chart: chartBox?.y ?? -1, form: formBox?.y ?? -1 };
  assert.ok(order.chart >= 0 && order.chart < order.form, 'the market overview is above the revoke form');
  await checkPage(browser, page, 'regulator-dashboard');

  await page.goto(`${base}/regulator/what-if`);
  await page.fill('#q', 'secure boot');
  await Promise.all([page.waitForURL(/q=secure/), page.click('[data-qa=what-if-narrow]')]);
  assert.ok((await page.locator('#provision option').count()) < 10, 'the list narrows to what was typed');
  await page.selectOption('#provision', 'etsi-en-303645-v2.1.1:5.7-1');
  await page.click('[data-qa=what-if-button]');
  await page.locator('[data-qa=what-if-result]').waitFor();
  await checkPage(browser, page, 'regulator-what-if');
  // What if Australia required a five-year support period: the counts across the registry.
  await page.selectOption('#market', 'AU');
  await page.fill('#years', '5');
  await Promise.all([page.waitForURL(/market=AU/), page.click('[data-qa=minimum-button]')]);
  await page.locator('[data-qa=minimum-result]').waitFor();
  assert.match(await page.locator('[data-qa=minimum-result]').innerText(), /would stop with a 5-year minimum/);
  await checkPage(browser, page, 'regulator-what-if-minimum');

  await page.goto(`${base}/regulator`);
  await page.fill('#id', f.acme.labelId);
  await page.click('[data-qa=find-label-button]');
  await page.waitForURL(new RegExp(`/regulator/labels/${f.acme.labelId}$`));
  await checkPage(browser, page, 'regulator-label');
  await page.check('#status');
  await page.fill('#reason', `Market surveillance found a universal password ${HOSTILE}`);
  await page.click('[data-qa=change-status]');
  // Revoking is final: a page of its own asks to confirm, and nothing has changed yet.
  await page.locator('[data-qa=confirm-revoke]').waitFor();
  assert.match(await page.locator('h1').innerText(), /Are you sure you want to revoke label/);
  assert.equal((await f.services.labels.byId(f.acme.labelId)).status.status, 'valid');
  await checkPage(browser, page, 'regulator-confirm-revoke');
  await page.click('[data-qa=confirm-revoke]');
  await page.waitForURL(/\/changed$/);
  assert.match((await page.locator('[data-qa=status-changed]').textContent()) ?? '', /Label revoked/);
  await checkPage(browser, page, 'regulator-label-revoked');

  await page.goto(`${base}/products/${f.acme.productId}`);
  assert.match((await page.locator('[data-qa=label-status]').textContent()) ?? '', /revoked on 24 November 2026/);
  await checkPage(browser, page, 'regulator-product-revoked');
  await page.goto(f.acme.labelLink.replace(/^https?:\/\/[^/]+/, base));
  const verdict = page.locator('[data-qa=verdict][data-verdict]');
  await verdict.waitFor({ timeout: 10_000 });
  assert.equal(await verdict.getAttribute('data-verdict'), 'revoked');
  await checkPage(browser, page, 'regulator-verify-revoked');
  await page.goto(`${base}/l?id=${f.acme.labelId}`);
  assert.match((await page.locator('[data-qa=label-lookup]').textContent()) ?? '', /Revoked/);
  await checkPage(browser, page, 'regulator-lookup-revoked');
  await context.close();
});
