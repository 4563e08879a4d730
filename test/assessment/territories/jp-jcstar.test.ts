// jp-jcstar: JC-STAR ★1 to ★4 (territories.md §8).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Declaration } from '../../../src/assessment/index.js';
import { assess, camera, req, verdict } from './fixtures.js';

const JC = 'jp-jcstar';
const AT = '2026-11-24';

test('§8 ★1 by self-declaration: level 1, the stars, registration number and QR; ★2 to ★4 say what they need', () => {
  const a = assess(camera(), JC, AT);
  assert.equal(verdict(a), 'pass sellable');
  assert.equal(a.level, 1);
  assert.equal(a.mark?.form, 'stars-registration');
  assert.match(req(a, 'jc-star2').reasons[0]!, /not in operation/);
  assert.match(
    req(a, 'jc-star3').reasons[0]!,
    /third-party evaluation body.*Level 3 is not reached by self-declaration/,
  );
});

test('§8 ★3 needs ★2 first: an evaluation report alone does not lift the level while ★2 is not in operation', () => {
  const a = assess(
    camera(
      (d) =>
        (d.labTestReports = [{ scheme: JC, lab: 'Evaluation body', reportId: 'JC3', date: '2026-06-01', level: 3 }]),
    ),
    JC,
    AT,
  );
  assert.equal(req(a, 'jc-star3').status, 'met');
  assert.equal(a.level, 1);
});

test('§8 ★1 fails on each item the declaration shows: S1.1-02, -03, -04, -05, -16', () => {
  const cases: [string, (d: Declaration) => void][] = [
    ['jc-s1.1-02', (d) => (d.passwords.scheme = 'universal-default')],
    ['jc-s1.1-03', (d) => (d.provisions!.statements['5.1-4'] = { status: 'not-implemented' })],
    ['jc-s1.1-04', (d) => (d.provisions!.statements['5.1-5'] = { status: 'not-implemented' })],
    ['jc-s1.1-05', (d) => (d.vulnerabilityDisclosure.contacts = [])],
    [
      'jc-s1.1-16',
      (d) => {
        delete d.supportPeriod;
        delete d.provisions!.statements['5.3-13'];
      },
    ],
  ];
  for (const [id, change] of cases) {
    const a = assess(camera(change), JC, AT);
    assert.equal(verdict(a), 'fail sellable', id);
    assert.equal(a.level, 0, id);
    assert.equal(req(a, id).status, 'not-met', id);
  }
});

test('§8 PCs, laptops, smartphones and tablets are excluded; dates and versions', () => {
  for (const category of ['laptop', 'desktop', 'smartphone', 'tablet'] as const)
    assert.equal(
      verdict(
        assess(
          camera((d) => (d.product.category = category)),
          JC,
          AT,
        ),
      ),
      'out-of-scope sellable',
    );
  assert.equal(assess(camera(), JC, '2025-03-24').outcome, 'out-of-scope');
  assert.equal(assess(camera(), JC, '2025-03-25').version?.id, 'JC-STAR ★1');
  assert.equal(assess(camera(), JC, '2026-01-01').version?.id, 'JC-STAR PSTI recognition');
});
