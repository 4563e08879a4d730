// Checks every page a journey visits the same three ways: axe-core (no serious or critical WCAG 2.2 A/AA
// violations) with JavaScript on, then the same address with JavaScript off at 320 px (it must render its
// heading and not scroll sideways), with a screenshot of each kept under test-artifacts/.
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { fitsWidth, newContext, saveScreenshot, seriousAccessibilityViolations } from './browser.js';

export interface PageCheck {
  name: string;
  url: string;
}

export async function checkPage(browser: Browser, page: Page, name: string): Promise<PageCheck> {
  const violations = await seriousAccessibilityViolations(page);
  assert.deepEqual(violations, [], `${name}: axe found serious or critical violations`);
  await saveScreenshot(page, `${name}-js`);
  const url = page.url();
  const noJs: BrowserContext = await newContext(browser, { javaScriptEnabled: false, width: 320 });
  try {
    await noJs.addCookies(await page.context().cookies());
    const plain = await noJs.newPage();
    const res = await plain.goto(url);
    assert.ok(res && res.status() < 500, `${name}: ${url} answered ${res?.status()} without JavaScript`);
    assert.ok((await plain.locator('h1').count()) >= 1, `${name}: no heading without JavaScript`);
    assert.ok(await fitsWidth(plain), `${name}: scrolls sideways at 320 px`);
    await saveScreenshot(plain, `${name}-nojs-320`);
  } finally {
    await noJs.close();
  }
  return { name, url };
}
