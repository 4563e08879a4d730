// Checks every page a journey visits the same three ways: axe-core (no serious or critical WCAG 2.2 A/AA
// violations) with JavaScript on, then the same address with JavaScript off at 320 px (it must answer,
// show its heading and not scroll sideways), with a screenshot of each kept under test/browser/screenshots/.
// One JavaScript-off page per browser is reused (given the journey's cookies), so checks stay quick.
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { fitsWidth, newContext, saveScreenshot, seriousAccessibilityViolations } from './browser.js';

const plainPages = new WeakMap<Browser, Promise<Page>>();

function plainPageOf(browser: Browser): Promise<Page> {
  let page = plainPages.get(browser);
  if (!page) {
    page = newContext(browser, { javaScriptEnabled: false, width: 320 }).then((context) => context.newPage());
    plainPages.set(browser, page);
  }
  return page;
}

export async function checkPage(browser: Browser, page: Page, name: string): Promise<void> {
  // GOV.UK Frontend's inline snippet ran under the page's policy (allowed by its hash).
  assert.ok(
    await page.evaluate(() => document.body.classList.contains('js-enabled')),
    `${name}: the inline js-enabled snippet did not run`,
  );
  const violations = await seriousAccessibilityViolations(page);
  assert.deepEqual(violations, [], `${name}: axe found serious or critical violations`);
  // Very tall pages (the provisions step) are captured as far as the first screens: a full capture costs seconds.
  const tall = await page.evaluate(() => document.documentElement.scrollHeight > 6000);
  await saveScreenshot(page, `${name}-js`, { fullPage: !tall });
  const url = page.url();
  const plain = await plainPageOf(browser);
  await plain.context().clearCookies();
  await plain.context().addCookies(await page.context().cookies());
  await plain.goto('about:blank'); // so an address that differs only after '#' is still a real load
  const res = await plain.goto(url);
  assert.ok(res && res.status() < 500, `${name}: ${url} answered ${res?.status()} without JavaScript`);
  assert.ok((await plain.locator('h1').count()) >= 1, `${name}: no heading without JavaScript`);
  assert.ok(await fitsWidth(plain), `${name}: scrolls sideways at 320 px`);
  await saveScreenshot(plain, `${name}-nojs-320`, { fullPage: false });
}
