// Not-applicable claims checked against the declaration's own facts (EN 303 645 Annex B Table B.1: N/A only
// where the condition does not hold; TS 103 701 rejects an N/A whose condition holds).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assessDeclaration, type Declaration } from '../../src/assessment/index.js';
import { getCatalog } from '../../src/regimes/index.js';
import { AT, goodWith, requirement } from './fixtures.js';

const V2 = 'etsi-en-303645-v2.1.1';
const na = (justification: string) => ({ status: 'not-applicable' as const, justification });

function invalid(a: ReturnType<typeof assessDeclaration>, id: string): void {
  assert.equal(requirement(a, id).status, 'not-met', id);
  assert.equal(a.outcome, 'fail');
  assert.ok(
    a.findings.some((f) => f.code === 'NOT_APPLICABLE_INVALID' && f.paths.includes(`/provisions/statements/${id}`)),
    `finding for ${id}`,
  );
}

test('5.1-1 C(1): not applicable while the passwords section says passwords are used is invalid', () => {
  const a = assessDeclaration(
    goodWith((x) => (x.provisions!.statements['5.1-1'] = na('No passwords'))),
    V2,
    AT,
  );
  invalid(a, '5.1-1');
  assert.match(requirement(a, '5.1-1').reasons[0]!, /passwords section says the product uses passwords/);
  const none = assessDeclaration(
    goodWith((x) => {
      x.passwords = { usesPasswords: false, scheme: 'none' };
      x.provisions!.statements['5.1-1'] = na('No passwords');
      x.provisions!.statements['5.1-2'] = na('No passwords');
    }),
    V2,
    AT,
  );
  assert.equal(requirement(none, '5.1-1').status, 'not-applicable');
  assert.equal(
    none.findings.some((f) => f.code === 'NOT_APPLICABLE_INVALID'),
    false,
  );
});

test('5.1-2 C(2): not applicable with pre-installed unique per-device passwords is invalid', () => {
  const a = assessDeclaration(
    goodWith((x) => (x.provisions!.statements['5.1-2'] = na('Not relevant'))),
    V2,
    AT,
  );
  invalid(a, '5.1-2');
  assert.match(requirement(a, '5.1-2').reasons[0]!, /unique per-device passwords/);
});

test('5.3-8 C(12): "no update mechanism" while 5.3-2 (secure update mechanism) is implemented is invalid', () => {
  const a = assessDeclaration(
    goodWith((x) => (x.provisions!.statements['5.3-8'] = na('No update mechanism'))),
    V2,
    AT,
  );
  invalid(a, '5.3-8');
  assert.match(requirement(a, '5.3-8').reasons[0]!, /5\.3-2 \(a secure update mechanism\) is declared implemented/);
  // With no update mechanism declared (5.3-2 not applicable for a constrained device, condition (5)), it stands.
  const constrained = assessDeclaration(
    goodWith((x) => {
      x.provisions!.statements['5.3-2'] = na('Constrained device');
      x.provisions!.statements['5.3-8'] = na('No update mechanism');
    }),
    V2,
    AT,
  );
  assert.equal(requirement(constrained, '5.3-8').status, 'not-applicable');
});

test('V3.1.3 5.0-1 is unconditional: not applicable is invalid', () => {
  const d = goodWith((x: Declaration) => {
    const statements: Record<string, { status: 'implemented' }> = {};
    for (const p of getCatalog('etsi-en-303645-v3.1.3').provisions)
      if (p.status !== 'withdrawn') statements[p.id] = { status: 'implemented' };
    x.provisions = { catalog: 'etsi-en-303645-v3.1.3', statements };
    x.provisions.statements['5.0-1'] = na('We follow every recommendation');
  });
  const a = assessDeclaration(d, 'etsi-en-303645-v3.1.3', AT);
  invalid(a, '5.0-1');
  assert.match(requirement(a, '5.0-1').reasons[0]!, /applies to every product/);
});
