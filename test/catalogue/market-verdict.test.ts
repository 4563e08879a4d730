// The market sale rule as pure code: every binding law's verdict combined, the no-law case, and a snapshot's
// own market table (hostile or unknown codes included).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  combineLawAnswers,
  marketRuleFor,
  marketVerdict,
  snapshotMarketRule,
} from '../../src/catalogue/market-verdict.js';
import type { SellabilityFacts } from '../../src/catalogue/types.js';
import { hasCode } from '../support/assert.js';

const facts = (outcome: 'pass' | 'fail' | 'withdrawn', sellable: boolean): SellabilityFacts => ({
  productId: 'p1',
  gtins: ['05012345678900'],
  brand: 'Acme',
  model: 'CAM',
  label: null,
  regimes: Object.fromEntries(
    ['uk-psti-2023', 'au-smart-devices-2025', 'eu-red-2025', 'eu-cra'].map((id) => [
      id,
      {
        outcome,
        sellable,
        reasons: [
          outcome === 'withdrawn' ? 'Withdrawn by the manufacturer on 2026-11-01: recalled' : 'Does not meet it',
        ],
        supportEndDate: '2029-12-01',
      },
    ]),
  ),
});

test('one blocking law stops the sale and is named; all allowing lets it be sold', () => {
  const ok = combineLawAnswers('EU', '2028-01-15', [
    { regime: 'eu-red-2025', sellable: true, outcome: 'pass', reason: 'OK' },
    { regime: 'eu-cra', sellable: true, outcome: 'pass', reason: 'OK' },
  ]);
  assert.deepEqual([ok.sellable, ok.reason], [true, 'May be sold in EU: eu-red-2025 and eu-cra allow it.']);
  const no = combineLawAnswers('EU', '2028-01-15', [
    { regime: 'eu-red-2025', sellable: true, outcome: 'pass', reason: 'OK' },
    { regime: 'eu-cra', sellable: false, outcome: 'fail', reason: 'Do not sell: x' },
  ]);
  assert.deepEqual(
    [no.sellable, no.outcome, no.reason, no.blocking.map((b) => b.regime)],
    [false, 'fail', 'May not be sold in EU: eu-cra (Do not sell: x).', ['eu-cra']],
  );
});

test('in a market with laws each is judged by the sale rule; with none only withdrawal stops a sale', () => {
  const eu = marketRuleFor('eu', '2028-01-15');
  assert.deepEqual(
    eu.laws.map((l) => l.regime),
    ['eu-red-2025', 'eu-cra'],
  );
  assert.equal(marketVerdict(facts('fail', false), eu).sellable, false);
  assert.equal(marketVerdict(null, eu).outcome, 'unknown-product');
  assert.equal(marketVerdict(null, eu).sellable, false);
  const us = marketRuleFor('US', '2028-01-15');
  assert.deepEqual(us.laws, []);
  assert.deepEqual([marketVerdict(facts('fail', false), us).sellable, marketVerdict(null, us).sellable], [true, true]);
  const gone = marketVerdict(facts('withdrawn', false), us);
  assert.deepEqual([gone.sellable, gone.outcome], [false, 'withdrawn']);
  assert.match(gone.reason, /recalled/);
});

test("a snapshot's market table decides offline; unknown and hostile codes are MARKET_UNKNOWN", () => {
  const table = {
    EU: [
      { regime: 'eu-red-2025', from: '2025-08-01' },
      { regime: 'eu-cra', from: '2027-12-11' },
    ],
  };
  assert.deepEqual(
    snapshotMarketRule(table, 'eu', '2027-12-10').laws.map((l) => l.regime),
    ['eu-red-2025'],
  );
  assert.deepEqual(
    snapshotMarketRule(table, 'EU', '2027-12-11').laws.map((l) => l.regime),
    ['eu-red-2025', 'eu-cra'],
  );
  for (const code of ['AU', '__proto__', 'constructor', 'toString'])
    assert.throws(() => snapshotMarketRule(table, code, '2027-12-11'), hasCode('MARKET_UNKNOWN'), code);
  assert.deepEqual(
    snapshotMarketRule(undefined, 'AU', '2026-12-02').laws.map((l) => l.regime),
    ['au-smart-devices-2025'],
    'an older snapshot falls back to the bundled markets',
  );
  assert.throws(() => marketRuleFor('XX', '2026-12-02'), hasCode('MARKET_UNKNOWN'));
});
