// One declaration, every market (territories.md §12 "The five divergences"): the cross-regime cases the
// issue names, each against every regime it concerns.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assessAll } from '../../../src/assessment/index.js';
import { listRegimes } from '../../../src/regimes/index.js';
import { example } from '../fixtures.js';
import { camera, plug, verdict } from './fixtures.js';

const AFTER_CRA = '2028-01-15';
const byRegime = (d: Parameters<typeof assessAll>[0], at: string) =>
  Object.fromEntries(assessAll(d, { at }).map((a) => [a.regime, a]));

test('§12: a universal default password fails every law and earns no label anywhere', () => {
  const a = byRegime(example('universal-default-password'), AFTER_CRA);
  const laws = listRegimes().filter((r) => r.nature === 'law');
  assert.deepEqual(
    laws.map((r) => r.id),
    ['uk-psti-2023', 'au-smart-devices-2025', 'eu-cra', 'eu-red-2025'],
  );
  for (const r of laws) assert.equal(verdict(a[r.id]!), 'fail unsellable', r.id);
  for (const r of listRegimes().filter((x) => x.nature === 'voluntary')) {
    const v = a[r.id]!;
    // No territory mark, no level, and the UK labels show only the cross that informs the buyer.
    assert.notEqual(v.outcome, 'pass', r.id);
    assert.equal(v.sellable, true, r.id);
    assert.ok(v.mark === undefined || v.mark === null, r.id);
    assert.ok(v.level === undefined || v.level === 0, r.id);
    assert.ok(v.label === null || v.label.shield === 'cross', r.id);
  }
});

test('§12 divergence 1: a three-year support period passes UK, AU and RED and fails the CRA after 11 Dec 2027', () => {
  const threeYears = plug((d) => {
    d.product.firstPlacedOnMarket = '2028-01-01';
    d.supportPeriod!.endDate = '2031-01-01';
  });
  const a = byRegime(threeYears, AFTER_CRA);
  for (const id of ['uk-psti-2023', 'au-smart-devices-2025', 'eu-red-2025', 'jp-jcstar'])
    assert.equal(verdict(a[id]!), 'pass sellable', id);
  assert.equal(verdict(a['eu-cra']!), 'fail unsellable');
  assert.deepEqual(
    a['eu-cra']!.requirements.filter((r) => r.status !== 'met').map((r) => r.id),
    ['cra-art13-8-support-period'],
  );
  // Before the product rules apply, the CRA does not judge the period.
  assert.equal(verdict(byRegime(threeYears, '2027-06-01')['eu-cra']!), 'pass sellable');
});

test('§12 divergence 3: a laptop is out of scope in AU (and JC-STAR, the FCC) and in scope under the CRA and RED', () => {
  const laptop = plug((d) => (d.product.category = 'laptop'));
  for (const at of ['2026-11-24', AFTER_CRA]) {
    const a = byRegime(laptop, at);
    for (const id of ['au-smart-devices-2025', 'jp-jcstar', 'us-cyber-trust-mark'])
      assert.equal(a[id]!.outcome, 'out-of-scope', `${id} ${at}`);
    assert.notEqual(a['eu-cra']!.outcome, 'out-of-scope', at);
    assert.notEqual(a['eu-red-2025']!.outcome, 'out-of-scope', at);
  }
  assert.equal(verdict(byRegime(laptop, AFTER_CRA)['eu-cra']!), 'pass sellable');
  // The UK excepts laptops unless designed for children; AU has no such carve-back.
  const kids = plug((d) => {
    d.product.category = 'laptop';
    d.product.designedForChildrenUnder14 = true;
  });
  const k = byRegime(kids, AFTER_CRA);
  assert.equal(k['uk-psti-2023']!.outcome, 'pass');
  assert.equal(k['au-smart-devices-2025']!.outcome, 'out-of-scope');
});

test('§12: laws restrict sale, voluntary schemes never do, whatever the outcome', () => {
  const bad = camera((d) => {
    d.passwords.scheme = 'universal-default';
    d.vulnerabilityDisclosure.contacts = [];
  });
  for (const a of assessAll(bad, { at: AFTER_CRA })) {
    const nature = listRegimes().find((r) => r.id === a.regime)!.nature;
    if (nature === 'voluntary') assert.equal(a.sellable, true, a.regime);
    if (nature === 'law' && a.outcome === 'fail') assert.equal(a.sellable, false, a.regime);
  }
});

test('every territory assessment names the version of the rules it applied, and only levelled schemes have a level', () => {
  for (const a of assessAll(camera(), { at: '2026-11-24' })) {
    const r = listRegimes().find((x) => x.id === a.regime)!;
    if (r.territory !== 'UK' && r.territory !== null) assert.ok(a.version, a.regime);
    assert.equal(a.level !== undefined, a.regime === 'sg-cls' || a.regime === 'jp-jcstar', a.regime);
  }
});

test('examples/declarations/eu-smart-plug.json carries every territory fact: it passes every law on 11 Dec 2027', () => {
  const a = byRegime(example('eu-smart-plug'), '2027-12-11');
  for (const r of listRegimes().filter((x) => x.nature === 'law'))
    assert.equal(verdict(a[r.id]!), 'pass sellable', r.id);
  assert.equal(a['eu-cra']!.conformity?.productClass, 'default');
  assert.equal(a['sg-cls']!.level, 2);
  assert.equal(a['us-cyber-trust-mark']!.outcome, 'fail', 'no lab report');
});

test('PSTI names the version it applied: SI 2023/1007, then SI 2025/211 from 25 February 2025', () => {
  assert.equal(byRegime(camera(), '2025-02-24')['uk-psti-2023']!.version?.id, 'SI 2023/1007');
  assert.equal(byRegime(camera(), '2025-02-25')['uk-psti-2023']!.version?.id, 'SI 2025/211');
  assert.equal(byRegime(camera(), '2024-04-28')['uk-psti-2023']!.version, undefined);
});
