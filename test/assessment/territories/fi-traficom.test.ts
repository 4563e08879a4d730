// fi-traficom: Traficom Cybersecurity Label (territories.md §7): third-party inspection, no new labels.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assess, camera, req, verdict } from './fixtures.js';

const FI = 'fi-traficom';

test('§7 no new labels: a self-declaration fails, label null, nothing banned', () => {
  const a = assess(camera(), FI, '2026-11-24');
  assert.equal(verdict(a), 'fail sellable');
  assert.equal(a.label, null);
  assert.equal(a.mark, null);
  assert.equal(req(a, 'fi-no-new-labels').status, 'not-met');
  assert.match(req(a, 'fi-no-new-labels').reasons.join(' '), /⚠/);
  assert.equal(req(a, 'fi-third-party-inspection').status, 'not-declared');
});

test('§7 even with an inspection report no label is issued', () => {
  const a = assess(
    camera((d) => (d.labTestReports = [{ scheme: FI, lab: 'Inspection body', reportId: 'FI-1', date: '2026-01-10' }])),
    FI,
    '2026-11-24',
  );
  assert.equal(req(a, 'fi-third-party-inspection').status, 'met');
  assert.equal(verdict(a), 'fail sellable');
  assert.equal(a.label, null);
});

test('§7 before the label existed the product is out of scope (⚠ launch date)', () => {
  const a = assess(camera(), FI, '2019-10-31');
  assert.equal(verdict(a), 'out-of-scope sellable');
  assert.equal(a.label, null);
});
