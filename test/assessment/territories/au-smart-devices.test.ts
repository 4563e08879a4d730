// au-smart-devices-2025: Cyber Security Act 2024 Part 2 and the Smart Device Rules 2025 (territories.md §1).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Declaration } from '../../../src/assessment/index.js';
import { assess, camera, req, verdict } from './fixtures.js';

const AU = 'au-smart-devices-2025';
const AT = '2026-11-24';

test('§1 Schedule 1 and s.9: the good camera passes and may be supplied; the version applied is named', () => {
  const a = assess(camera(), AU, AT);
  assert.equal(verdict(a), 'pass sellable');
  assert.deepEqual(
    a.requirements.map((r) => `${r.id} ${r.status}`),
    ['au-sch1-cl2 met', 'au-sch1-cl3 met', 'au-sch1-cl4 met', 'au-s9-statement met'],
  );
  assert.equal(a.label, null);
  assert.equal(a.version?.id, 'F2025L00276');
  assert.equal(a.mark?.form, 'none');
});

test('§1 clause 2: a universal default, or passwords from a counter or an identifier, fail and stop the sale', () => {
  const cases: [(d: Declaration) => void, RegExp][] = [
    [(d) => (d.passwords.scheme = 'universal-default'), /same default password/],
    [(d) => (d.passwords.generation = 'incremental'), /incrementing counter/],
    [(d) => (d.passwords.generation = 'derived-from-identifier'), /serial number/],
  ];
  for (const [change, pattern] of cases) {
    const a = assess(camera(change), AU, AT);
    assert.equal(verdict(a), 'fail unsellable');
    assert.equal(req(a, 'au-sch1-cl2').status, 'not-met');
    assert.match(req(a, 'au-sch1-cl2').reasons.join(' '), pattern);
  }
});

test('§1 clause 2 covers the product outside its factory default state: a reset to a universal default is allowed', () => {
  const a = assess(
    camera((d) => (d.passwords.resettableToUniversalDefault = true)),
    AU,
    AT,
  );
  assert.equal(req(a, 'au-sch1-cl2').status, 'met');
  assert.match(req(a, 'au-sch1-cl2').reasons.join(' '), /factory default state/);
});

test('§1 clause 3: no contact fails; no timelines fails on our ⚠ reading, which the reasons say', () => {
  const none = assess(
    camera((d) => (d.vulnerabilityDisclosure.contacts = [])),
    AU,
    AT,
  );
  assert.equal(req(none, 'au-sch1-cl3').status, 'not-met');
  const noTimes = camera((d) => {
    delete d.vulnerabilityDisclosure.acknowledgementWithinDays;
    delete d.provisions!.statements['5.2-1'];
  });
  const a = assess(noTimes, AU, AT);
  assert.equal(verdict(a), 'fail unsellable');
  assert.match(req(a, 'au-sch1-cl3').reasons.join(' '), /acknowledgementWithinDays/);
  assert.match(req(a, 'au-sch1-cl3').reasons.join(' '), /⚠/);
});

test('§1 clause 4: a support period with an end date is needed (no minimum length)', () => {
  const missing = assess(
    camera((d) => {
      delete d.supportPeriod;
      delete d.provisions!.statements['5.3-13'];
    }),
    AU,
    AT,
  );
  assert.equal(req(missing, 'au-sch1-cl4').status, 'not-met');
  assert.equal(missing.sellable, false);
  const short = assess(
    camera((d) => (d.supportPeriod!.endDate = '2027-01-31')),
    AU,
    AT,
  );
  assert.equal(req(short, 'au-sch1-cl4').status, 'met');
});

test('§1 s.9: the statement of compliance needs the batch, the address and a signatory', () => {
  const a = assess(
    camera((d) => {
      delete d.product.batch;
      delete d.signatory;
    }),
    AU,
    AT,
  );
  assert.equal(req(a, 'au-s9-statement').status, 'not-met');
  assert.match(req(a, 'au-s9-statement').reasons[0]!, /product\.batch.*signatory/);
});

test('§1 section 8: the six excluded groups are out of scope, with no carve-back for children or cellular tablets', () => {
  for (const category of ['desktop', 'laptop', 'tablet', 'smartphone', 'medical-device', 'vehicle'] as const) {
    const a = assess(
      camera((d) => {
        d.product.category = category;
        d.product.cellular = true;
        d.product.designedForChildrenUnder14 = true;
      }),
      AU,
      AT,
    );
    assert.equal(verdict(a), 'out-of-scope sellable', category);
    assert.match(a.requirements[0]!.reasons[0]!, /section 8/);
  }
  // EV charge points and smart meters, excepted in the UK, are in scope in Australia.
  assert.equal(
    assess(
      camera((d) => (d.product.category = 'ev-charge-point')),
      AU,
      AT,
    ).outcome,
    'pass',
  );
});

test('§1 dates: Part 2 and Schedule 1 commence on 4 March 2026; before that the product is out of scope', () => {
  const bad = camera((d) => (d.passwords.scheme = 'universal-default'));
  assert.equal(verdict(assess(bad, AU, '2026-03-03')), 'out-of-scope sellable');
  assert.equal(assess(bad, AU, '2026-03-03').version, undefined);
  assert.equal(verdict(assess(bad, AU, '2026-03-04')), 'fail unsellable');
});
