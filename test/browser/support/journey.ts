// What every browser journey starts from: the web fixture serving on a free port and one Chromium.
// A journey file: `before(async () => ({ f, browser, base } = await openJourney()))`, `after(() => closeJourney({ f, browser }))`.
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser.js';
import { openWebFixture, type WebFixture } from '../../web/support.js';

export interface Journey {
  f: WebFixture;
  browser: Browser;
  /** The server's address, e.g. http://127.0.0.1:41234 */
  base: string;
}

export async function openJourney(options: Parameters<typeof openWebFixture>[0] = {}): Promise<Journey> {
  const f = await openWebFixture(options);
  const base = await f.app.listen({ host: '127.0.0.1', port: 0 });
  return { f, base, browser: await launchBrowser() };
}

/** Closes what `openJourney` opened; safe after a failed `before` (either may be missing). */
export async function closeJourney(journey: Partial<Journey>): Promise<void> {
  await journey.browser?.close();
  await journey.f?.close();
}
