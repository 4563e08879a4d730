// Coming dates that change an answer (issue 14): the CRA's product rules, duties that start later, the support
// period ending and a held label's validity, per market, with the answer before and from the day.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { marketReport, upcomingDates } from '../../../src/assessment/index.js';
import { hasCode } from '../../support/assert.js';
import { goodWith } from '../fixtures.js';

const AT = '2026-12-02';
// A camera with three years of security updates from today.
const threeYearCamera = goodWith((d) => {
  d.supportPeriod = { endDate: '2029-12-01' };
});

test('a three-year-support camera: 2027-12-11 is listed for the EU, with the CRA and its support-period gap', () => {
  const list = upcomingDates(threeYearCamera, ['UK', 'EU', 'AU'], { at: AT });
  const cra = list.filter((u) => u.date === '2027-12-11');
  assert.deepEqual(
    cra.map((u) => [u.market, u.kind, u.regimes, u.sellableBefore, u.sellableFrom]),
    [['EU', 'rule-change', ['eu-cra'], true, false]],
  );
  assert.ok(cra[0]!.requirements.includes('eu-cra:cra-art13-8-support-period'), cra[0]!.requirements.join());
  assert.match(cra[0]!.change, /^On 2027-12-11 eu-cra starts to bind a sale; from then it may not be sold in EU: /);
  assert.match(cra[0]!.change, /cra-art13-8-support-period/);
  // No rule date changes the UK or Australian answer; the support end is listed in every market.
  assert.deepEqual(
    list.filter((u) => u.market !== 'EU').map((u) => [u.date, u.market, u.kind, u.sellableFrom]),
    [
      ['2029-12-02', 'UK', 'support-ends', true],
      ['2029-12-02', 'AU', 'support-ends', true],
    ],
  );
  // In date order, and only coming dates.
  assert.deepEqual(
    list.map((u) => u.date),
    [...list.map((u) => u.date)].sort(),
  );
  assert.ok(list.every((u) => u.date > AT));
});

test('the CRA reporting duty is announced before it starts, and no date already past is listed', () => {
  const early = upcomingDates(threeYearCamera, ['DE'], { at: '2026-08-01' });
  const duty = early.find((u) => u.kind === 'obligation-starts')!;
  assert.deepEqual([duty.date, duty.market, duty.regimes, duty.sellableFrom], ['2026-09-11', 'DE', ['eu-cra'], true]);
  assert.match(duty.change, /Article 14/);
  const late = upcomingDates(threeYearCamera, ['EU'], { at: '2028-01-15' });
  assert.deepEqual(
    late.map((u) => u.kind),
    ['support-ends'],
  );
});

test("a held label's end of validity (two years for the BSI label) is listed where the label may be carried", () => {
  const labels = [
    { regime: 'de-bsi-itsik', issuedOn: '2026-03-01' },
    { regime: 'jp-jcstar', issuedOn: '2024-06-01' },
  ];
  const list = upcomingDates(threeYearCamera, ['DE', 'EU', 'JP'], { at: AT, labels });
  const expiring = list.filter((u) => u.kind === 'label-expires');
  assert.deepEqual(
    expiring.map((u) => [u.date, u.market, u.regimes]),
    [['2028-03-01', 'DE', ['de-bsi-itsik']]],
  );
  assert.match(expiring[0]!.change, /valid for 2 years, until 2028-02-29/);
  // The JC-STAR label issued on 2024-06-01 ended before AT: not a coming date.
  assert.ok(!list.some((u) => u.regimes.includes('jp-jcstar')));
});

test('a product without a support period has no support-ends entry; bad input is refused with its code', () => {
  const none = goodWith((d) => {
    delete d.supportPeriod;
  });
  assert.ok(!upcomingDates(none, ['UK', 'EU'], { at: AT }).some((u) => u.kind === 'support-ends'));
  assert.throws(() => upcomingDates(threeYearCamera, ['XX'], { at: AT }), hasCode('MARKET_UNKNOWN'));
  assert.throws(() => upcomingDates(threeYearCamera, ['EU'], { at: '2026-13-01' }), hasCode('DECLARATION_INVALID'));
  assert.throws(
    () => upcomingDates(threeYearCamera, ['DE'], { at: AT, labels: [{ regime: 'de-bsi-itsik', issuedOn: 'soon' }] }),
    hasCode('DECLARATION_INVALID'),
  );
});

test('the market report carries the same list as `upcoming`', () => {
  const report = marketReport(threeYearCamera, ['UK', 'EU'], { at: AT });
  assert.deepEqual(report.upcoming, upcomingDates(threeYearCamera, ['UK', 'EU'], { at: AT }));
});
