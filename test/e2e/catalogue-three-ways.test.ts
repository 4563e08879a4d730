// Done-when of issue 6: the same catalogue (every kind of bad row) checked online through the real server
// (POST /v1/checks, by the CLI and by a plain client), offline through the downloaded signed snapshot, and
// row by row through GET /v1/sellable gives identical results, the expected ones, under several regimes.
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
import { retailCatalogueCsv, seedRetail, type RetailFixture } from '../registry/retail/fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'iotlabel-3ways-'));
const file = (name: string) => join(dir, name);

describe('one catalogue, three ways', () => {
  let r: TestRegistry;
  let app: FastifyInstance;
  let url: string;
  let key: string;
  let fx: RetailFixture;

  before(async () => {
    r = await openTestRegistry('sqlite');
    fx = await seedRetail(r.services);
    const shop = await r.services.organisations.registerOrganisation(operator, {
      name: 'Three Ways Shop',
      kind: 'retailer',
    });
    key = (await r.services.organisations.createKey(operator, shop.id, {})).key;
    app = await buildApp(r.services, { logger: false });
    url = await app.listen({ host: '127.0.0.1', port: 0 });
    writeFileSync(file('shop.csv'), retailCatalogueCsv());
    const snapshot = await fetch(`${url}/v1/snapshots/latest`);
    assert.equal(snapshot.status, 200);
    assert.equal(snapshot.headers.get('content-type'), 'application/vnd.iotlabel.snapshot');
    writeFileSync(file('latest.iotsnap'), Buffer.from(await snapshot.arrayBuffer()));
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

  async function post(regime: string): Promise<{ results: RowResult[]; summary: CheckSummary }> {
    const res = await fetch(`${url}/v1/checks?regime=${regime}&at=${TODAY}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'text/csv' },
      body: Buffer.from(retailCatalogueCsv()),
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/x-ndjson');
    const lines = (await res.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as RowResult | { summary: CheckSummary });
    const last = lines.pop() as { summary: CheckSummary };
    return { results: lines as RowResult[], summary: last.summary };
  }

  const EXPECTED: Record<string, Record<number, [boolean, string]>> = {
    'uk-psti-2023': {
      2: [true, 'pass'],
      3: [false, 'fail'],
      4: [true, 'pass'],
      5: [true, 'pass'],
      6: [true, 'out-of-scope'],
      12: [false, 'unknown-product'],
      17: [true, 'pass'],
      18: [false, 'withdrawn'],
      19: [false, 'not-declared'],
    },
    'uk-2019-option-a': {
      2: [true, 'pass'],
      3: [false, 'no-label'],
      4: [false, 'label-revoked'],
      5: [true, 'pass'],
      6: [false, 'no-label'],
      12: [false, 'unknown-product'],
      17: [true, 'pass'],
      18: [false, 'withdrawn'],
      19: [false, 'not-declared'],
    },
    // The voluntary label restricts no sale: unknown and undeclared products may be sold, a revoked label is only reported.
    'uk-2019-voluntary': {
      4: [true, 'pass'],
      12: [true, 'unknown-product'],
      18: [false, 'withdrawn'],
      19: [true, 'not-declared'],
    },
  };
  const UNREADABLE: Record<number, string> = {
    7: 'gtin-invalid',
    8: 'columns-missing',
    9: 'encoding-invalid',
    10: 'sku-duplicate',
    11: 'csv-malformed',
    13: 'too-large',
    15: 'gtin-invalid',
  };

  for (const regime of Object.keys(EXPECTED)) {
    test(`${regime}: CLI online, plain POST, CLI offline and GET /v1/sellable agree, with the expected rows`, async () => {
      const online = await cli(
        'check',
        file('shop.csv'),
        '--server',
        url,
        '--key',
        key,
        '--regime',
        regime,
        '--at',
        TODAY,
        '--json',
      );
      const offline = await cli(
        'check',
        file('shop.csv'),
        '--snapshot',
        file('latest.iotsnap'),
        '--keys',
        file('keys.json'),
        '--regime',
        regime,
        '--at',
        TODAY,
        '--json',
      );
      assert.equal(online.code, 1, online.stderr);
      assert.deepEqual(offline, online);
      const doc = JSON.parse(online.stdout) as { results: RowResult[]; summary: CheckSummary };
      assert.deepEqual(await post(regime), doc);
      for (const csv of [false, true]) {
        const extra = csv ? [] : ['--json'];
        assert.deepEqual(
          await cli(
            'check',
            file('shop.csv'),
            '--snapshot',
            file('latest.iotsnap'),
            '--keys',
            file('keys.json'),
            '--regime',
            regime,
            '--at',
            TODAY,
            ...extra,
          ),
          await cli(
            'check',
            file('shop.csv'),
            '--server',
            url,
            '--key',
            key,
            '--regime',
            regime,
            '--at',
            TODAY,
            ...extra,
          ),
        );
      }

      assert.deepEqual(
        doc.results.map((x) => x.line),
        [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15, 17, 18, 19],
      );
      for (const row of doc.results) {
        if (UNREADABLE[row.line]) {
          assert.deepEqual(
            [row.outcome, row.problem, row.sellable],
            ['unreadable', UNREADABLE[row.line], false],
            `line ${row.line}`,
          );
          continue;
        }
        const want = EXPECTED[regime]![row.line];
        if (want) assert.deepEqual([row.sellable, row.outcome], want, `line ${row.line}: ${row.reason}`);
        if (row.outcome === 'unknown-product') continue;
        const by = row.gtin === null ? 'brand=%20bolt%20&model=HUB%20%203' : `gtin=${row.gtin}`;
        const one = await app.inject(`/v1/sellable?${by}&regime=${regime}&at=${TODAY}`);
        assert.equal(one.statusCode, 200, one.body);
        const answer = one.json();
        assert.deepEqual(
          [answer.sellable, answer.outcome, answer.reason, answer.labelId, answer.labelStatus, answer.supportEndDate],
          [row.sellable, row.outcome, row.reason, row.labelId, row.labelStatus, row.supportEndDate],
          `line ${row.line}`,
        );
      }
      const s = doc.summary;
      assert.equal(s.rows, 16);
      assert.equal(s.unreadable, 7);
      assert.equal(s.unknownProduct, 1);
      assert.equal(s.sellable + s.notSellable + s.unknownProduct + s.unreadable, s.rows);
    });
  }

  test('the revoked label is reported on its row under every regime, and the label id answers GET /v1/sellable', async () => {
    const doc = JSON.parse(
      (await cli('check', file('shop.csv'), '--server', url, '--key', key, '--at', TODAY, '--json')).stdout,
    ) as { results: RowResult[] };
    const lock = doc.results.find((x) => x.line === 4)!;
    assert.deepEqual([lock.labelId, lock.labelStatus], [fx.labels.lock, 'revoked']);
    const byLabel = (
      await app.inject(`/v1/sellable?label=${fx.labels.lock}&regime=uk-2019-option-a&at=${TODAY}`)
    ).json();
    assert.equal(byLabel.product.id, fx.products.lock);
    assert.equal(byLabel.outcome, 'label-revoked');
    assert.ok(
      byLabel.reasons.some((x: string) => x.includes('default password found in the field')),
      byLabel.reasons.join('\n'),
    );
  });
});
