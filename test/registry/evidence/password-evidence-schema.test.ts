// Issue 18, point 4: a password analysis is accepted only in its own schema. Everything the real analyser
// writes, over every generated batch, is accepted; a field the format does not have (`pwd`, `credentials`,
// `values` inside a sequence test, a `message` in a finding's evidence) or a made-up title is refused, with
// the path of the field, whatever the field is called.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analysePasswordBatch, type PasswordEvidence } from '../../../src/evidence/passwords/index.js';
import { FINDING_CODES } from '../../../src/evidence/passwords/finding-codes.js';
import { FINDING_EVIDENCE_SCHEMAS } from '../../../src/evidence/passwords/finding-evidence.js';
import { checkPasswordEvidence } from '../../../src/registry/index.js';
import { batch, GOOD, WEAK } from '../../evidence/passwords/fixtures/generators.js';
import { failingPasswords } from './fixtures.js';

const refusedAt = (document: unknown, path: RegExp) =>
  assert.throws(
    () => checkPasswordEvidence(document),
    (error: Error & { code?: string }) => {
      assert.equal(error.code, 'EVIDENCE_INVALID');
      assert.match(error.message, path);
      return true;
    },
  );

test('every finding code has an evidence schema', () => {
  assert.deepEqual(Object.keys(FINDING_EVIDENCE_SCHEMAS).sort(), Object.keys(FINDING_CODES).sort());
});

test("the analyser's own output is accepted for every generated batch, declared or not", async () => {
  const seen = new Set<string>();
  for (const scenario of [...WEAK, ...GOOD]) {
    for (const declaration of [
      scenario.declared ? { method: scenario.declared } : {},
      { method: 'keyed-hash' as const, alphabet: 'abc', length: 4 },
      { method: 'incremental' as const },
    ]) {
      const doc: PasswordEvidence = await analysePasswordBatch(batch(scenario, 120), {
        strengthSample: 60,
        declaration,
        fingerprintKey: Buffer.alloc(32, 7),
      });
      for (const f of doc.findings) seen.add(f.code);
      assert.doesNotThrow(() => checkPasswordEvidence(JSON.parse(JSON.stringify(doc))), scenario.name);
    }
  }
  // The batches exercise most codes, so the schemas are checked against real output, not guessed.
  assert.ok(seen.size >= 15, `codes seen: ${[...seen].join(', ')}`);
});

test('fields the format does not have are refused wherever they are and whatever they are called', async () => {
  const withEvidence = async (change: (evidence: Record<string, unknown>) => void) => {
    const doc = await failingPasswords();
    const sequential = doc.findings.find((f) => f.code === 'PW-SEQUENTIAL')!;
    change(sequential.evidence);
    return { doc, index: doc.findings.indexOf(sequential) };
  };
  for (const [field, value] of [
    ['pwd', 'hunter2'],
    ['credentials', [{ device: 'A1', secret: 'hunter2' }]],
    ['message', 'the passwords are password1, password2, password3'],
  ] as const) {
    const { doc, index } = await withEvidence((e) => (e[field] = value));
    refusedAt(
      doc,
      new RegExp(`/document/findings/${index}/evidence/${field}: is not a field of PW-SEQUENTIAL evidence`),
    );
  }
  const { doc, index } = await withEvidence((e) => {
    (e.tests as Record<string, unknown>[])[0]!.values = ['password1', 'password2'];
  });
  refusedAt(doc, new RegExp(`/document/findings/${index}/evidence/tests/0/values: is not a field`));
  const titled = await failingPasswords();
  titled.findings[0]!.title = 'password1 password2';
  refusedAt(titled, /\/document\/findings\/0\/title: is not the title of PW-/);
});
