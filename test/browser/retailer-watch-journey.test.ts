// A retailer's watch list and webhooks in Chromium: add products to the watch list (one named with hostile
// markup, shown as text), read the feed addresses, remove one; add a webhook (its secret shown once), see
// the delivery of a notice after a regulator suspends a watched product's label, delete the webhook. Every
// page: axe, JavaScript off, 320 px, screenshots; then the same forms submitted with JavaScript off.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { systemActor } from '../../src/registry/index.js';
import { newContext } from './support/browser.js';
import { checkPage } from './support/pages.js';
import { closeJourney, openJourney } from './support/journey.js';
import { declarationFor } from '../support/registry.js';
import type { WebFixture } from '../web/support.js';

const HOSTILE_NAME = '<script>alert(1)</script><img src=x onerror=alert(1)>';
const HOSTILE_GTIN = '05012345678931';

let f: WebFixture;
let browser: Browser;
let base: string;
let receiver: Server;
let hookUrl: string;
const received: { type: string }[] = [];

before(async () => {
  ({ f, browser, base } = await openJourney({ web: { secureCookies: false, signInPerMinute: 100 } }));
  const hostile = declarationFor({ brand: HOSTILE_NAME, model: HOSTILE_NAME, gtins: [HOSTILE_GTIN] }, '2029-06-30');
  hostile.product.name = HOSTILE_NAME;
  await f.services.declarations.submitForModel(systemActor('test'), hostile, { organisationId: f.acme.orgId });
  // The retailer's own system: records each notice a webhook delivers.
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push(JSON.parse(body) as { type: string });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const address = receiver.address();
  hookUrl = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}/iotlabel`;
});
after(async () => {
  await closeJourney({ f, browser });
  await new Promise((resolve) => receiver?.close(resolve));
});

/** A signed-in retailer's page; any script the page runs by accident (an alert) fails the test. */
async function retailerPage(javaScriptEnabled: boolean): Promise<{ page: Page; alerts: string[] }> {
  const context = await newContext(browser, { javaScriptEnabled });
  const page = await context.newPage();
  const alerts: string[] = [];
  page.on('dialog', (dialog) => {
    alerts.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(`${base}/sign-in`);
  await page.fill('#email', f.retailer.email);
  await page.fill('#password', f.retailer.password);
  await Promise.all([page.waitForURL(/\/retailer$/), page.click('[data-qa=sign-in-button]')]);
  return { page, alerts };
}

const rows = (page: Page) => page.locator('[data-qa=watched-gtin]');

async function addGtin(page: Page, gtin: string): Promise<void> {
  await page.fill('#gtin', gtin);
  await Promise.all([page.waitForURL(/notice=added$/), page.click('[data-qa=add-gtin]')]);
}

async function removeGtin(page: Page, gtin: string): Promise<void> {
  await Promise.all([
    page.waitForURL(/notice=removed$/),
    rows(page).filter({ hasText: gtin }).locator('[data-qa=remove-gtin]').click(),
  ]);
}

test('a retailer watches products, follows a webhook delivery of a suspended label, and deletes the webhook', async () => {
  const { page, alerts } = await retailerPage(true);
  await Promise.all([
    page.waitForURL(/\/retailer\/watchlist$/),
    page.click('.govuk-service-navigation a[href="/retailer/watchlist"]'),
  ]);
  assert.match((await page.locator('main').textContent()) ?? '', /You are not watching any products yet/);
  await checkPage(browser, page, 'watchlist-empty');

  await page.fill('#gtin', '123');
  await page.click('[data-qa=add-gtin]');
  await page.locator('[data-qa=error-summary]').waitFor();
  assert.match(await page.title(), /^Error: /);
  await checkPage(browser, page, 'watchlist-error');

  for (const gtin of ['5012345678900', HOSTILE_GTIN, '05012345678917']) await addGtin(page, gtin);
  assert.equal(await rows(page).count(), 3);
  const products = await page.locator('[data-qa=watched-product]').allTextContents();
  assert.ok(products.some((p) => p.includes('Acme CAM-200')));
  assert.ok(
    products.some((p) => p.includes(`${HOSTILE_NAME} ${HOSTILE_NAME}`)),
    'the hostile name is shown as text',
  );
  assert.equal(await page.locator('main img[src=x], main script:not([src])').count(), 0, 'and never as markup');
  assert.match((await page.locator('[data-qa=feed-atom]').textContent()) ?? '', /\/v1\/feeds\/retailer\.atom$/);
  assert.match((await page.locator('[data-qa=feed-json]').textContent()) ?? '', /\/v1\/feeds\/retailer\.json$/);
  await checkPage(browser, page, 'watchlist');

  await removeGtin(page, '05012345678917');
  assert.equal(await rows(page).count(), 2);
  assert.match((await page.locator('[data-qa=watchlist-notice]').textContent()) ?? '', /GTIN removed/);
  await checkPage(browser, page, 'watchlist-removed');

  await Promise.all([
    page.waitForURL(/\/retailer\/webhooks$/),
    page.click('.govuk-service-navigation a[href="/retailer/webhooks"]'),
  ]);
  await checkPage(browser, page, 'webhooks-empty');
  await page.fill('#url', hookUrl);
  await Promise.all([page.waitForNavigation(), page.click('[data-qa=add-webhook]')]);
  const secret = (await page.locator('[data-qa=webhook-secret]').textContent())?.trim() ?? '';
  assert.match(secret, /^whsec_/);
  await checkPage(browser, page, 'webhook-created');
  await Promise.all([page.waitForURL(/\/retailer\/webhooks$/), page.click('text=Back to webhooks')]);
  assert.equal(await page.locator('[data-qa=webhook-row]').count(), 1);
  assert.ok(!(await page.content()).includes(secret), 'the secret is shown only once');
  await checkPage(browser, page, 'webhooks');

  // A regulator suspends the watched camera's label; the retail worker's steps turn it into a delivery.
  await f.services.labels.changeStatus(systemActor('test'), f.acme.labelId, {
    status: 'suspended',
    reason: 'Market surveillance found a universal password',
  });
  await f.services.retail.notices.followEvents();
  await f.services.retail.delivery.deliverDue();
  assert.deepEqual(
    received.map((n) => n.type),
    ['label-suspended'],
  );
  await Promise.all([page.waitForURL(/\/retailer\/webhooks\/whk/), page.locator('[data-qa=webhook-row] a').click()]);
  const delivery = page.locator('[data-qa=delivery-row]');
  assert.equal(await delivery.count(), 1);
  assert.match(
    (await delivery.textContent()) ?? '',
    /Label suspended\s*Delivered\s*1\s*204, 24 November 2026 at 10:00 UTC/,
  );
  await checkPage(browser, page, 'webhook-deliveries');

  await Promise.all([page.waitForURL(/\/retailer\/webhooks$/), page.click('text=Back to webhooks')]);
  await Promise.all([page.waitForURL(/notice=deleted$/), page.click('[data-qa=delete-webhook]')]);
  assert.match((await page.locator('main').textContent()) ?? '', /You have no webhooks/);
  await checkPage(browser, page, 'webhooks-deleted');
  assert.deepEqual(alerts, [], 'no script ran from hostile text');
  await page.context().close();
});

test('with JavaScript off, the same forms add, remove and replace watched GTINs and add and delete a webhook', async () => {
  const { page, alerts } = await retailerPage(false);
  await page.goto(`${base}/retailer/watchlist`);
  const before = await rows(page).count();
  await addGtin(page, '05000000000012');
  assert.equal(await rows(page).count(), before + 1);
  await removeGtin(page, '05000000000012');
  assert.equal(await rows(page).count(), before);

  const file = join(mkdtempSync(join(tmpdir(), 'iotlabel-watch-')), 'watchlist.csv');
  writeFileSync(file, ['sku,gtin', `HOSTILE,${HOSTILE_GTIN}`, 'CAM,05012345678900', 'GONE,05000000000012'].join('\n'));
  await page.setInputFiles('#watchlist-file', file);
  await Promise.all([page.waitForURL(/notice=replaced$/), page.click('[data-qa=replace-watchlist]')]);
  assert.equal(await rows(page).count(), 3);
  assert.ok((await page.locator('[data-qa=watched-product]').allTextContents()).some((p) => p.includes(HOSTILE_NAME)));

  await page.goto(`${base}/retailer/webhooks`);
  await page.fill('#url', hookUrl);
  await Promise.all([page.waitForNavigation(), page.click('[data-qa=add-webhook]')]);
  assert.match((await page.locator('[data-qa=webhook-secret]').textContent()) ?? '', /^whsec_/);
  await page.goto(`${base}/retailer/webhooks`);
  await Promise.all([page.waitForURL(/notice=deleted$/), page.click('[data-qa=delete-webhook]')]);
  assert.match((await page.locator('main').textContent()) ?? '', /You have no webhooks/);
  assert.deepEqual(alerts, []);
  await page.context().close();
});
