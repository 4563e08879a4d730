// A manufacturer's journey in Chromium: sign in -> register a product -> the declaration form in steps,
// with errors to fix -> check answers -> submit -> a UK PSTI pass -> the statement of compliance -> a label.
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

  // First the rules: UK PSTI is ticked to start with; the next steps mark what the ticked rules need.
  await Promise.all([page.waitForURL(/\/declare\/rules$/), page.click('[data-qa=declare]')]);
  const form = new DeclarationForm(page);
  assert.ok(await page.locator('input[name=regimes][value="uk-psti-2023"]').isChecked());
  await page.check('input[name=regimes][value="uk-2019-option-a"]');
  await checkPage(browser, page, 'declare-rules');
  await form.continue();
  assert.match(page.url(), /\/declare\/product$/);
  assert.match(await page.locator('#batch-hint').innerText(), /^Required by UK PSTI/);
  assert.match(await page.locator('label[for=hardwareVersion]').innerText(), /\(optional\)$/);
  await form.fill({ '#manufacturerAddress': '1 High St, London N1 1AA, UK', '#batch': '2026-W48' });
  await checkPage(browser, page, 'declare-product');
  await form.continue();
  await checkPage(browser, page, 'declare-passwords');
  await form.choose('usesPasswords', 'scheme', 'generation', 'resettable-2');
  await form.continue();
  // A plain email address is a contact; "five" days is an error in words, linked to its field.
  await form.fill({ '#contacts': 'security@acme.example', '#ackDays': 'five' });
  await form.continue();
  assert.equal(await form.errorSummary().count(), 1);
  assert.match(await page.title(), /^Error: /);
  assert.match(await form.errorSummary().innerText(), /as a whole number/);
  await checkPage(browser, page, 'declare-disclosure-error');
  await page.click('[data-qa=error-summary] a');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'ackDays');
  await form.fill({ '#ackDays': '5', '#updateDays': '30' });
  await form.continue();
  await form.fill({ '#endDate-day': '31', '#endDate-month': '2', '#endDate-year': '2031' });
  await form.continue();
  assert.match(await form.errorSummary().innerText(), /31 February 2031 is not a real date/);
  await checkPage(browser, page, 'declare-support-error');
  await form.fill({
    '#endDate-day': '31',
    '#endDate-month': '12',
    '#endDate-year': '2030',
    '#supportPublishedAt': 'https://acme.example/support',
  });
  await checkPage(browser, page, 'declare-support');
  await form.continue();
  // Grouped by clause; what earlier steps answered is shown, not asked again; one answer covers a clause.
  assert.ok((await page.locator('[data-qa=provision-group]').count()) > 10);
  assert.equal(await page.locator('[name="s_5.1-1"]').count(), 0);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  assert.ok(height < 12000, `the provisions step is ${height} px tall`);
  await form.choose('g_5.3');
  await checkPage(browser, page, 'declare-provisions');
  await form.continue();
  await form.fill({
    '#signatoryName': 'Jane Smith',
    '#signatoryFunction': 'Head of Product Security',
    '#signatoryPlace': 'London',
  });
  await checkPage(browser, page, 'declare-signatory');
  await form.continue();
  const answers = await page.locator('main').innerText();
  assert.match(answers, /Each device has its own password/);
  assert.match(answers, /2026-W48/);
  assert.doesNotMatch(answers, /unique-per-device|csprng|etsi-en-303645/);
  await checkPage(browser, page, 'declare-check-answers');
  await Promise.all([
    page.waitForURL(/\/manufacturer\/declarations\/dcl_/),
    page.click('[data-qa=submit-declaration]'),
  ]);
  assert.equal(await page.locator('[data-qa=submitted-panel]').count(), 1);
  assert.match(await page.locator('[data-qa=regime-uk-psti-2023]').innerText(), /: meets the rules/i);
  await checkPage(browser, page, 'declaration-assessment');

  // The statement of compliance, from the product page, without the API's own pages or keys.
  await page.goto(`${base}/manufacturer`);
  await page.click('text=Acme PLUG-1');
  const statement = page.locator('[data-qa=statement-pdf]');
  assert.equal(await statement.count(), 1, 'the statement of compliance can be downloaded');
  const pdf = await context.request.get(new URL((await statement.getAttribute('href'))!, base).toString());
  assert.equal(pdf.status(), 200);
  assert.equal(pdf.headers()['content-type'], 'application/pdf');

  await page.check('#regime');
  await Promise.all([page.waitForNavigation(), page.click('[data-qa=issue-label]')]);
  const svgLink = page.locator('[data-qa=label-svg]').first();
  assert.equal(await svgLink.count(), 1, 'the label can be downloaded');
  const download = await context.request.get(new URL((await svgLink.getAttribute('href'))!, base).toString());
  assert.equal(download.status(), 200);
  const svg = await download.text();
  assert.match(svg, /^<svg|<\?xml/);
  assert.match(svg, /<svg [^>]*width="50mm"/, 'the first download is the small print size');
  assert.match(svg, /<text [^>]*>Issued by [^<]+<\/text>/, 'the face names its issuer');
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
