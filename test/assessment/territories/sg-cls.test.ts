// sg-cls: Singapore Cybersecurity Labelling Scheme, levels 1 to 4 (territories.md §5).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Declaration } from '../../../src/assessment/index.js';
import { assess, camera, req, verdict } from './fixtures.js';

const CLS = 'sg-cls';
const AT = '2026-11-24';
const lab = (level: number) => ({
  scheme: CLS,
  lab: 'Approved CLS lab',
  reportId: `CLS-${level}`,
  date: '2026-09-01',
  level,
});

test('§5 self-declaration reaches at most level 2; the reasons say what reaches 3 and 4', () => {
  const a = assess(camera(), CLS, AT);
  assert.equal(verdict(a), 'pass sellable');
  assert.equal(a.level, 2);
  assert.deepEqual(a.mark, { ...a.mark, form: 'asterisks', level: 2 });
  assert.match(
    req(a, 'cls-l3-binary-analysis').reasons[0]!,
    /binary analysis.*Level 3 is not reached by self-declaration/,
  );
  assert.match(req(a, 'cls-l4-penetration-test').reasons[0]!, /penetration tests/);
});

test('§5 lab reports reach level 3 and 4 (a level 4 report covers level 3)', () => {
  assert.equal(
    assess(
      camera((d) => (d.labTestReports = [lab(3)])),
      CLS,
      AT,
    ).level,
    3,
  );
  assert.equal(
    assess(
      camera((d) => (d.labTestReports = [lab(4)])),
      CLS,
      AT,
    ).level,
    4,
  );
  // A lab report cannot lift a product that misses level 2.
  const missesL2 = camera((d) => {
    d.labTestReports = [lab(4)];
    d.provisions!.statements['5.6-1'] = { status: 'not-implemented' };
  });
  assert.equal(assess(missesL2, CLS, AT).level, 1);
});

test('§5 level 2 needs every mandatory EN 303 645 provision; level 1 only passwords and updates', () => {
  const a = assess(
    camera((d) => (d.provisions!.statements['5.5-1'] = { status: 'not-implemented' })),
    CLS,
    AT,
  );
  assert.equal(verdict(a), 'pass sellable');
  assert.equal(a.level, 1);
  assert.equal(req(a, 'cls-l2-en303645').status, 'not-met');
});

test('§5 no level reached: the label is not earned, nothing is banned', () => {
  const changes: ((d: Declaration) => void)[] = [
    (d) => (d.passwords.scheme = 'universal-default'),
    (d) => (d.provisions!.statements['5.3-2'] = { status: 'not-implemented' }),
  ];
  for (const change of changes) {
    const a = assess(camera(change), CLS, AT);
    assert.equal(verdict(a), 'fail sellable');
    assert.equal(a.level, 0);
    assert.equal(a.mark, null);
    assert.equal(a.label, null);
  }
});

test('§5 dates: the lab-review version applies from 1 April 2025; before the scheme, out of scope (⚠ launch date)', () => {
  assert.equal(assess(camera(), CLS, '2025-03-31').version?.id, 'CLS');
  assert.equal(assess(camera(), CLS, '2025-04-01').version?.id, 'CLS lab review');
  const before = assess(camera(), CLS, '2020-10-06');
  assert.equal(before.outcome, 'out-of-scope');
  assert.equal(before.level, 0);
});
