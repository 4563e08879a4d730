// The market report (issue 14): sale windows with the CRA date, obligations, divergence topic by topic and
// the compliance plan, each traceable to requirement ids.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { marketReport } from '../../../src/assessment/index.js';
import { listMarkets } from '../../../src/regimes/index.js';
import { example } from '../fixtures.js';

const ALL = listMarkets().map((m) => m.id);

test('the EU window: may be sold until 10 December 2027; from 11 December the CRA stops it', () => {
  const r = marketReport(example('good-camera'), ['UK', 'EU', 'AU'], { at: '2026-12-02' });
  assert.equal(r.horizon, '2027-12-11');
  const eu = r.markets.find((m) => m.market === 'EU')!;
  assert.equal(eu.sellable, true);
  assert.deepEqual(
    eu.changes.map((c) => [c.date, c.sellable]),
    [['2027-12-11', false]],
  );
  assert.match(eu.window, /until 2027-12-10; from 2027-12-11: .*eu-cra .*cra-art13-8-support-period/);
  assert.deepEqual(
    eu.obligations.map((o) => o.id),
    ['cra-art14-reporting'],
  );
  for (const id of ['UK', 'AU']) assert.deepEqual(r.markets.find((m) => m.market === id)!.changes, [], id);
});

test('divergence: a support period enough for the UK and AU, not for the CRA, with the ids behind it', () => {
  const r = marketReport(example('good-camera'), ['UK', 'EU', 'AU'], { at: '2026-12-02' });
  const support = r.divergences.find((d) => d.topic === 'support-period')!;
  assert.deepEqual(support.notMet, ['eu-cra']);
  assert.ok(support.met.includes('uk-psti-2023') && support.met.includes('au-smart-devices-2025'));
  assert.ok(support.requirements.includes('eu-cra:cra-art13-8-support-period'));
  assert.match(support.statement, /enough for uk-psti-2023, au-smart-devices-2025, not for eu-cra/);
});

test('the plan for a universal-default-password product across all markets lists the password change first', () => {
  const r = marketReport(example('universal-default-password'), ALL, { at: '2026-12-02' });
  const first = r.plan[0]!;
  assert.equal(first.change, 'passwords');
  assert.deepEqual([...first.unlocks].sort(), ['AU', 'DE', 'EU', 'FI', 'UK']);
  for (const id of ['uk-psti-2023:psti-sch1-para1', 'au-smart-devices-2025:au-sch1-cl2', 'eu-red-2025:red-aum'])
    assert.ok(first.requirements.includes(id), id);
  for (const step of r.plan.slice(1)) assert.ok(step.unlocks.length <= first.unlocks.length);
});

test('a product sellable everywhere has an empty plan', () => {
  const r = marketReport(example('eu-smart-plug'), ALL, { at: '2028-01-15' });
  assert.ok(r.markets.every((m) => m.sellable));
  assert.deepEqual(r.plan, []);
});
