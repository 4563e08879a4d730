// The enacted regime: Schedule 2 routes, Schedule 3 exceptions and Schedule 4 content.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assessDeclaration, type Declaration } from '../../src/assessment/index.js';
import { getRegime } from '../../src/regimes/index.js';
import { AT, UK, byRegime, example, goodWith, requirement } from './fixtures.js';

const psti = (d: Declaration, at = AT) => assessDeclaration(d, 'uk-psti-2023', at);

test('excepted categories are out of scope under PSTI only, with the Schedule 3 paragraph as the reason', () => {
  const cases: [Partial<Declaration['product']>, RegExp][] = [
    [{ category: 'laptop' }, /paragraph 5/],
    [{ category: 'desktop' }, /paragraph 5/],
    [{ category: 'tablet', cellular: false }, /paragraph 5: tablets without cellular/],
    [{ category: 'ev-charge-point' }, /paragraph 2/],
    [{ category: 'medical-device' }, /paragraph 3/],
    [{ category: 'smart-meter', exceptions: { cpaAssuredSmartMeter: true } }, /paragraph 4/],
    [{ category: 'vehicle' }, /paragraph 6/],
    [{ category: 'smart-camera', exceptions: { northernIrelandWindsorFramework: true } }, /paragraph 1/],
  ];
  for (const [product, reason] of cases) {
    const d = goodWith((x) => Object.assign(x.product, product));
    const all = byRegime(d, { regimes: UK });
    for (const id of UK) {
      if (id === 'uk-psti-2023') {
        assert.equal(all[id]!.outcome, 'out-of-scope', product.category);
        assert.equal(all[id]!.sellable, true);
        assert.match(all[id]!.requirements[0]!.reasons[0]!, reason);
      } else {
        assert.equal(all[id]!.outcome, 'pass', `${product.category} under ${id}`);
      }
    }
  }
});

test('products designed for children under 14, cellular tablets, smartphones and ordinary smart meters stay in scope', () => {
  for (const product of [
    { category: 'laptop', designedForChildrenUnder14: true },
    { category: 'tablet', designedForChildrenUnder14: true, cellular: false },
    { category: 'tablet', cellular: true },
    { category: 'smartphone', cellular: true },
    { category: 'smart-meter' },
  ] as Partial<Declaration['product']>[]) {
    assert.equal(psti(goodWith((x) => Object.assign(x.product, product))).outcome, 'pass', JSON.stringify(product));
  }
  assert.equal(psti(example('excepted-laptop')).outcome, 'out-of-scope');
  assert.equal(psti(example('smartphone')).outcome, 'pass');
});

test('before 29 April 2024 the regime is not in force', () => {
  const a = psti(example('good-camera'), '2024-04-28');
  assert.equal(a.outcome, 'out-of-scope');
  assert.match(a.requirements[0]!.reasons[0]!, /applies from 2024-04-29/);
  // Signed before the day, so the statement of compliance exists on it (Schedule 4 (g)).
  const signed = goodWith((x) => (x.signatory!.date = '2024-04-01'));
  assert.equal(psti(signed, '2024-04-29').outcome, 'pass');
});

test('Schedule 2: statements against EN 303 645 V2.1.1 are named as the deemed-compliance route', () => {
  const a = psti(example('good-camera'));
  assert.equal(
    requirement(a, 'psti-sch1-para1').route,
    'Schedule 2 paragraph 1: ETSI EN 303 645 V2.1.1 (2020-06) provision 5.1-1 and 5.1-2',
  );
  assert.equal(
    requirement(a, 'psti-sch1-para2').route,
    'Schedule 2 paragraph 2: ETSI EN 303 645 V2.1.1 (2020-06) provision 5.2-1',
  );
  assert.equal(
    requirement(a, 'psti-sch1-para3').route,
    'Schedule 2 paragraph 3: ETSI EN 303 645 V2.1.1 (2020-06) provision 5.3-13',
  );
  assert.match(requirement(a, 'psti-sch4').reasons[0]!, /names ETSI EN 303 645 V2\.1\.1/);
});

test('Schedule 1 directly when no V2.1.1 statements are made; ISO/IEC 29147 as the other paragraph 2 route', () => {
  const direct = goodWith((x) => {
    delete x.provisions;
  });
  const a = psti(direct);
  assert.equal(a.outcome, 'pass');
  assert.deepEqual(
    a.requirements.map((r) => r.route),
    ['Schedule 1 paragraph 1', 'Schedule 1 paragraph 2', 'Schedule 1 paragraph 3', undefined],
  );
  const iso = psti(
    goodWith((x) => {
      delete x.provisions;
      x.vulnerabilityDisclosure.iso29147 = true;
    }),
  );
  assert.equal(requirement(iso, 'psti-sch1-para2').route, 'Schedule 2 paragraph 2: ISO/IEC 29147:2018');
});

test('Schedule 4: each missing statement-of-compliance item is named with its field', () => {
  const d = goodWith((x) => {
    delete x.product.batch;
    delete x.manufacturer.address;
    delete x.signatory;
  });
  const r = requirement(psti(d), 'psti-sch4');
  assert.equal(r.status, 'not-met');
  assert.match(r.reasons[0]!, /\(a\) the product batch \(product\.batch\)/);
  assert.match(r.reasons[0]!, /\(b\) the manufacturer's address \(manufacturer\.address\)/);
  assert.match(r.reasons[0]!, /signatory/);
  assert.doesNotMatch(r.reasons[0]!, /\(e\)/);
});

test('dated rules: PSTI applies from 29 April 2024 (reg. 1(2)); the vehicle exceptions from 25 February 2025 (SI 2025/211)', () => {
  assert.equal(psti(example('good-camera'), '2024-04-28').outcome, 'out-of-scope');
  assert.match(psti(example('good-camera'), '2024-04-28').requirements[0]!.reasons[0]!, /applies from 2024-04-29/);
  const vehicle = goodWith((x) => {
    x.product.category = 'vehicle';
    x.signatory!.date = '2024-04-01';
  });
  assert.equal(psti(vehicle, '2025-02-24').outcome, 'pass');
  assert.equal(psti(vehicle, '2025-02-25').outcome, 'out-of-scope');
  assert.match(psti(vehicle, '2025-02-25').requirements[0]!.reasons[0]!, /paragraphs 6 to 8/);
  // The date is data on the rule, so a later amendment is a data change.
  assert.deepEqual(getRegime('uk-psti-2023').inForce?.['schedule-3-vehicles']?.from, '2025-02-25');
});

test('Schedule 2 deems paragraph 3 met through 5.3-13 alone: publishedAt is not separately required', () => {
  const d = goodWith((x) => delete x.supportPeriod!.publishedAt);
  const r = requirement(psti(d), 'psti-sch1-para3');
  assert.equal(r.status, 'met');
  assert.match(r.route ?? '', /Schedule 2 paragraph 3/);
});

test('Schedule 3 paragraph 5: a tablet whose cellular capability is not stated is not silently excepted', () => {
  const d = goodWith((x) => {
    x.product.category = 'tablet';
    delete x.product.cellular;
  });
  assert.notEqual(psti(d).outcome, 'out-of-scope');
});

test('Schedule 3 paragraph 4 covers any CPA-assured smart meter product, e.g. a communications hub', () => {
  const d = goodWith((x) => {
    x.product.category = 'hub';
    x.product.exceptions = { cpaAssuredSmartMeter: true };
  });
  assert.equal(psti(d).outcome, 'out-of-scope');
  assert.match(psti(d).requirements[0]!.reasons[0]!, /paragraph 4: a smart meter product/);
});

test('Schedule 4 (g): a statement of compliance signed after the assessment date does not count for that date', () => {
  const d = goodWith((x) => (x.signatory!.date = '2026-12-01'));
  assert.equal(requirement(psti(d, '2026-11-24'), 'psti-sch4').status, 'not-met');
  assert.match(requirement(psti(d, '2026-11-24'), 'psti-sch4').reasons[0]!, /dated 2026-12-01/);
  assert.equal(requirement(psti(d, '2026-12-01'), 'psti-sch4').status, 'met');
});

test('Schedule 1 paragraph 1(3)(d): generation "other" says what evidence would settle it', () => {
  const d = goodWith((x) => (x.passwords.generation = 'other'));
  const r = requirement(psti(d), 'psti-sch1-para1');
  assert.equal(r.status, 'not-met');
  assert.match(r.reasons.join(' '), /batch analysis of sampled passwords\) would settle it/);
});
