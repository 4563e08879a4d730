// Markets over HTTP (issue 14): GET /v1/sellable?market=... combines every binding law, naming each; GET
// /v1/products/{id}/markets is the same report `iotlabel markets` prints for the declaration.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS } from '../support/dialects.js';
import { openTestApp, type TestApp } from '../support/http.js';
import { declarationFor } from '../support/registry.js';
import { marketReport, parseDeclaration } from '../../src/assessment/index.js';
import { bearer } from '../support/http.js';

const gtin = '05012345678900';

for (const dialect of DIALECTS) {
  describe(`markets over HTTP (${dialect})`, () => {
    let t: TestApp;
    let product = '';
    const document = declarationFor({ brand: 'Acme', model: 'CAM-200', gtins: [gtin] });
    before(async () => {
      t = await openTestApp({}, dialect);
      const res = await t.app.inject({
        method: 'POST',
        url: '/v1/declarations',
        headers: bearer(t.keys.acme),
        payload: document as never,
      });
      assert.equal(res.statusCode, 201, res.body);
      product = (res.json() as { product: { id: string } }).product.id;
    });
    after(async () => t.close());

    const sellable = async (market: string, at: string) => {
      const res = await t.app.inject({ method: 'GET', url: `/v1/sellable?gtin=${gtin}&market=${market}&at=${at}` });
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as {
        market: string;
        sellable: boolean;
        reason: string;
        laws: { regime: string; sellable: boolean }[];
      };
    };

    test('sellable in AU and the UK; in the EU until the CRA date, not after; each law named', async () => {
      const au = await sellable('AU', '2028-01-15');
      assert.deepEqual([au.market, au.sellable], ['AU', true]);
      assert.deepEqual(
        au.laws.map((l) => l.regime),
        ['au-smart-devices-2025'],
      );
      assert.equal((await sellable('uk', '2028-01-15')).sellable, true);
      const before = await sellable('EU', '2027-12-10');
      assert.deepEqual(
        before.laws.map((l) => [l.regime, l.sellable]),
        [['eu-red-2025', true]],
      );
      const eu = await sellable('DE', '2028-01-15');
      assert.equal(eu.sellable, false);
      assert.deepEqual(
        eu.laws.map((l) => [l.regime, l.sellable]),
        [
          ['eu-red-2025', true],
          ['eu-cra', false],
        ],
      );
      assert.match(eu.reason, /May not be sold in DE: eu-cra/);
    });

    test('no law binds a sale in the US: sellable, no law listed', async () => {
      const us = await sellable('US', '2028-01-15');
      assert.deepEqual([us.sellable, us.laws], [true, []]);
    });

    test('the report over HTTP is the pure report for the declaration', async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/v1/products/${product}/markets?market=UK,EU,JP&at=2026-12-02`,
      });
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json() as Record<string, unknown>;
      const { product: p, declaration: d, ...report } = body;
      assert.equal((p as { id: string }).id, product);
      assert.equal((d as { version: number }).version, 1);
      const expected = marketReport(parseDeclaration(document), ['UK', 'EU', 'JP'], { at: '2026-12-02' });
      assert.deepEqual(report, JSON.parse(JSON.stringify(expected)));
    });

    test('an unknown market is a 404 problem naming the parameter', async () => {
      const res = await t.app.inject({ method: 'GET', url: `/v1/sellable?gtin=${gtin}&market=XX` });
      assert.equal(res.statusCode, 404);
      const problem = res.json() as { code: string; detail: string; errors: { pointer: string }[] };
      assert.equal(problem.code, 'MARKET_UNKNOWN');
      assert.match(problem.detail, /unknown market "XX"; known markets: UK, EU/);
      assert.equal(problem.errors[0]!.pointer, '/query/market');
      const both = await t.app.inject({ method: 'GET', url: `/v1/sellable?gtin=${gtin}&market=AU&regime=eu-cra` });
      assert.equal(both.statusCode, 400);
    });
  });
}
