// A shopper's journey in Chromium: search -> product -> the page the QR code opens, where the label is
// checked in the browser (genuine; a tampered token is not; a revoked label says so), and /l for a pasted
// link. Every page: axe, JavaScript off, 320 px, screenshots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { newContext, saveScreenshot } from './support/browser.js';
import { ensureBrowserModules } from './support/build-browser-modules.js';
import { checkPage } from './support/pages.js';
import { closeJourney, openJourney } from './support/journey.js';
import { HOSTILE, type WebFixture } from '../web/support.js';

let f: WebFixture;
let browser: Browser;
let base: string;

before(async () => {
  ensureBrowserModules();
  ({ f, browser, base } = await openJourney());
});
after(() => closeJourney({ f, browser }));

const verdictOf = async (page: Page) => {
  const area = page.locator('[data-qa=verdict][data-verdict]');
  await area.waitFor({ timeout: 10_000 });
  return { kind: await area.getAttribute('data-verdict'), title: await area.locator('h2').textContent() };
};

test('search, product page, and the label check the QR code opens', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(`${base}/`);
  await checkPage(browser, page, 'public-home');
  await page.fill('[data-qa=search-form] input[name=q]', 'Acme CAM-200');
  await page.click('[data-qa=search-button]');
  await page.waitForURL(/\/search\?q=/);
  assert.equal(await page.locator('[data-qa=product-result]').count(), 1);
  // Each result says whether the product may be sold, before anything else about it.
  assert.match(
    (await page.locator('[data-qa=product-result] [data-qa=consumer-verdict]').textContent()) ?? '',
    /may (not )?be sold in the UK/,
  );
  await checkPage(browser, page, 'public-search');
  await page.click('[data-qa=product-result] a');
  await page.waitForURL(/\/products\//);
  const firstParagraph = page.locator('main p').first();
  assert.equal(await firstParagraph.getAttribute('data-qa'), 'consumer-verdict', 'the verdict is said first');
  assert.match(
    (await page.locator('[data-qa=support-period]').textContent()) ?? '',
    /Security updates until 31 December 2030 — 4 years and 1 month from today/,
  );
  assert.equal(
    await page.locator('[data-qa=label-figure] img').evaluate((img) => (img as HTMLImageElement).naturalWidth > 0),
    true,
    'the label image loads',
  );
  await checkPage(browser, page, 'public-product');

  // The QR code's link: the token is in the fragment, checked here in the browser.
  await page.goto(f.acme.labelLink.replace(/^https?:\/\/[^/]+/, base));
  assert.deepEqual(await verdictOf(page), { kind: 'genuine', title: 'Genuine label' });
  assert.match(await page.locator('[data-qa=verdict]').innerText(), /Issued by \S+, the registry that checked it\./);
  await checkPage(browser, page, 'verify-genuine');
  // On a 320 px phone the verdict takes focus and its focus outline stays inside the screen.
  const phone = await newContext(browser, { width: 320 });
  const small = await phone.newPage();
  await small.goto(f.acme.labelLink.replace(/^https?:\/\/[^/]+/, base));
  assert.equal((await verdictOf(small)).kind, 'genuine');
  const box = (await small.locator('[data-qa=verdict]').boundingBox())!;
  const outline = await small.locator('[data-qa=verdict]').evaluate((el) => getComputedStyle(el).outlineOffset);
  assert.ok(box.x >= 0 && box.x + box.width <= 320, `the verdict box fits: ${JSON.stringify(box)}`);
  assert.ok(parseFloat(outline) <= 0, `the focus outline is drawn inside the box (offset ${outline})`);
  await saveScreenshot(small, 'verify-genuine-js-320', { fullPage: false });
  await phone.close();
  const [head, payload, sig] = f.acme.token.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
  const tampered = `${head}.${Buffer.from(JSON.stringify({ ...claims, sed: '2040-12-31' })).toString('base64url')}.${sig}`;
  await page.goto(`${base}/01/05012345678900#${tampered}`);
  await page.reload();
  assert.deepEqual(await verdictOf(page), { kind: 'not-genuine', title: 'This label is not genuine' });
  // It speaks to the person holding the box: who did not issue it, what to do; no key ids or codes.
  const said = (await page.locator('[data-qa=verdict]').innerText()).replace(/\s+/g, ' ');
  const registry = new URL((await page.locator('[data-qa=verdict]').getAttribute('data-public-url'))!).host;
  assert.ok(said.includes(`This label was not issued by ${registry}.`), said);
  assert.match(said, /Do not rely on it/);
  assert.doesNotMatch(said, /[A-Za-z0-9_-]{43}|[A-Z]{4,}_[A-Z_]+|\bkey\b/, said);
  await checkPage(browser, page, 'verify-tampered');
  await context.close();
});

test('/l checks a pasted link in the browser, and a revoked label says so', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(`${base}/l`);
  await page.fill('#token', f.acme.labelLink.replace(/^https?:\/\/[^/]+/, base));
  await page.click('[data-qa=check-token]');
  assert.deepEqual(await verdictOf(page), { kind: 'genuine', title: 'Genuine label' });
  assert.equal(page.url(), `${base}/l`, 'checked in the browser, not posted');
  await checkPage(browser, page, 'verify-paste');
  await f.services.labels.changeStatus({ kind: 'system', via: 'test' }, f.acme.labelId, {
    status: 'revoked',
    reason: 'Market surveillance found a universal password',
  });
  await page.goto(f.acme.labelLink.replace(/^https?:\/\/[^/]+/, base));
  await page.reload();
  assert.deepEqual(await verdictOf(page), { kind: 'revoked', title: 'Revoked label' });
  await page.goto(`${base}/products/${f.acme.productId}`);
  assert.match(
    (await page.locator('[data-qa=label-status]').textContent()) ?? '',
    /revoked on 24 November 2026, because: Market surveillance found a universal password/,
  );
  assert.match((await page.locator('[data-qa=buyer-advice]').textContent()) ?? '', /ask the seller/);
  await checkPage(browser, page, 'public-product-revoked');
  await page.goto(`${base}/open-data`);
  await checkPage(browser, page, 'open-data');
  await context.close();
});

test("a manufacturer's page lists its products, hostile names as text", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  page.on('dialog', (dialog) => assert.fail(`a script ran: ${dialog.message()}`));
  await page.goto(`${base}/products/${f.acme.productId}`);
  await Promise.all([page.waitForURL(/\/manufacturers\//), page.click('text=Acme Devices Ltd')]);
  assert.equal(await page.locator('h1').textContent(), 'Acme Devices Ltd');
  const products = (await page.locator('main').textContent()) ?? '';
  assert.match(products, /CAM-200/);
  assert.ok(products.includes(HOSTILE), 'the hostile product name is shown as text');
  assert.equal(await page.locator('main script').count(), 0);
  await checkPage(browser, page, 'public-manufacturer');
  await context.close();
});

test('an address that is no page shows the "Page not found" page, with a way back to the start', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  const res = await page.goto(`${base}/no-such-page`);
  assert.equal(res?.status(), 404);
  assert.equal(await page.locator('h1').textContent(), 'Page not found');
  await checkPage(browser, page, 'page-not-found');
  await page.click('text=Go to the start page');
  await page.waitForURL(`${base}/`);
  await context.close();
});

test('searching for a label ID as printed finds the label, its status and its product', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(`${base}/`);
  const id = f.acme.labelId;
  await page.fill(
    '[data-qa=search-form] input[name=q]',
    `${id.slice(0, 5).toLowerCase()} ${id.slice(5).toLowerCase()}`,
  );
  await page.click('[data-qa=search-button]');
  await page.waitForURL(/\/search\?q=/);
  assert.match((await page.locator('[data-qa=label-match]').textContent()) ?? '', new RegExp(`Label ${id}`));
  assert.equal(await page.locator('[data-qa=product-result]').count(), 1);
  await checkPage(browser, page, 'public-search-label-id');
  await page.click(`text=Check label ${id}`);
  await page.waitForURL(new RegExp(`/l\\?id=${id}$`));
  await page.locator('[data-qa=label-lookup]').waitFor();
  await context.close();
});

test('the registry about itself: a sign-in link on every page, its security contact and the transparency log explained', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(`${base}/`);
  assert.equal(await page.locator('[data-qa=sign-in-link]').count(), 1);
  await Promise.all([page.waitForURL(/\/transparency-log$/), page.click('footer >> text=Transparency log')]);
  assert.equal(await page.locator('h1').textContent(), 'The transparency log');
  assert.match((await page.locator('[data-qa=log-state]').textContent()) ?? '', /Entries\s*\d+/);
  await checkPage(browser, page, 'public-transparency-log');
  await Promise.all([
    page.waitForURL(/\/security$/),
    page.click('footer >> text=Report a security problem in this registry'),
  ]);
  await checkPage(browser, page, 'public-security');
  const txt = await context.request.get(`${base}/.well-known/security.txt`);
  assert.match(await txt.text(), /^Contact: /m);
  const icon = await context.request.get(`${base}/favicon.ico`);
  assert.equal(icon.status(), 200);
  await context.close();
});
