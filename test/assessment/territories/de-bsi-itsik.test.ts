// de-bsi-itsik: BSI IT-Sicherheitskennzeichen, smart consumer devices and routers (territories.md §6).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assess, camera, req, verdict } from './fixtures.js';

const BSI = 'de-bsi-itsik';
const AT = '2026-11-24';

test('§6 every mandatory EN 303 645 provision met: the label with its BSI page, valid 2 years', () => {
  const a = assess(camera(), BSI, AT);
  assert.equal(verdict(a), 'pass sellable');
  assert.equal(a.mark?.form, 'label-qr');
  assert.equal(a.mark?.validity, '2 years.');
  assert.equal(req(a, 'bsi-tr-03148').status, 'not-applicable');
});

test('§6 a mandatory provision not implemented, or none declared: no label, nothing banned', () => {
  const a = assess(
    camera((d) => (d.provisions!.statements['5.11-1'] = { status: 'not-implemented' })),
    BSI,
    AT,
  );
  assert.equal(verdict(a), 'fail sellable');
  assert.match(req(a, 'bsi-en303645').reasons.join(' '), /5\.11-1/);
  const none = assess(
    camera((d) => delete d.provisions),
    BSI,
    AT,
  );
  assert.equal(none.outcome, 'fail');
  assert.match(req(none, 'bsi-en303645').reasons.join(' '), /Declare 5\.4-1/);
  // V2.1.1 4-1: every recommendation not followed needs a justification.
  const unjustified = assess(
    camera((d) => (d.provisions!.statements['5.2-2'] = { status: 'not-implemented' })),
    BSI,
    AT,
  );
  assert.equal(unjustified.outcome, 'fail');
});

test('§6 routers need TR-03148, which a declaration cannot state: not-declared', () => {
  const a = assess(
    camera((d) => (d.product.category = 'router')),
    BSI,
    AT,
  );
  assert.equal(verdict(a), 'fail sellable');
  assert.equal(req(a, 'bsi-tr-03148').status, 'not-declared');
  assert.match(req(a, 'bsi-tr-03148').reasons[0]!, /TR-03148/);
  assert.equal(req(a, 'bsi-en303645').status, 'not-applicable');
});

test('§6 computers and phones are not smart consumer devices (⚠); dates and versions', () => {
  assert.equal(
    assess(
      camera((d) => (d.product.category = 'smartphone')),
      BSI,
      AT,
    ).outcome,
    'out-of-scope',
  );
  assert.equal(assess(camera(), BSI, '2022-04-30').outcome, 'out-of-scope');
  assert.equal(assess(camera(), BSI, '2025-12-05').version?.id, 'BSI-ITSiKV');
  assert.equal(assess(camera(), BSI, '2025-12-06').version?.id, 'NIS2UmsG');
});
