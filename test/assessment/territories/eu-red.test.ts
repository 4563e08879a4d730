// eu-red-2025: RED Article 3(3)(d), (e), (f) through Delegated Regulation 2022/30 and EN 18031 (territories.md §3).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assess, camera, req, verdict } from './fixtures.js';

const RED = 'eu-red-2025';
const AT = '2026-11-24';

test('§3 the good camera meets every EN 18031 family it maps onto; CE marking; the version names the DA and the standards', () => {
  const a = assess(camera(), RED, AT);
  assert.equal(verdict(a), 'pass sellable');
  assert.equal(a.mark?.form, 'ce');
  assert.match(a.version!.by, /2022\/30.*2023\/2444.*2025\/138/);
  assert.ok(a.requirements.every((r) => r.status === 'met'));
});

test('§3 / §10: a radio is presumed unless the declaration says otherwise, and the reason says so', () => {
  const presumed = assess(camera(), RED, AT);
  assert.match(req(presumed, 'radio-equipment').reasons[0]!, /Presumed to have a radio/);
  const declared = assess(
    camera((d) => (d.product.radioInterfaces = ['wifi', 'bluetooth'])),
    RED,
    AT,
  );
  assert.match(req(declared, 'radio-equipment').reasons[0]!, /wifi, bluetooth/);
  const wired = assess(
    camera((d) => (d.product.radioInterfaces = [])),
    RED,
    AT,
  );
  assert.equal(verdict(wired), 'out-of-scope sellable');
});

test('§3 AUM: a universal default password fails and stops the sale', () => {
  const a = assess(
    camera((d) => (d.passwords.scheme = 'universal-default')),
    RED,
    AT,
  );
  assert.equal(verdict(a), 'fail unsellable');
  assert.equal(req(a, 'red-aum').status, 'not-met');
});

test('§3 SUM and GEC: a provision declared not implemented fails its family; no statements are not-declared', () => {
  const a = assess(
    camera((d) => (d.provisions!.statements['5.3-2'] = { status: 'not-implemented' })),
    RED,
    AT,
  );
  assert.equal(req(a, 'red-sum').status, 'not-met');
  assert.equal(a.sellable, false);
  const none = assess(
    camera((d) => delete d.provisions),
    RED,
    AT,
  );
  assert.equal(req(none, 'red-gec').status, 'not-declared');
  assert.equal(none.outcome, 'fail');
});

test('§3 "Not in RED/EN 18031": no disclosure contact and no support period still meet the RED', () => {
  const d = camera((x) => {
    x.vulnerabilityDisclosure.contacts = [];
    delete x.vulnerabilityDisclosure.acknowledgementWithinDays;
    delete x.supportPeriod;
    delete x.provisions!.statements['5.2-1'];
    delete x.provisions!.statements['5.3-13'];
  });
  assert.equal(verdict(assess(d, RED, AT)), 'pass sellable');
  assert.equal(verdict(assess(d, 'uk-psti-2023', AT)), 'fail unsellable');
});

test('§3 Article 2: medical devices are excluded; (e) families do not apply to vehicles (⚠ reading)', () => {
  assert.equal(
    verdict(
      assess(
        camera((d) => (d.product.category = 'medical-device')),
        RED,
        AT,
      ),
    ),
    'out-of-scope sellable',
  );
  const car = assess(
    camera((d) => (d.product.category = 'vehicle')),
    RED,
    AT,
  );
  assert.equal(req(car, 'red-dlm').status, 'not-applicable');
  assert.match(req(car, 'red-dlm').reasons.join(' '), /⚠/);
  assert.equal(req(car, 'red-aum').status, 'met');
  // Laptops, tablets and smartphones with a radio are in scope.
  assert.equal(
    assess(
      camera((d) => (d.product.category = 'laptop')),
      RED,
      AT,
    ).outcome,
    'pass',
  );
});

test('§3 dates: applies from 1 August 2025 (postponed by 2023/2444); before that out of scope', () => {
  const bad = camera((d) => (d.passwords.scheme = 'universal-default'));
  assert.equal(verdict(assess(bad, RED, '2025-07-31')), 'out-of-scope sellable');
  assert.equal(verdict(assess(bad, RED, '2025-08-01')), 'fail unsellable');
});
