// Each way of failing a top-three guideline fails exactly the regimes it should, with the right shield
// and a reason the manufacturer can act on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assessDeclaration } from '../../src/assessment/index.js';
import { AT, byRegime, example, goodWith, requirement, summary } from './fixtures.js';

const PASS_ALL = {
  'uk-2019-option-a': 'pass sellable tick',
  'uk-2019-option-b': 'pass sellable no-label',
  'uk-2019-option-c': 'pass sellable tick',
  'uk-2019-voluntary': 'pass sellable tick',
  'uk-psti-2023': 'pass sellable no-label',
};
// Guideline 1 broken: Option A and the voluntary label show a cross (still a label, still sellable).
const PASSWORDS_FAIL = {
  'uk-2019-option-a': 'fail sellable cross',
  'uk-2019-option-b': 'fail unsellable no-label',
  'uk-2019-option-c': 'fail unsellable no-label',
  'uk-2019-voluntary': 'fail sellable cross',
  'uk-psti-2023': 'fail unsellable no-label',
};

test('the good camera passes every UK regime with a tick and its support end date', () => {
  const d = example('good-camera');
  assert.deepEqual(summary(d), PASS_ALL);
  assert.deepEqual(assessDeclaration(d, 'uk-2019-option-a', AT).label, {
    shield: 'tick',
    supportEndDate: '2030-12-31',
  });
  assert.deepEqual(assessDeclaration(d, 'uk-2019-option-a', AT).findings, []);
});

test('a universal default password: cross under Option A, fails B, C and PSTI paragraph 1(2)', () => {
  const d = example('universal-default-password');
  assert.deepEqual(summary(d), PASSWORDS_FAIL);
  const a = byRegime(d);
  assert.match(
    requirement(a['uk-2019-option-a']!, 'no-universal-default-passwords').reasons[0]!,
    /same default password.*Give each unit its own password/,
  );
  assert.match(requirement(a['uk-psti-2023']!, 'psti-sch1-para1').reasons[0]!, /paragraph 1\(2\)/);
  assert.equal(requirement(a['uk-psti-2023']!, 'psti-sch1-para2').status, 'met');
});

test('incremental per-unit passwords fail like a universal default, citing paragraph 1(3)(a)', () => {
  const d = example('incremental-passwords');
  assert.deepEqual(summary(d), PASSWORDS_FAIL);
  const r = requirement(byRegime(d)['uk-psti-2023']!, 'psti-sch1-para1');
  assert.match(r.reasons.join(' '), /incrementing counter.*1\(3\)\(a\)/);
});

test('passwords derived from an identifier without a key fail, citing paragraph 1(3)(c)', () => {
  const d = example('identifier-derived-passwords');
  assert.deepEqual(summary(d), PASSWORDS_FAIL);
  assert.match(
    requirement(byRegime(d)['uk-psti-2023']!, 'psti-sch1-para1').reasons.join(' '),
    /serial number.*keyed hash.*1\(3\)\(c\)/,
  );
});

test('passwords based on public information fail, citing paragraph 1(3)(b)', () => {
  const d = goodWith((x) => {
    x.passwords.generation = 'derived-from-public-information';
    delete x.provisions!.statements['5.1-2'];
  });
  assert.deepEqual(summary(d), PASSWORDS_FAIL);
  assert.match(
    requirement(byRegime(d)['uk-psti-2023']!, 'psti-sch1-para1').reasons.join(' '),
    /publicly available.*1\(3\)\(b\)/,
  );
});

test('an unaccepted generation method fails, citing paragraph 1(3)(d)', () => {
  const d = goodWith((x) => {
    x.passwords.generation = 'other';
    delete x.provisions!.statements['5.1-2'];
  });
  assert.deepEqual(summary(d), PASSWORDS_FAIL);
  assert.match(requirement(byRegime(d)['uk-psti-2023']!, 'psti-sch1-para1').reasons.join(' '), /1\(3\)\(d\)/);
});

test('identifier-based passwords made with a keyed hash are accepted', () => {
  assert.deepEqual(
    summary(
      goodWith((x) => {
        x.passwords.generation = 'keyed-hash';
      }),
    ),
    PASS_ALL,
  );
});

test('user-defined passwords and no passwords at all both hold guideline 1', () => {
  assert.deepEqual(
    summary(
      goodWith((x) => {
        x.passwords = { usesPasswords: true, scheme: 'user-defined', resettableToUniversalDefault: false };
      }),
    ),
    PASS_ALL,
  );
  const none = goodWith((x) => {
    x.passwords = { usesPasswords: false, scheme: 'none' };
  });
  assert.deepEqual(summary(none), PASS_ALL);
  assert.equal(requirement(byRegime(none)['uk-psti-2023']!, 'psti-sch1-para1').status, 'not-applicable');
});

test('resettable to a universal default: fails the Code-based regimes, not PSTI (which covers the product outside factory default)', () => {
  const d = example('resettable-to-default');
  assert.deepEqual(summary(d), { ...PASSWORDS_FAIL, 'uk-psti-2023': 'pass sellable no-label' });
  assert.match(
    requirement(byRegime(d)['uk-2019-option-a']!, 'no-universal-default-passwords').reasons[0]!,
    /factory reset restores a universal default/,
  );
  assert.match(
    requirement(byRegime(d)['uk-psti-2023']!, 'psti-sch1-para1').reasons.join(' '),
    /factory reset.*does not break it/,
  );
});

test('not saying whether a reset restores a default is not met, with the field to fill in', () => {
  const d = goodWith((x) => {
    delete x.passwords.resettableToUniversalDefault;
  });
  assert.equal(summary(d)['uk-2019-option-a'], 'fail sellable cross');
  assert.match(
    requirement(byRegime(d)['uk-2019-option-a']!, 'no-universal-default-passwords').reasons[0]!,
    /passwords\.resettableToUniversalDefault/,
  );
});

test('no vulnerability disclosure contact: cross under Option A, fails B, C and PSTI paragraph 2', () => {
  const d = example('no-contact');
  assert.deepEqual(summary(d), PASSWORDS_FAIL);
  const a = byRegime(d);
  assert.match(
    requirement(a['uk-2019-option-a']!, 'vulnerability-disclosure-contact').reasons[0]!,
    /Publish a point of contact/,
  );
  assert.match(
    requirement(a['uk-psti-2023']!, 'psti-sch1-para2').reasons.join(' '),
    /point of contact.*acknowledgement.*status updates/,
  );
});

test('a contact without timelines keeps the tick but fails PSTI paragraph 2, naming both timelines', () => {
  const d = example('contact-without-timelines');
  assert.deepEqual(summary(d), {
    ...PASS_ALL,
    'uk-2019-option-b': 'fail unsellable no-label',
    'uk-2019-option-c': 'fail unsellable no-label',
    'uk-psti-2023': 'fail unsellable no-label',
  });
  const reasons = requirement(byRegime(d)['uk-psti-2023']!, 'psti-sch1-para2').reasons;
  assert.equal(reasons.length, 2);
  assert.match(reasons[0]!, /acknowledgementWithinDays/);
  assert.match(reasons[1]!, /statusUpdatesEveryDays/);
});

test('no support period: no label, so not sellable under Option A; the voluntary label simply is not issued', () => {
  const d = example('no-support-period');
  assert.deepEqual(summary(d), {
    'uk-2019-option-a': 'fail unsellable no-label',
    'uk-2019-option-b': 'fail unsellable no-label',
    'uk-2019-option-c': 'fail unsellable no-label',
    'uk-2019-voluntary': 'fail sellable no-label',
    'uk-psti-2023': 'fail unsellable no-label',
  });
  const a = byRegime(d);
  assert.match(requirement(a['uk-2019-option-a']!, 'support-period').reasons[0]!, /supportPeriod\.endDate.*no label/);
  assert.match(requirement(a['uk-psti-2023']!, 'psti-sch1-para3').reasons[0]!, /period with an end date/);
  assert.match(requirement(a['uk-psti-2023']!, 'psti-sch4').reasons[0]!, /\(e\) the defined support period/);
});

test('a support period not said where it is published fails PSTI paragraph 3 only (met directly, not through 5.3-13)', () => {
  const d = goodWith((x) => {
    delete x.supportPeriod!.publishedAt;
    delete x.provisions!.statements['5.3-13'];
  });
  assert.deepEqual(summary(d), { ...PASS_ALL, 'uk-psti-2023': 'fail unsellable no-label' });
  assert.match(requirement(byRegime(d)['uk-psti-2023']!, 'psti-sch1-para3').reasons[0]!, /supportPeriod\.publishedAt/);
});

test('a support period that has ended is reported but the label keeps its date', () => {
  const a = byRegime(example('good-camera'), { at: '2031-01-02' });
  assert.deepEqual(a['uk-2019-option-a']!.label, { shield: 'tick', supportEndDate: '2030-12-31' });
  assert.match(requirement(a['uk-psti-2023']!, 'psti-sch1-para3').reasons.join(' '), /ended on 2030-12-31/);
});

test('Option C needs all 13 guidelines: a mandatory provision of guideline 5 not implemented fails C only', () => {
  const d = goodWith((x) => {
    x.provisions!.statements['5.5-1'] = { status: 'not-implemented' };
  });
  assert.deepEqual(summary(d), { ...PASS_ALL, 'uk-2019-option-c': 'fail unsellable no-label' });
  const r = requirement(byRegime(d)['uk-2019-option-c']!, 'cop-5');
  assert.equal(r.status, 'not-met');
  assert.match(r.reasons[0]!, /^5\.5-1 .*declared not implemented/);
});

test('Option B reaches the top three through their ETSI provisions: 5.1-3 not declared fails B and C', () => {
  const d = goodWith((x) => {
    delete x.provisions!.statements['5.1-3'];
  });
  const s = summary(d);
  assert.equal(s['uk-2019-option-b'], 'fail unsellable no-label');
  assert.equal(s['uk-2019-option-a'], 'pass sellable tick');
  assert.equal(requirement(byRegime(d)['uk-2019-option-b']!, 'cop-1').status, 'not-declared');
});
