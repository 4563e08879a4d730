// A manufacturer's evidence journey in Chromium: sign in -> the product -> its declaration -> the evidence
// page -> a file chosen by mistake (error summary, linked to the field) -> upload a password analysis ->
// its findings -> paste a security.txt with hostile text -> its findings, shown as text. Then the same
// uploads with JavaScript off. Every page: axe, JavaScript off, 320 px, screenshots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { newContext } from './support/browser.js';
import { checkPage } from './support/pages.js';
import { closeJourney, openJourney } from './support/journey.js';
import { HOSTILE, type WebFixture } from '../web/support.js';
import { CAMERA_CONTACTS, failingPasswords, goodPasswords, securityTxt } from '../registry/evidence/fixtures.js';

let f: WebFixture;
let browser: Browser;
let base: string;

before(async () => ({ f, browser, base } = await openJourney()));
after(() => closeJourney({ f, browser }));

/** The evidence page's two forms. */
class EvidencePage {
  constructor(private readonly page: Page) {}
  async uploadAnalysis(content: string, name = 'analysis.json'): Promise<void> {
    await this.page.setInputFiles('#analysis', { name, mimeType: 'application/json', buffer: Buffer.from(content) });
    await Promise.all([this.page.waitForNavigation(), this.page.click('[data-qa=upload-passwords]')]);
  }
  async pasteSecurityTxt(text: string): Promise<void> {
    await this.page.fill('#securityTxt', text);
    await Promise.all([this.page.waitForNavigation(), this.page.click('[data-qa=upload-security-txt]')]);
  }
  async uploadSecurityTxt(text: string): Promise<void> {
    await this.page.setInputFiles('#securityTxtFile', {
      name: 'security.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(text),
    });
    await Promise.all([this.page.waitForNavigation(), this.page.click('[data-qa=upload-security-txt]')]);
  }
  text(qa: string): Promise<string> {
    return this.page.locator(`[data-qa=${qa}]`).innerText();
  }
}

async function signIn(page: Page): Promise<void> {
  await page.goto(`${base}/sign-in`);
  await page.fill('#email', f.acme.email);
  await page.fill('#password', f.acme.password);
  await Promise.all([page.waitForURL(/\/manufacturer$/), page.click('[data-qa=sign-in-button]')]);
}

test('sign in, go from the product to its evidence, upload a password analysis and a security.txt, and read the findings', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  page.on('dialog', () => assert.fail('a script from an uploaded file ran'));
  await signIn(page);
  await Promise.all([page.waitForURL(/\/manufacturer\/products\/prd_/), page.click('text=Acme CAM-200')]);
  await Promise.all([
    page.waitForURL(/\/manufacturer\/declarations\/dcl_[^/]+$/),
    page.click('text=What to fix, requirement by requirement'),
  ]);
  await Promise.all([page.waitForURL(/\/evidence$/), page.click('[data-qa=evidence-link]')]);
  const evidence = new EvidencePage(page);
  await checkPage(browser, page, 'evidence-empty');

  // The device passwords instead of their analysis: refused, with the summary linked to the field.
  await evidence.uploadAnalysis('device_id,password\nDEV-1,hunter2-is-my-wifi-key\n', 'batch.csv');
  assert.match(await page.title(), /^Error: /);
  assert.match(await evidence.text('error-summary'), /looks like a list of device passwords/);
  assert.ok(!(await page.content()).includes('hunter2-is-my-wifi-key'));
  await checkPage(browser, page, 'evidence-error');
  await page.click('[data-qa=error-summary] a');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'analysis');

  await evidence.uploadAnalysis(JSON.stringify(await failingPasswords()));
  assert.match(page.url(), /\?added=passwords$/);
  assert.match(await evidence.text('evidence-added'), /Password analysis added/);
  assert.match(await evidence.text('password-findings'), /Passwords follow a counter/);
  assert.match(await evidence.text('outcomes'), /Does not meet the rules\s+UK PSTI/);
  await checkPage(browser, page, 'evidence-passwords');

  await evidence.pasteSecurityTxt(securityTxt([...CAMERA_CONTACTS, `https://acme.example/${HOSTILE}`]));
  assert.match(await evidence.text('evidence-added'), /security.txt added/);
  const summary = await evidence.text('security-txt-evidence');
  // Markup is no URI: the file is not valid, and the contact is shown as text.
  assert.match(summary, /Not valid/);
  assert.ok(summary.includes(`https://acme.example/${HOSTILE}`), 'the hostile contact is shown as text');
  assert.match(await evidence.text('security-txt-problems'), /^Line 3: Contact: The value of this field must be a URI/);
  await checkPage(browser, page, 'evidence-security-txt');
  await context.close();
});

test('with JavaScript off, both forms still upload', async () => {
  const context = await newContext(browser, { javaScriptEnabled: false, width: 320 });
  const page = await context.newPage();
  await signIn(page);
  await page.click('text=Acme CAM-200');
  await page.click('[data-qa=evidence-link]');
  await page.waitForURL(/\/evidence$/);
  const evidence = new EvidencePage(page);
  await evidence.uploadAnalysis(JSON.stringify(await goodPasswords()));
  assert.match(await evidence.text('password-evidence'), /No problems found/);
  await evidence.uploadSecurityTxt(securityTxt(CAMERA_CONTACTS, '2026-11-01T00:00:00Z'));
  const summary = await evidence.text('security-txt-evidence');
  assert.match(summary, /Not valid/);
  assert.match(summary, /it has expired/);
  await context.close();
});
