// A declaration in each market on a day (issue 14 "Done when"): sellable iff every binding law passes,
// each answer naming the law and the requirement ids; mutual recognition applied from the markets data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assessMarkets, type MarketVerdict } from '../../../src/assessment/index.js';
import { example } from '../fixtures.js';

const byMarket = (name: string, at: string, markets = ['UK', 'EU', 'DE', 'FI', 'AU', 'US', 'SG', 'JP']) =>
  Object.fromEntries(assessMarkets(example(name), markets, { at }).map((m) => [m.market, m])) as Record<
    string,
    MarketVerdict
  >;

test('three-year support: sellable in the UK and AU, and in the EU until 10 Dec 2027 but not after', () => {
  const before = byMarket('good-camera', '2027-12-10');
  assert.deepEqual(
    ['UK', 'EU', 'AU'].map((m) => before[m]!.sellable),
    [true, true, true],
  );
  const after = byMarket('good-camera', '2028-01-15');
  assert.equal(after.UK!.sellable, true);
  assert.equal(after.AU!.sellable, true);
  for (const m of ['EU', 'DE', 'FI']) {
    const eu = after[m]!;
    assert.equal(eu.sellable, false, m);
    const cra = eu.laws.find((l) => l.regime === 'eu-cra')!;
    assert.equal(cra.by, 'EU');
    assert.ok(
      cra.gaps.some((g) => g.requirement === 'cra-art13-8-support-period'),
      `${m}: the support-period gap is named`,
    );
    assert.match(eu.summary, /does not meet eu-cra \(.*cra-art13-8-support-period/);
    assert.equal(eu.laws.find((l) => l.regime === 'eu-red-2025')!.sellable, true);
  }
});

test('no law binds a sale in the US, SG or JP: sellable whatever the labels say', () => {
  const m = byMarket('universal-default-password', '2028-01-15');
  for (const id of ['US', 'SG', 'JP']) {
    assert.equal(m[id]!.sellable, true, id);
    assert.deepEqual(m[id]!.laws, [], id);
    assert.ok(
      m[id]!.labels.every((l) => l.outcome !== 'pass'),
      id,
    );
  }
  for (const id of ['UK', 'EU', 'AU']) assert.equal(m[id]!.sellable, false, id);
});

test('a laptop is out of scope in AU and the UK, in scope under the CRA', () => {
  const m = byMarket('excepted-laptop', '2028-01-15', ['AU', 'UK', 'EU']);
  assert.deepEqual(
    m.AU!.laws.map((l) => [l.regime, l.outcome, l.sellable]),
    [['au-smart-devices-2025', 'out-of-scope', true]],
  );
  assert.equal(m.UK!.laws[0]!.outcome, 'out-of-scope');
  const cra = m.EU!.laws.find((l) => l.regime === 'eu-cra')!;
  assert.notEqual(cra.outcome, 'out-of-scope');
});

test('mutual recognition: PSTI covers JC-STAR ★1 S1.1-02, -05 and -16; the BSI label counts as CLS Level 2', () => {
  const m = byMarket('good-camera', '2026-12-02', ['JP', 'SG']);
  const jc = m.JP!.labels.find((l) => l.regime === 'jp-jcstar')!;
  const psti = jc.recognitions.find((r) => r.from === 'uk-psti-2023')!;
  assert.deepEqual(psti.requirements, ['jc-s1.1-02', 'jc-s1.1-05', 'jc-s1.1-16']);
  const cls = m.SG!.labels.find((l) => l.regime === 'sg-cls')!;
  const bsi = cls.recognitions.find((r) => r.from === 'de-bsi-itsik')!;
  assert.equal(bsi.level, 2);
  // Before the arrangement started, it is not applied.
  const early = byMarket('good-camera', '2025-12-31', ['JP']);
  assert.deepEqual(early.JP!.labels[0]!.recognitions, []);
});

test('a recognition is not applied when the source scheme is not passed', () => {
  const m = byMarket('universal-default-password', '2026-12-02', ['JP', 'SG']);
  assert.deepEqual(m.JP!.labels[0]!.recognitions, []);
  assert.deepEqual(m.SG!.labels[0]!.recognitions, []);
});

test('an unknown market code is MARKET_UNKNOWN', () => {
  assert.throws(
    () => assessMarkets(example('good-camera'), ['UK', 'XX'], { at: '2026-12-02' }),
    (e: Error & { code?: string }) => e.code === 'MARKET_UNKNOWN',
  );
});
