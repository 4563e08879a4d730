// Where a product may be sold, in Chromium: the consumer's product page → its market table, the QR check
// page's compact table, the manufacturer's market report (signed in, from the product list), and the public
// crosswalk page chosen by its form. Every page: axe, JavaScript off, 320 px, screenshots; the market
// sections are also captured whole at 320 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { listMarkets } from '../../src/regimes/index.js';
import { newContext, saveScreenshot } from './support/browser.js';
import { ensureBrowserModules } from './support/build-browser-modules.js';
import { checkPage } from './support/pages.js';
import { closeJourney, openJourney } from './support/journey.js';
import type { WebFixture } from '../web/support.js';

let f: WebFixture;
let browser: Browser;
let base: string;

before(async () => {
  ensureBrowserModules();
  ({ f, browser, base } = await openJourney());
});
after(() => closeJourney({ f, browser }));

test('consumer: the product page and the QR page say, market by market, where it may be sold', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(`${base}/products/${f.acme.productId}`);
  const rows = page.locator('[data-qa=markets] [data-qa=market]');
  assert.equal(await rows.count(), listMarkets().length);
  assert.equal(await page.locator('[data-qa=market][data-market=EU]').getAttribute('data-until'), '2027-12-10');
  assert.match(
    (await page.locator('[data-qa=market][data-market=EU] [data-qa=market-sentence]').textContent()) ?? '',
    /May be sold in the European Union until 10 December 2027, not after/,
  );
  await checkPage(browser, page, 'markets-product');
  const phone = await (await newContext(browser, { width: 320, javaScriptEnabled: false })).newPage();
  await phone.goto(`${base}/products/${f.acme.productId}`);
  await saveScreenshot(phone, 'markets-product-full-nojs-320', { fullPage: true });

  const product = await f.services.products.getProduct(f.acme.productId);
  await page.goto(`${base}/01/${product.gtins[0]}`);
  assert.equal(await page.locator('[data-qa=markets] [data-qa=market]').count(), listMarkets().length);
  await checkPage(browser, page, 'markets-qr');
  await phone.goto(`${base}/01/${product.gtins[0]}`);
  await saveScreenshot(phone, 'markets-qr-full-nojs-320', { fullPage: true });
  await context.close();
});

test('manufacturer: from the product list to the market report, with the plan', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(`${base}/sign-in`);
  await page.fill('#email', f.acme.email);
  await page.fill('#password', f.acme.password);
  await Promise.all([page.waitForURL(/\/manufacturer$/), page.click('[data-qa=sign-in-button]')]);
  await Promise.all([
    page.waitForURL(/\/markets$/),
    page.click(`a[href="/manufacturer/products/${f.acme.productId}/markets"]`),
  ]);
  assert.equal(await page.locator('[data-qa=report-market]').count(), listMarkets().length);
  assert.ok((await page.locator('[data-qa=plan-step]').count()) >= 1);
  assert.ok((await page.locator('[data-qa=divergence]').count()) >= 1);
  await checkPage(browser, page, 'markets-manufacturer-report');
  await saveScreenshot(page, 'markets-manufacturer-report-full-js', { fullPage: true });
  await context.close();
});

test('anyone: the crosswalk page, chosen with its form, without sideways scrolling', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(`${base}/`);
  await Promise.all([page.waitForURL(/\/crosswalk$/), page.click('footer a[href="/crosswalk"]')]);
  await page.selectOption('#regime', 'au-smart-devices-2025');
  await page.selectOption('#catalog', 'etsi-en-303645-v3.1.3');
  await Promise.all([
    page.waitForURL(/regime=au-smart-devices-2025/),
    page.click('form[data-qa=crosswalk-form] button'),
  ]);
  assert.ok((await page.locator('[data-qa=crosswalk-row]').count()) >= 3);
  await checkPage(browser, page, 'markets-crosswalk');
  const phone = await (await newContext(browser, { width: 320, javaScriptEnabled: false })).newPage();
  await phone.goto(`${base}/crosswalk?regime=uk-psti-2023`);
  await saveScreenshot(phone, 'markets-crosswalk-full-nojs-320', { fullPage: true });
  await context.close();
});

test('retailer: chooses the shop’s market once; the upload form then preselects its rules', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(`${base}/sign-in`);
  await page.fill('#email', f.retailer.email);
  await page.fill('#password', f.retailer.password);
  await Promise.all([page.waitForURL(/\/retailer$/), page.click('[data-qa=sign-in-button]')]);
  await Promise.all([page.waitForURL(/\/retailer\/market$/), page.click('[data-qa=retailer-market] a')]);
  await checkPage(browser, page, 'markets-retailer-choose');
  await page.check('#market-AU');
  await Promise.all([page.waitForURL(/saved=market/), page.click('[data-qa=save-market]')]);
  assert.equal(await page.locator('#regime').inputValue(), 'market:AU');
  await checkPage(browser, page, 'markets-retailer-saved');
  await context.close();
});
