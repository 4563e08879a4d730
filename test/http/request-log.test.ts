// One log line per request at info for what an operator should see (writes, bad input, refusals), and
// routine reads at debug: a GTIN nobody registered is an everyday answer for a till, not an event.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { bearer, openTestApp, type TestApp } from '../support/http.js';

const lines: { level: number; msg: string; url?: string; status?: number }[] = [];
const stream = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line));
    done();
  },
});

let t: TestApp;
before(async () => {
  t = await openTestApp({ logger: { level: 'info', stream } });
});
after(() => t.close());

const logged = (url: string) => lines.filter((l) => l.msg === 'request' && l.url === url);

test('routine reads (found or not found) are not logged at info; refusals, bad input and writes are', async () => {
  const cases: [string, { method?: 'GET' | 'POST'; key?: string; payload?: unknown }, number, boolean][] = [
    ['/v1/sellable?gtin=05012345678917&regime=uk-psti-2023', {}, 404, false],
    ['/v1/regimes', {}, 200, false],
    ['/v1/sellable?gtin=05012345678901&regime=uk-psti-2023', {}, 400, true],
    ['/v1/watchlist', {}, 401, true],
    [
      '/v1/products',
      { method: 'POST', key: t.keys.acme, payload: { brand: 'Log', model: 'L-1', name: 'L', category: 'hub' } },
      201,
      true,
    ],
  ];
  for (const [url, c, status, atInfo] of cases) {
    const res = await t.app.inject({
      url,
      method: c.method ?? 'GET',
      headers: bearer(c.key),
      payload: c.payload as object,
    });
    assert.equal(res.statusCode, status, `${url}: ${res.body}`);
    await new Promise((resolve) => setImmediate(resolve));
    const entries = logged(url);
    assert.equal(entries.length, atInfo ? 1 : 0, `${url} (${status}) logged at info: ${atInfo}`);
    if (atInfo) assert.equal(entries[0]!.status, status);
  }
});
