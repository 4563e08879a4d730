// The markets data (src/regimes/data/markets/markets.json) compiles over the rulebook, and a broken entry
// is refused at start with every problem named.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bindsOn, compileMarkets, getMarket, listMarkets, marketLabels } from '../../src/regimes/index.js';
import { rulebook } from '../../src/regimes/rulebook.js';

const rulebookRegimes = () => rulebook().regimes;

test('the eight markets of issue 14, each a territory code', () => {
  assert.deepEqual(
    listMarkets().map((m) => m.id),
    ['UK', 'EU', 'DE', 'FI', 'AU', 'US', 'SG', 'JP'],
  );
});

test('EU: the RED binds a sale from 1 August 2025, the CRA from 11 December 2027', () => {
  const eu = getMarket('eu');
  assert.deepEqual(
    bindsOn(eu, '2026-12-02').map((l) => l.regime),
    ['eu-red-2025'],
  );
  assert.deepEqual(
    bindsOn(eu, '2027-12-10').map((l) => l.regime),
    ['eu-red-2025'],
    'the CRA reporting duty from 11 Sep 2026 does not stop a sale',
  );
  assert.deepEqual(
    bindsOn(eu, '2027-12-11').map((l) => [l.regime, l.from]),
    [
      ['eu-red-2025', '2025-08-01'],
      ['eu-cra', '2027-12-11'],
    ],
  );
  assert.deepEqual(bindsOn(eu, '2025-07-31'), []);
});

test('DE and FI: the EU laws plus their national labels; US: no law, the voluntary mark', () => {
  for (const [id, label] of [
    ['DE', 'de-bsi-itsik'],
    ['FI', 'fi-traficom'],
  ] as const) {
    const m = getMarket(id);
    assert.deepEqual(
      bindsOn(m, '2028-01-01').map((l) => [l.regime, l.by]),
      [
        ['eu-red-2025', 'EU'],
        ['eu-cra', 'EU'],
      ],
    );
    assert.deepEqual(marketLabels(m), [label]);
  }
  const us = getMarket('US');
  assert.deepEqual(bindsOn(us, '2028-01-01'), []);
  assert.deepEqual(marketLabels(us), ['us-cyber-trust-mark']);
  assert.deepEqual(
    bindsOn(getMarket('AU'), '2026-03-03').map((l) => l.regime),
    [],
  );
  assert.deepEqual(
    bindsOn(getMarket('AU'), '2026-03-04').map((l) => l.regime),
    ['au-smart-devices-2025'],
  );
});

test('an unknown market is MARKET_UNKNOWN, naming the known ones', () => {
  assert.throws(
    () => getMarket('XX'),
    (e: Error & { code?: string }) => e.code === 'MARKET_UNKNOWN' && /known markets: UK, EU/.test(e.message),
  );
});

test('a market that names a voluntary scheme as a law, an unknown regime or a bad date is refused', () => {
  const doc = {
    markets: [
      { id: 'ZZ', name: 'Z', note: 'n', laws: [{ regime: 'sg-cls' }, { regime: 'nope' }], labels: ['uk-psti-2023'] },
      { id: 'YY', name: 'Y', note: 'n', includes: 'QQ', laws: [{ regime: 'eu-cra', from: '2027-13-01' }], labels: [] },
    ],
    recognitions: [
      { id: 'r', from: 'uk-psti-2023', to: 'jp-jcstar', since: '2026-01-01', text: 't', requirements: ['x'] },
    ],
  };
  assert.throws(
    () => compileMarkets(doc, rulebookRegimes()),
    (e: Error & { code?: string }) =>
      e.code === 'REGIME_DATA_INVALID' &&
      e.message.includes('sg-cls is voluntary, not law') &&
      e.message.includes('regime "nope" is not a regime') &&
      e.message.includes('label uk-psti-2023 is law, not voluntary') &&
      e.message.includes('from must be YYYY-MM-DD') &&
      e.message.includes('includes "QQ"') &&
      e.message.includes('x not requirements of jp-jcstar'),
  );
});

test('a new market is data only: compiled from a document with no code change', () => {
  const book = compileMarkets(
    { markets: [{ id: 'KR', name: 'Republic of Korea', note: 'No law encoded.', laws: [], labels: ['sg-cls'] }] },
    rulebookRegimes(),
  );
  assert.equal(book.markets.get('KR')?.name, 'Republic of Korea');
});

test('every market names where its facts are written in territories.md; a blank reference is refused', () => {
  for (const m of listMarkets()) assert.match(m.reference ?? '', /territories\.md §\d+/, m.id);
  assert.throws(
    () =>
      compileMarkets(
        { markets: [{ id: 'KR', name: 'K', note: 'n', laws: [], labels: [], reference: ' ' }] },
        rulebookRegimes(),
      ),
    (e: Error & { code?: string }) => e.code === 'REGIME_DATA_INVALID' && e.message.includes('reference must be text'),
  );
});
