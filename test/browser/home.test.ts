import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { registerWeb } from '../../src/web/plugin.js';
import { fitsWidth, launchBrowser, newContext, saveScreenshot, seriousAccessibilityViolations } from './support/browser.js';

let app: FastifyInstance;
let browser: Browser;
let base: string;

before(async () => {
  app = Fastify();
  await registerWeb(app, null as never);
  base = await app.listen({ host: '127.0.0.1', port: 0 });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await app?.close();
});

test('home page: accessible, searchable, and fits 320 px with JavaScript off', async () => {
  for (const javaScriptEnabled of [true, false]) {
    const context = await newContext(browser, { javaScriptEnabled, width: javaScriptEnabled ? 1024 : 320 });
    const page = await context.newPage();
    await page.goto(`${base}/`);
    assert.equal(await page.locator('h1').textContent(), 'Find out if a connected product is secure');
    assert.equal(await page.locator('[data-qa=search-form] input[name=q]').count(), 1);
    if (javaScriptEnabled) assert.deepEqual(await seriousAccessibilityViolations(page), []);
    else assert.ok(await fitsWidth(page), 'home page scrolls sideways at 320 px');
    await saveScreenshot(page, `home-${javaScriptEnabled ? 'js' : 'nojs-320'}`);
    await context.close();
  }
});
