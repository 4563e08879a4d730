// "What if a market required a minimum support period?" for one declaration (issue 14): the rulebooks' own
// support-minimum rule (the CRA's) with the years replaced, on top of the market's answer today.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { supportMinimumIfAdopted, supportMinimumRule } from '../../../src/assessment/index.js';
import { hasCode } from '../../support/assert.js';
import { example, goodWith } from '../fixtures.js';

const AT = '2026-12-02';
const withSupport = (endDate: string, first?: string) =>
  goodWith((d) => {
    d.supportPeriod = { ...d.supportPeriod, endDate };
    if (first !== undefined) d.product.firstPlacedOnMarket = first;
  });

test('the rule borrowed is the rulebooks’ support-minimum rule: the CRA’s five years', () => {
  const { regime, rule } = supportMinimumRule();
  assert.deepEqual([regime, rule.check, rule.minimumYears], ['eu-cra', 'support-minimum', 5]);
});

test('AU with a five-year minimum: three years stops, six years from first placing stays', () => {
  const three = supportMinimumIfAdopted(withSupport('2029-12-01', '2026-11-01'), { market: 'au', years: 5, at: AT });
  assert.deepEqual(
    [three.market, three.sellableNow, three.sellableThen, three.verdict.status],
    ['AU', true, false, 'not-met'],
  );
  assert.match(three.verdict.reasons[0]!, /^Support ends on 2029-12-01, before 2031-12-02/);
  // The reason names the supposed rule, not the CRA's article as if it bound AU.
  assert.match(three.verdict.reasons[0]!, /\(the 5-year minimum supposed for AU, as the CRA's Article 13\(8\)\)/);
  const six = supportMinimumIfAdopted(withSupport('2032-12-31', '2026-11-01'), { market: 'AU', years: 5, at: AT });
  assert.deepEqual([six.sellableNow, six.sellableThen, six.verdict.status], [true, true, 'met']);
  // Two years is enough for the three-year product.
  assert.equal(
    supportMinimumIfAdopted(withSupport('2029-12-01', '2026-11-01'), { market: 'AU', years: 2, at: AT }).sellableThen,
    true,
  );
});

test('a product that may not be sold there now is not stopped by the scenario; no law binding means sellable now', () => {
  const bad = supportMinimumIfAdopted(example('universal-default-password'), { market: 'AU', years: 1, at: AT });
  assert.deepEqual([bad.sellableNow, bad.sellableThen], [false, false]);
  const none = goodWith((d) => {
    delete d.supportPeriod;
  });
  const us = supportMinimumIfAdopted(none, { market: 'US', years: 5, at: AT });
  assert.deepEqual([us.sellableNow, us.sellableThen, us.verdict.status], [true, false, 'not-declared']);
});

test('bad scenarios fail with their code', () => {
  const d = withSupport('2032-12-31');
  assert.throws(() => supportMinimumIfAdopted(d, { market: 'XX', years: 5, at: AT }), hasCode('MARKET_UNKNOWN'));
  for (const years of [0, 21, 1.5, Number.NaN])
    assert.throws(() => supportMinimumIfAdopted(d, { market: 'AU', years, at: AT }), hasCode('INPUT_INVALID'));
  assert.throws(
    () => supportMinimumIfAdopted(d, { market: 'AU', years: 5, at: '2026-02-31' }),
    hasCode('DECLARATION_INVALID'),
  );
});
