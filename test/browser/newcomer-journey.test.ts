// A newcomer's first start, as `npm start` does it (the built `iotlabel serve`): on a busy port it says so in
// one line, exits 2 and creates nothing; on a free port it starts, and in Chromium the first page loads and
// the demo sign-in that `iotlabel admin demo-credentials` prints works. Every page: axe, JavaScript off,
// 320 px, screenshots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { ensureBuilt } from '../support/build.js';
import { startServe, type ServeProcess } from '../support/serve-process.js';
import { launchBrowser, newContext } from './support/browser.js';
import { checkPage } from './support/pages.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'bin', 'iotlabel.js');
const env = { ...process.env, LOG_LEVEL: 'warn', DATABASE_URL: '', IOTLABEL_DATABASE_URL: '' };

let dir: string;
let busy: Server;
let browser: Browser | undefined;
let server: ServeProcess | undefined;

before(async () => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'iotlabel-newcomer-'));
  busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
});
after(async () => {
  await browser?.close();
  if (server && server.child.exitCode === null) {
    server.child.kill('SIGTERM');
    await server.exited;
  }
  await new Promise<void>((resolve) => busy.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

test('a busy port is one plain line and exit 2, before anything is created', async () => {
  const port = (busy.address() as { port: number }).port;
  const dataDir = join(dir, 'data');
  const started = startServe([CLI, 'serve', '--port', String(port), '--host', '127.0.0.1', '--data-dir', dataDir], {
    cwd: ROOT,
    env,
  });
  await assert.rejects(started, (error: Error) => {
    assert.equal(error.message, `serve exited early (2):\niotlabel: port ${port} is in use; try --port\n`);
    return true;
  });
  assert.equal(existsSync(dataDir), false, 'no data folder, so no database and no seed');
  assert.deepEqual(readdirSync(dir), [], 'nothing else either');
});

test('on a free port it starts, the first page loads and the demo sign-in works', async () => {
  const dataDir = join(dir, 'data');
  server = await startServe([CLI, 'serve', '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir], {
    cwd: ROOT,
    env,
  });
  const base = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(server.output())![1]!;

  // The sign-ins the first start printed may be long gone: ask for new ones, as the banner says.
  const renewed = spawnSync(process.execPath, [CLI, 'admin', 'demo-credentials', '--json', '--data-dir', dataDir], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
  });
  assert.equal(renewed.status, 0, renewed.stderr);
  const { users } = JSON.parse(renewed.stdout) as { users: { role: string; email: string; password: string }[] };
  const maker = users.find((u) => u.role === 'manufacturer')!;

  browser = await launchBrowser();
  for (const width of [undefined, 320]) {
    const context = await newContext(browser, width === undefined ? {} : { width });
    const page = await context.newPage();
    await page.goto(`${base}/`);
    assert.equal(await page.locator('h1').count(), 1);
    if (width === undefined) await checkPage(browser, page, 'newcomer-home');
    await Promise.all([page.waitForURL(/\/sign-in/), page.click('a[href^="/sign-in"]')]);
    if (width === undefined) await checkPage(browser, page, 'newcomer-sign-in');
    await page.fill('#email', maker.email);
    await page.fill('#password', maker.password);
    await Promise.all([page.waitForURL(/\/manufacturer$/), page.click('[data-qa=sign-in-button]')]);
    assert.match(await page.locator('main').innerText(), /Acme|Brightly|products/i);
    if (width === undefined) await checkPage(browser, page, 'newcomer-signed-in');
    await context.close();
  }
});
