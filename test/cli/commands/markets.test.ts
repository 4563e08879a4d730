// `iotlabel assess --market` and `iotlabel markets`: the same per-market answers as the pure modules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { assessMarkets, marketReport } from '../../../src/assessment/index.js';
import { example } from '../../assessment/fixtures.js';
import { runCli } from '../../support/cli.js';

const ex = (name: string): string =>
  fileURLToPath(new URL(`../../../examples/declarations/${name}.json`, import.meta.url));

test('assess --market UK,EU,AU after the CRA date: sellable in the UK and AU, not in the EU; exit 1', async () => {
  const { code, out } = await runCli(
    'assess',
    ex('good-camera'),
    '--market',
    'UK,EU',
    '--market',
    'au',
    '--at',
    '2028-01-15',
  );
  assert.equal(code, 1);
  assert.match(out, /SELL {2}UK /);
  assert.match(out, /STOP {2}EU .*eu-cra/);
  assert.match(out, /SELL {2}AU /);
  assert.match(out, /x .*\[cra-art13-8-support-period\]/);
  assert.doesNotMatch(out, /uk-2019-option-a/, 'no regimes unless asked for');
});

test('assess --market --json gives the pure verdicts', async () => {
  const { code, out } = await runCli('assess', ex('good-camera'), '--market', 'UK,AU', '--at', '2028-01-15', '--json');
  assert.equal(code, 0);
  const [file] = JSON.parse(out) as { markets: unknown }[];
  assert.deepEqual(file!.markets, assessMarkets(example('good-camera'), ['UK', 'AU'], { at: '2028-01-15' }));
});

test('assess --market XX is bad usage naming the known markets', async () => {
  const { code, err } = await runCli('assess', ex('good-camera'), '--market', 'XX');
  assert.equal(code, 2);
  assert.match(err, /unknown market "XX"; known markets: UK, EU/);
});

test('markets --json: the report the API gives, for every market by default', async () => {
  const { code, out } = await runCli('markets', ex('good-camera'), '--at', '2026-12-02', '--json');
  assert.equal(code, 0);
  const { file, ...report } = JSON.parse(out) as { file: string };
  assert.match(file, /good-camera/);
  assert.deepEqual(
    report,
    marketReport(example('good-camera'), ['UK', 'EU', 'DE', 'FI', 'AU', 'US', 'SG', 'JP'], { at: '2026-12-02' }),
  );
});

test('markets: the human report names the window, the recognition and the plan', async () => {
  const { code, out } = await runCli(
    'markets',
    ex('universal-default-password'),
    '--market',
    'UK,JP',
    '--at',
    '2026-12-02',
  );
  assert.equal(code, 1);
  assert.match(out, /UK United Kingdom: May not be sold in UK/);
  assert.match(out, /1\. passwords: unlocks UK \[uk-psti-2023:psti-sch1-para1\]/);
  const good = await runCli('markets', ex('good-camera'), '--market', 'JP', '--at', '2026-12-02');
  assert.equal(good.code, 0);
  assert.match(good.out, /recognised \(uk-psti-2023\): .*S1\.1-02, S1\.1-05 and S1\.1-16/);
});
