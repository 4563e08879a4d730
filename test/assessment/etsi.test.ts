// Conformance regimes: mandatory provisions, conditions, recommendations and V3's justification rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assessDeclaration, type Declaration } from '../../src/assessment/index.js';
import { getCatalog } from '../../src/regimes/index.js';
import { AT, example, goodWith, requirement } from './fixtures.js';

/** The good camera re-declared against V3.1.3, every provision implemented. */
function v3Camera(change: (d: Declaration) => void = () => {}): Declaration {
  return goodWith((x) => {
    const statements: Declaration['provisions'] extends infer P
      ? P extends { statements: infer S }
        ? S
        : never
      : never = {};
    for (const p of getCatalog('etsi-en-303645-v3.1.3').provisions)
      if (p.status !== 'withdrawn') statements[p.id] = { status: 'implemented' };
    x.provisions = { catalog: 'etsi-en-303645-v3.1.3', statements };
    change(x);
  });
}

test('a fully implemented V3 declaration conforms to V3.1.3 with no recommendations left', () => {
  const a = assessDeclaration(v3Camera(), 'etsi-en-303645-v3.1.3', AT);
  assert.equal(a.outcome, 'pass');
  assert.deepEqual(a.recommendations, []);
  assert.equal(a.requirements.length, 36);
});

test('V3 5.0-1: a recommendation not followed needs a justification; with one it only appears as a recommendation', () => {
  const bare = assessDeclaration(
    v3Camera((x) => {
      x.provisions!.statements['5.7-1'] = { status: 'not-implemented' };
    }),
    'etsi-en-303645-v3.1.3',
    AT,
  );
  assert.equal(bare.outcome, 'fail');
  assert.match(requirement(bare, '5.0-1').reasons[0]!, /justification.*: 5\.7-1\.$/);
  const justified = assessDeclaration(
    v3Camera((x) => {
      x.provisions!.statements['5.7-1'] = { status: 'not-implemented', justification: 'No secure boot hardware' };
    }),
    'etsi-en-303645-v3.1.3',
    AT,
  );
  assert.equal(justified.outcome, 'pass');
  assert.deepEqual(justified.recommendations, [
    {
      id: '5.7-1',
      title: "Secure boot verifies the device's software",
      status: 'not-implemented',
      justification: 'No secure boot hardware',
    },
  ]);
});

test('a conditional provision may be not applicable; an unconditional mandatory one may not', () => {
  const conditional = assessDeclaration(
    goodWith((x) => {
      x.provisions!.statements['5.6-4'] = { status: 'not-applicable', justification: 'No debug interface' };
    }),
    'etsi-en-303645-v2.1.1',
    AT,
  );
  assert.equal(requirement(conditional, '5.6-4').status, 'not-applicable');
  assert.equal(conditional.outcome, 'pass');
  const unconditional = assessDeclaration(
    goodWith((x) => {
      x.provisions!.statements['5.4-3'] = { status: 'not-applicable', justification: 'We think not' };
    }),
    'etsi-en-303645-v2.1.1',
    AT,
  );
  assert.equal(requirement(unconditional, '5.4-3').status, 'not-met');
  assert.match(requirement(unconditional, '5.4-3').reasons[0]!, /applies to every product/);
});

test('a mandatory provision without a statement is not declared, naming what to add', () => {
  const a = assessDeclaration(
    goodWith((x) => {
      delete x.provisions!.statements['5.11-1'];
    }),
    'etsi-en-303645-v2.1.1',
    AT,
  );
  assert.equal(requirement(a, '5.11-1').status, 'not-declared');
  assert.match(requirement(a, '5.11-1').reasons[0]!, /^Declare 5\.11-1 .* in provisions\.statements/);
  assert.equal(a.outcome, 'fail');
});

test('V2.1.1 statements are read across to V3.1.3 where provisions were split', () => {
  const a = assessDeclaration(example('good-camera'), 'etsi-en-303645-v3.1.3', AT);
  assert.equal(requirement(a, '5.13-1A').status, 'met');
  assert.equal(requirement(a, '6-3A').status, 'met');
  assert.equal(requirement(a, '6-3B').status, 'not-declared');
  const v2 = assessDeclaration(
    v3Camera((x) => {
      x.provisions!.statements['5.13-1B'] = { status: 'not-implemented' };
    }),
    'etsi-en-303645-v2.1.1',
    AT,
  );
  assert.equal(requirement(v2, '5.13-1').status, 'not-met');
});

test('recommendations list the unmet recommended provisions; they never fail the regime', () => {
  const a = assessDeclaration(
    goodWith((x) => {
      delete x.provisions!.statements['5.9-1'];
      x.provisions!.statements['5.9-2'] = { status: 'not-implemented' };
    }),
    'etsi-en-303645-v2.1.1',
    AT,
  );
  // The recommendations are no requirement of their own; V2.1.1 fails only through 4-1, for want of a justification.
  assert.deepEqual(
    a.requirements.filter((r) => r.status !== 'met' && r.status !== 'not-applicable').map((r) => r.id),
    ['4-1'],
  );
  assert.deepEqual(
    a.recommendations.map((r) => [r.id, r.status]),
    [
      ['5.9-1', 'not-declared'],
      ['5.9-2', 'not-implemented'],
    ],
  );
  const justified = assessDeclaration(
    goodWith((x) => {
      x.provisions!.statements['5.9-1'] = { status: 'not-implemented', justification: 'Mains powered only' };
      x.provisions!.statements['5.9-2'] = { status: 'not-implemented', justification: 'Cloud-only by design' };
    }),
    'etsi-en-303645-v2.1.1',
    AT,
  );
  assert.equal(justified.outcome, 'pass');
  assert.deepEqual(
    justified.recommendations.map((r) => [r.id, r.status]),
    [
      ['5.9-1', 'not-implemented'],
      ['5.9-2', 'not-implemented'],
    ],
  );
});

test("TS 103 645 V1.1.1 clauses are judged through the guideline's provisions of the declared catalog", () => {
  const a = assessDeclaration(
    goodWith((x) => {
      x.provisions!.statements['5.1-4'] = { status: 'not-implemented' };
    }),
    'etsi-ts-103645-2019',
    AT,
  );
  assert.equal(requirement(a, '4.1').status, 'not-met');
  assert.equal(requirement(a, '4.2').status, 'met');
});

test('V2.1.1 4-1 (clause 4): a recommendation not fulfilled needs a recorded justification, not a bare detail', () => {
  const good = assessDeclaration(example('good-camera'), 'etsi-en-303645-v2.1.1', AT);
  assert.equal(requirement(good, '4-1').status, 'met');
  assert.equal(good.requirements.length, 33);
  const bare = assessDeclaration(
    goodWith((x) => {
      x.provisions!.statements['5.9-1'] = { status: 'not-implemented', detail: 'No battery backup' };
    }),
    'etsi-en-303645-v2.1.1',
    AT,
  );
  assert.equal(bare.outcome, 'fail');
  assert.equal(requirement(bare, '4-1').status, 'not-met');
  assert.match(requirement(bare, '4-1').reasons[0]!, /^4-1 requires a justification.*: 5\.9-1\.$/);
  const justified = assessDeclaration(
    goodWith((x) => {
      x.provisions!.statements['5.9-1'] = { status: 'not-implemented', justification: 'Mains powered only' };
      x.provisions!.statements['4-1'] = { status: 'implemented' };
    }),
    'etsi-en-303645-v2.1.1',
    AT,
  );
  assert.equal(justified.outcome, 'pass');
  assert.equal(requirement(justified, '4-1').status, 'met');
});

test('not applicable is valid only for a provision conditional in its own version (V2.1.1 and V3.1.3 Table B.1)', () => {
  const noInterfaces = (x: Declaration): void => {
    x.provisions!.statements['5.6-1'] = { status: 'not-applicable', justification: 'No unused interfaces' };
  };
  // V2.1.1 5.6-1 is unconditional M.
  const v2 = assessDeclaration(goodWith(noInterfaces), 'etsi-en-303645-v2.1.1', AT);
  assert.equal(requirement(v2, '5.6-1').status, 'not-met');
  assert.match(requirement(v2, '5.6-1').reasons[0]!, /applies to every product/);
  // V3.1.3 5.6-1 is M F(p): without unused interfaces it is not applicable.
  const v3 = assessDeclaration(v3Camera(noInterfaces), 'etsi-en-303645-v3.1.3', AT);
  assert.equal(requirement(v3, '5.6-1').status, 'not-applicable');
});
