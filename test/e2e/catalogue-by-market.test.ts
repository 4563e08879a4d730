// Issue 14: a retailer's shop is in a country, not in a rulebook. The same catalogue checked by market
// online (CLI --server and a plain POST /v1/checks?market=), offline through the signed snapshot, and row by
// row through GET /v1/sellable?market= gives the same answer on every row: sellable iff every law binding a
// sale in the market on the day allows it, the blocking law named in the reason.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { main } from '../../src/cli/main.js';
import { bufferIo } from '../../src/cli/io.js';
import { buildApp } from '../../src/server/index.js';
import type { CheckSummary, RowResult } from '../../src/catalogue/types.js';
import { openTestRegistry, operator, TODAY, type TestRegistry } from '../support/registry.js';
import { retailCatalogueCsv, seedRetail } from '../registry/retail/fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'iotlabel-market-check-'));
const file = (name: string) => join(dir, name);
const AFTER_CRA = '2028-01-15';

describe('a catalogue checked by market', () => {
  let r: TestRegistry;
  let app: FastifyInstance;
  let url: string;
  let key: string;

  before(async () => {
    r = await openTestRegistry('sqlite');
    await seedRetail(r.services);
    const shop = await r.services.organisations.registerOrganisation(operator, {
      name: 'Market Shop',
      kind: 'retailer',
    });
    key = (await r.services.organisations.createKey(operator, shop.id, {})).key;
    app = await buildApp(r.services, { logger: false });
    url = await app.listen({ host: '127.0.0.1', port: 0 });
    writeFileSync(file('shop.csv'), retailCatalogueCsv());
    writeFileSync(file('latest.iotsnap'), Buffer.from(await (await fetch(`${url}/v1/snapshots/latest`)).arrayBuffer()));
    writeFileSync(file('keys.json'), await (await fetch(`${url}/.well-known/iotlabel/keys`)).text());
  });
  after(async () => {
    await app.close();
    await r.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function cli(...argv: string[]) {
    const io = bufferIo();
    const code = await main(argv, io);
    return { code, stdout: io.stdout(), stderr: io.stderr() };
  }
  const online = (market: string, at: string) =>
    cli('check', file('shop.csv'), '--server', url, '--key', key, '--market', market, '--at', at, '--json');
  const offline = (market: string, at: string) =>
    cli(
      'check',
      file('shop.csv'),
      '--snapshot',
      file('latest.iotsnap'),
      '--keys',
      file('keys.json'),
      '--market',
      market,
      '--at',
      at,
      '--json',
    );

  async function post(query: string) {
    return fetch(`${url}/v1/checks?${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'text/csv' },
      body: Buffer.from(retailCatalogueCsv()),
    });
  }

  /** Every readable, registered row answers as GET /v1/sellable?market= does for its product. */
  async function assertRowsMatchSellable(results: RowResult[], market: string, at: string) {
    let compared = 0;
    for (const row of results) {
      if (row.outcome === 'unreadable' || row.outcome === 'unknown-product') continue;
      const by = row.gtin === null ? 'brand=%20bolt%20&model=HUB%20%203' : `gtin=${row.gtin}`;
      const one = await app.inject(`/v1/sellable?${by}&market=${market}&at=${at}`);
      assert.equal(one.statusCode, 200, one.body);
      const answer = one.json();
      assert.deepEqual(
        [answer.sellable, answer.outcome, answer.reason],
        [row.sellable, row.outcome, row.reason],
        `${market} line ${row.line}`,
      );
      compared++;
    }
    assert.equal(compared, 8, `${market}: every registered row compared`);
  }

  for (const market of ['UK', 'AU', 'EU', 'DE', 'US']) {
    test(`${market} on ${TODAY}: CLI online, plain POST, CLI offline and GET /v1/sellable agree on every row`, async () => {
      const a = await online(market, TODAY);
      const b = await offline(market, TODAY);
      assert.equal(a.code, 1, a.stderr);
      assert.deepEqual(b, a);
      const doc = JSON.parse(a.stdout) as { results: RowResult[]; summary: CheckSummary };
      const res = await post(`market=${market.toLowerCase()}&at=${TODAY}`);
      assert.equal(res.status, 200);
      const lines = (await res.text())
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as RowResult | { summary: CheckSummary });
      const summary = (lines.pop() as { summary: CheckSummary }).summary;
      assert.deepEqual({ results: lines, summary }, doc);
      assert.equal(summary.market, market);
      assert.match(a.stderr, new RegExp(`^16 rows checked for ${market} \\(`));
      await assertRowsMatchSellable(doc.results, market, TODAY);
    });
  }

  test('the rows name the law: the default-password plug may not be sold in AU, a withdrawn product nowhere', async () => {
    const doc = JSON.parse((await online('AU', TODAY)).stdout) as { results: RowResult[]; summary: CheckSummary };
    const line = (n: number) => doc.results.find((x) => x.line === n)!;
    assert.equal(doc.summary.regime, 'au-smart-devices-2025');
    assert.deepEqual([line(2).sellable, line(2).outcome], [true, 'pass']);
    assert.match(line(2).reason, /^May be sold in AU: au-smart-devices-2025 allow it\.$/);
    assert.equal(line(3).sellable, false);
    assert.match(line(3).reason, /^May not be sold in AU: au-smart-devices-2025 \(/);
    assert.deepEqual([line(18).sellable, line(18).outcome], [false, 'withdrawn']);
    // An unknown product cannot be confirmed where a law binds the sale ...
    assert.deepEqual([line(12).sellable, line(12).outcome], [false, 'unknown-product']);
    // ... and may be sold where none does, though a withdrawn one still may not.
    const us = JSON.parse((await online('US', TODAY)).stdout) as { results: RowResult[]; summary: CheckSummary };
    const usLine = (n: number) => us.results.find((x) => x.line === n)!;
    assert.equal(us.summary.regime, 'none');
    assert.deepEqual([usLine(12).sellable, usLine(12).outcome], [true, 'unknown-product']);
    assert.deepEqual([usLine(18).sellable, usLine(18).outcome], [false, 'withdrawn']);
    assert.equal(usLine(3).sellable, true);
  });

  test(`after the CRA binds (${AFTER_CRA}) the EU check adds eu-cra and agrees with GET /v1/sellable`, async () => {
    const a = await online('EU', AFTER_CRA);
    const doc = JSON.parse(a.stdout) as { results: RowResult[]; summary: CheckSummary };
    assert.equal(doc.summary.regime, 'eu-red-2025+eu-cra');
    assert.ok(doc.results.some((row) => row.reason.includes('eu-cra (')));
    await assertRowsMatchSellable(doc.results, 'EU', AFTER_CRA);
  });

  test('bad market input: unknown code is MARKET_UNKNOWN (404 / exit 2), regime with market is refused', async () => {
    const unknown = await post(`market=XX&at=${TODAY}`);
    assert.equal(unknown.status, 404);
    assert.equal((await unknown.json()).code, 'MARKET_UNKNOWN');
    const both = await post(`market=AU&regime=uk-psti-2023&at=${TODAY}`);
    assert.equal(both.status, 400);
    const hostile = await post(`market=${encodeURIComponent('AU<script>')}`);
    assert.equal(hostile.status, 400);
    const offlineUnknown = await offline('XX', TODAY);
    assert.equal(offlineUnknown.code, 2);
    assert.match(offlineUnknown.stderr, /unknown market "XX"/);
    const usage = await cli('check', file('shop.csv'), '--server', url, '--market', 'AU', '--regime', 'uk-psti-2023');
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--regime or --market, not both/);
  });
});
