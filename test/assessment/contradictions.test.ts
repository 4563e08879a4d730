// A statement "not implemented" next to structured facts that meet the same requirement is a contradiction
// (DESIGN.md): every regime resting on that requirement treats it as not met, naming both statements.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Declaration } from '../../src/assessment/index.js';
import { byRegime, goodWith, requirement } from './fixtures.js';

/** Requirement status per regime for the requirement resting on the same clause. */
function sameAnswer(d: Declaration, ids: Record<string, string>, code: string, both: RegExp[]): void {
  const all = byRegime(d);
  for (const [regime, id] of Object.entries(ids)) {
    const r = requirement(all[regime]!, id);
    assert.equal(r.status, 'not-met', `${regime} ${id}`);
    for (const re of both)
      assert.ok(
        r.reasons.some((x) => re.test(x)),
        `${regime} ${id}: ${re} in ${r.reasons.join(' | ')}`,
      );
    assert.ok(
      all[regime]!.findings.some((f) => f.code === code),
      `${regime} reports ${code}`,
    );
  }
}

test('EN 303 645 5.1-2 / Schedule 1 para 1(3): "not implemented" with keyed-hash passwords is a contradiction', () => {
  const d = goodWith((x) => {
    x.passwords.generation = 'keyed-hash';
    x.provisions!.statements['5.1-2'] = { status: 'not-implemented' };
  });
  sameAnswer(
    d,
    { 'uk-psti-2023': 'psti-sch1-para1', 'uk-2019-option-b': 'cop-1', 'etsi-en-303645-v2.1.1': '5.1-2' },
    'PASSWORDS_CONTRADICTION',
    [/5\.1-2 is declared not-implemented/, /passwords\.generation is "keyed-hash"/],
  );
});

test('EN 303 645 5.2-1 / Schedule 1 para 2: "not implemented" with a contact and timelines is a contradiction', () => {
  const d = goodWith((x) => {
    x.provisions!.statements['5.2-1'] = { status: 'not-implemented' };
  });
  sameAnswer(
    d,
    { 'uk-psti-2023': 'psti-sch1-para2', 'uk-2019-option-b': 'cop-2', 'etsi-en-303645-v2.1.1': '5.2-1' },
    'DISCLOSURE_CONTRADICTION',
    [/5\.2-1 is declared not-implemented/, /publishes a contact and the acknowledgement and status-update timelines/],
  );
});

test('EN 303 645 5.3-13 / Schedule 1 para 3: "not implemented" with a published support period is a contradiction', () => {
  const d = goodWith((x) => {
    x.provisions!.statements['5.3-13'] = { status: 'not-implemented' };
  });
  sameAnswer(
    d,
    { 'uk-psti-2023': 'psti-sch1-para3', 'uk-2019-option-b': 'cop-3', 'etsi-en-303645-v2.1.1': '5.3-13' },
    'SUPPORT_PERIOD_CONTRADICTION',
    [/5\.3-13 is declared not-implemented/, /support period ending 2030-12-31/],
  );
});
