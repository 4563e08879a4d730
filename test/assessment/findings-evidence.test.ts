// Contradictions inside a declaration are findings, never silently resolved; evidence can overturn a claim.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assessAll, assessDeclaration, type EvidenceSummary } from '../../src/assessment/index.js';
import { listRegimes } from '../../src/regimes/index.js';
import { AT, byRegime, example, goodWith, requirement } from './fixtures.js';

test('universal default passwords with 5.1-1 declared implemented is a finding, and the requirement is not met', () => {
  const d = goodWith((x) => {
    x.passwords.scheme = 'universal-default';
  });
  const a = byRegime(d);
  const f = a['uk-2019-option-a']!.findings;
  assert.equal(f.length, 1);
  assert.equal(f[0]!.code, 'PASSWORDS_CONTRADICTION');
  assert.deepEqual(f[0]!.paths, ['/provisions/statements/5.1-1', '/passwords']);
  assert.equal(requirement(a['etsi-en-303645-v2.1.1']!, '5.1-1').status, 'not-met');
  assert.match(
    requirement(a['etsi-en-303645-v2.1.1']!, '5.1-1').reasons[0]!,
    /contradicts itself.*5\.1-1 is declared implemented/,
  );
});

test('5.2-1 implemented without a contact, and 5.3-13 implemented without a support period, are findings', () => {
  const d = goodWith((x) => {
    x.vulnerabilityDisclosure.contacts = [];
    delete x.supportPeriod;
  });
  const codes = assessDeclaration(d, 'uk-psti-2023', AT).findings.map((f) => f.code);
  assert.deepEqual(codes, ['DISCLOSURE_CONTRADICTION', 'SUPPORT_PERIOD_CONTRADICTION']);
});

test('5.1-1 declared not implemented while the passwords section meets it is a finding', () => {
  const d = goodWith((x) => {
    x.provisions!.statements['5.1-1'] = { status: 'not-implemented' };
  });
  assert.equal(assessDeclaration(d, 'uk-2019-option-a', AT).findings[0]?.code, 'PASSWORDS_CONTRADICTION');
  assert.equal(assessDeclaration(d, 'uk-2019-option-a', AT).label?.shield, 'cross');
});

test('a FAIL password finding against unique passwords makes every password requirement not met, quoting it', () => {
  const evidence: EvidenceSummary = {
    passwords: {
      findings: [
        { code: 'DUPLICATES', severity: 'fail', message: '12 passwords appear more than once' },
        { code: 'SHORT', severity: 'warn', message: 'short' },
      ],
    },
  };
  const a = Object.fromEntries(assessAll(example('good-camera'), { at: AT, evidence }).map((x) => [x.regime, x]));
  assert.equal(a['uk-2019-option-a']!.label?.shield, 'cross');
  for (const [regime, id] of [
    ['uk-2019-option-a', 'no-universal-default-passwords'],
    ['uk-2019-option-b', 'cop-1'],
    ['uk-psti-2023', 'psti-sch1-para1'],
    ['etsi-en-303645-v2.1.1', '5.1-1'],
  ] as const) {
    const r = requirement(a[regime]!, id);
    assert.equal(r.status, 'not-met', `${regime} ${id}`);
    assert.match(r.reasons.join(' '), /12 passwords appear more than once \(DUPLICATES\)/);
    assert.doesNotMatch(r.reasons.join(' '), /short/);
  }
  const warnOnly: EvidenceSummary = {
    passwords: { findings: [{ code: 'SHORT', severity: 'warn', message: 'short' }] },
  };
  // The UK rulebooks and the standards; territories with lab or date rules of their own are tested apart.
  const ukAndStandards = listRegimes()
    .filter((r) => r.territory === 'UK' || r.territory === null)
    .map((r) => r.id);
  assert.equal(
    assessAll(example('good-camera'), { at: AT, evidence: warnOnly, regimes: ukAndStandards }).every(
      (x) => x.regime === 'etsi-en-303645-v3.1.3' || x.outcome === 'pass',
    ),
    true,
  );
});

test('a declared contact missing from security.txt, or an expired security.txt, fails the disclosure requirement', () => {
  const good = example('good-camera');
  const missing: EvidenceSummary = {
    securityTxt: { valid: true, expired: false, contacts: ['mailto:security@acme.example'], problems: [] },
  };
  const a = assessDeclaration(good, 'uk-2019-option-a', AT, missing);
  assert.equal(a.label?.shield, 'cross');
  assert.match(
    requirement(a, 'vulnerability-disclosure-contact').reasons[0]!,
    /https:\/\/acme\.example\/security\/report is not listed in the security\.txt at https:\/\/acme\.example\/\.well-known\/security\.txt/,
  );
  const expired: EvidenceSummary = {
    securityTxt: { valid: false, expired: true, contacts: [...good.vulnerabilityDisclosure.contacts], problems: [] },
  };
  assert.match(
    requirement(assessDeclaration(good, 'uk-psti-2023', AT, expired), 'psti-sch1-para2').reasons[0]!,
    /has expired/,
  );
  const fine: EvidenceSummary = {
    securityTxt: {
      valid: true,
      expired: false,
      contacts: good.vulnerabilityDisclosure.contacts.map((c) => c.toUpperCase()),
      problems: [],
    },
  };
  assert.equal(assessDeclaration(good, 'uk-psti-2023', AT, fine).outcome, 'pass');
});
