// 2019 consultation Option C: retailers sell only products that comply with all 13 guidelines. A guideline
// whose provisions are all recommendations is not passed by default.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assessDeclaration, type Declaration } from '../../src/assessment/index.js';
import { AT, example, goodWith, requirement } from './fixtures.js';

const C = 'uk-2019-option-c';

test('Option C: guideline 7 (only recommendations 5.7-1, 5.7-2 under EN 303 645) holds only when they are met', () => {
  assert.equal(requirement(assessDeclaration(example('good-camera'), C, AT), 'cop-7').status, 'met');
  const d = goodWith((x) => {
    x.provisions!.statements['5.7-1'] = { status: 'not-implemented', justification: 'No secure boot hardware' };
  });
  const c = assessDeclaration(d, C, AT);
  assert.equal(requirement(c, 'cop-7').status, 'not-met');
  assert.match(requirement(c, 'cop-7').reasons.join(' '), /5\.7-1 is declared not implemented/);
  assert.equal(c.outcome, 'fail');
  // Options A and B are unchanged: they rest on guidelines 1 to 3 only.
  assert.equal(assessDeclaration(d, 'uk-2019-option-a', AT).outcome, 'pass');
  assert.equal(assessDeclaration(d, 'uk-2019-option-b', AT).outcome, 'pass');
  const missing = assessDeclaration(
    goodWith((x) => {
      delete x.provisions!.statements['5.12-1'];
    }),
    C,
    AT,
  );
  assert.equal(requirement(missing, 'cop-12').status, 'not-declared');
});

test('Option C: "communicate securely" (TS 103 645 clause 4.5, a recommendation) is not passed by default', () => {
  const ts = (s45: 'implemented' | 'not-implemented'): Declaration =>
    goodWith((x) => {
      const statements: NonNullable<Declaration['provisions']>['statements'] = {};
      for (let i = 1; i <= 13; i++) statements[`4.${i}`] = { status: 'implemented' };
      statements['4.5'] = { status: s45 };
      x.provisions = { catalog: 'etsi-ts-103645-2019', statements };
    });
  assert.equal(requirement(assessDeclaration(ts('implemented'), C, AT), 'cop-5').status, 'met');
  const a = assessDeclaration(ts('not-implemented'), C, AT);
  assert.equal(requirement(a, 'cop-5').status, 'not-met');
  assert.match(requirement(a, 'cop-5').reasons.join(' '), /Guideline 5 rests on recommendations only/);
});
