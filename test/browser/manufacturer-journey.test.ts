// A manufacturer's journey in Chromium: sign in -> register a product -> the declaration form in steps,
// with an error to fix -> check answers -> submit -> the assessment -> get a label -> download it.
// Page objects keep the steps readable; every page: axe, JavaScript off, 320 px, screenshots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { newContext } from './support/browser.js';
import { checkPage } from './support/pages.js';
import { closeJourney, openJourney } from './support/journey.js';
import type { WebFixture } from '../web/support.js';

let f: WebFixture;
let browser: Browser;
let base: string;

before(async () => ({ f, browser, base } = await openJourney()));
after(() => closeJourney({ f, browser }));

/** The declaration form's step pages. */
class DeclarationForm {
  constructor(private readonly page: Page) {}
  async fill(fields: Record<string, string>): Promise<void> {
    for (const [selector, value] of Object.entries(fields)) await this.page.fill(selector, value);
  }
  async choose(...ids: string[]): Promise<void> {
    for (const id of ids) await this.page.check(`#${id.replace(/\./g, '\\.')}`);
  }
  async continue(): Promise<void> {
    await Promise.all([this.page.waitForNavigation(), this.page.click('[data-qa=continue]')]);
  }
  errorSummary() {
    return this.page.locator('[data-qa=error-summary]');
  }
}

test('sign in, declare a product in steps, fix an error, submit, and download its label', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(`${base}/sign-in`);
  await checkPage(browser, page, 'sign-in');
  await page.fill('#email', f.acme.email);
  await page.fill('#password', f.acme.password);
  await Promise.all([page.waitForURL(/\/manufacturer$/), page.click('[data-qa=sign-in-button]')]);
  await checkPage(browser, page, 'portal-products');

  await page.click('[data-qa=new-product]');
  await checkPage(browser, page, 'portal-new-product');
  await page.fill('#brand', 'Acme');
  await page.fill('#model', 'PLUG-1');
  await page.fill('#name', 'Acme Smart Plug');
  await page.selectOption('#category', 'smart-plug');
  await page.fill('#gtins', '05012345678924');
  await Promise.all([page.waitForURL(/\/manufacturer\/products\/prd_/), page.click('[data-qa=register-product]')]);
  await checkPage(browser, page, 'portal-product');

  await Promise.all([page.waitForURL(/\/declare\/product$/), page.click('[data-qa=declare]')]);
  const form = new DeclarationForm(page);
  await checkPage(browser, page, 'declare-product');
  await form.continue();
  await checkPage(browser, page, 'declare-passwords');
  await form.choose('usesPasswords', 'scheme', 'generation', 'resettable-2');
  await form.continue();
  await form.fill({ '#contacts': 'mailto:security@acme.example', '#ackDays': 'five' });
  await form.continue();
  // The error: a summary at the top, linked to the field, which says what to do.
  assert.equal(await form.errorSummary().count(), 1);
  assert.match(await page.title(), /^Error: /);
  await checkPage(browser, page, 'declare-disclosure-error');
  await page.click('[data-qa=error-summary] a');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'ackDays');
  await form.fill({ '#ackDays': '5', '#updateDays': '30' });
  await form.continue();
  await form.fill({ '#endDate-day': '31', '#endDate-month': '12', '#endDate-year': '2030' });
  await checkPage(browser, page, 'declare-support');
  await form.continue();
  await form.choose('s_5.1-1', 's_5.1-2', 's_5.2-1', 's_5.3-13');
  await checkPage(browser, page, 'declare-provisions');
  await form.continue();
  await form.fill({
    '#signatoryName': 'Jane Smith',
    '#signatoryFunction': 'Head of Product Security',
    '#signatoryPlace': 'London',
  });
  await checkPage(browser, page, 'declare-signatory');
  await form.continue();
  await checkPage(browser, page, 'declare-check-answers');
  await Promise.all([
    page.waitForURL(/\/manufacturer\/declarations\/dcl_/),
    page.click('[data-qa=submit-declaration]'),
  ]);
  assert.equal(await page.locator('[data-qa=submitted-panel]').count(), 1);
  await checkPage(browser, page, 'declaration-assessment');

  await page.goto(`${base}/manufacturer`);
  await page.click('text=Acme PLUG-1');
  await page.check('#regime');
  await Promise.all([page.waitForNavigation(), page.click('[data-qa=issue-label]')]);
  const svgLink = page.locator('[data-qa=label-svg]').first();
  assert.equal(await svgLink.count(), 1, 'the label can be downloaded');
  const download = await context.request.get(new URL((await svgLink.getAttribute('href'))!, base).toString());
  assert.equal(download.status(), 200);
  assert.match(await download.text(), /^<svg|<\?xml/);
  await checkPage(browser, page, 'portal-product-labelled');
  await page.goto(`${base}/account/api-keys`);
  await checkPage(browser, page, 'account-api-keys');

  // Signing out ends the session: the portal asks for a sign-in again.
  await Promise.all([page.waitForURL(/\/signed-out$/), page.click('[data-qa=sign-out]')]);
  await checkPage(browser, page, 'signed-out');
  await page.goto(`${base}/manufacturer`);
  assert.match(page.url(), /\/sign-in/);
  await context.close();
});
