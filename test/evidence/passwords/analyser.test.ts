// Every weak generation method of the reference fires its codes; the good methods (CSPRNG, HMAC of the
// serial declared as keyed) get no FAIL and no WARN except the keyed-derivation notice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analysePasswordBatch, summarisePasswordEvidence } from '../../../src/evidence/passwords/index.js';
import { batch, GOOD, WEAK, type Scenario } from './fixtures/generators.js';

async function analyse(scenario: Scenario, n: number) {
  return analysePasswordBatch(batch(scenario, n), {
    strengthSample: 0,
    declaration: scenario.declared ? { method: scenario.declared } : {},
    fingerprintKey: Buffer.alloc(32, 7),
  });
}

for (const scenario of WEAK) {
  test(`1,000 devices, ${scenario.name}: ${scenario.expect.join(', ')} fail`, async () => {
    const result = await analyse(scenario, 1000);
    for (const code of scenario.expect) {
      const finding = result.findings.find((f) => f.code === code);
      assert.ok(finding, `${code} missing; got ${result.findings.map((f) => f.code).join(', ')}`);
      assert.equal(finding.severity, 'fail', code);
    }
    assert.equal(result.verdict, 'fail');
    const derived = result.findings.find((f) => f.code === scenario.expect[0])!;
    if (!['PW-DUPLICATE', 'PW-UNIVERSAL'].includes(derived.code))
      assert.ok(derived.affectedCount >= 990, `${derived.code} covers ${derived.affectedCount} rows, want >= 99 %`);
  });
}

for (const scenario of GOOD) {
  test(`1,000 devices, ${scenario.name}: no FAIL and no unexpected WARN`, async () => {
    const result = await analyse(scenario, 1000);
    assert.deepEqual(
      result.findings.filter((f) => f.severity === 'fail').map((f) => f.code),
      [],
    );
    assert.deepEqual(
      result.findings.filter((f) => f.severity === 'warn' && !scenario.expect.includes(f.code)).map((f) => f.code),
      [],
    );
    for (const code of scenario.expect)
      assert.ok(
        result.findings.some((f) => f.code === code),
        code,
      );
  });
}

// 100,000 devices: the good controls (no false accusation at scale), the contamination case and a
// selection of weak methods whose batch-level signals depend on size (collisions of UBEE's 24 bits).
const AT_SCALE = [
  'CSPRNG base32, 16 characters',
  'HMAC-SHA256(secret, serial) base32, declared keyed-hash',
  'a few duplicates in a good batch',
  'UPC UBEE (BSSID - 3)',
  'sha1(serial) hex[0:10] upper',
  'counter password1, password2, ...',
];
for (const name of AT_SCALE) {
  const scenario = [...WEAK, ...GOOD].find((s) => s.name === name)!;
  test(`100,000 devices, ${name}`, async () => {
    const result = await analyse(scenario, 100_000);
    const fails = result.findings.filter((f) => f.severity === 'fail').map((f) => f.code);
    if (GOOD.includes(scenario)) {
      assert.deepEqual(fails, []);
      return;
    }
    for (const code of scenario.expect) assert.ok(fails.includes(code), `${code} missing; got ${fails.join(', ')}`);
    if (name.startsWith('a few duplicates')) {
      const dup = result.findings.find((f) => f.code === 'PW-DUPLICATE')!;
      assert.equal(dup.affectedCount, 800, '400 pairs');
      assert.ok(!fails.includes('PW-UNIVERSAL'));
      assert.ok(!fails.includes('PW-UNKEYED-TRANSFORM'));
    }
    if (name.startsWith('UPC UBEE'))
      assert.ok(fails.includes('PW-COLLISION-RATE'), 'a 24-bit generator collides at 100,000 devices');
  });
}

test('the evidence document never contains a password', async () => {
  const scenario = WEAK.find((s) => s.name.startsWith('sha1(serial)'))!;
  const passwords = [...batch(scenario, 200)].map((r) => r.password!);
  const json = JSON.stringify(await analyse(scenario, 200));
  assert.equal(passwords.filter((p) => json.includes(p)).length, 0);
});

test('the result document has its schema version, analyser version, fingerprints and statistics', async () => {
  const result = await analyse(
    WEAK.find((s) => s.name === 'universal password')!,
    100,
  );
  assert.equal(result.schemaVersion, 'iotlabel.password-evidence/v1');
  assert.match(result.analyser.version, /^\d+\.\d+\.\d+$/);
  assert.equal(result.fingerprints.duplicates[0]!.count, 100);
  assert.match(result.fingerprints.duplicates[0]!.fingerprint, /^[0-9a-f]{16}$/);
  assert.equal(result.statistics.distinctValues, 1);
  const universal = result.findings.find((f) => f.code === 'PW-UNIVERSAL')!;
  assert.deepEqual(universal.requirementRefs, ['PSTI Sch.1 §1(2)', 'EN 303 645 5.1-1']);
  assert.ok(universal.sampleDeviceIds.length > 0 && universal.sampleDeviceIds.length <= 10);
});

test('summarisePasswordEvidence gives the assessment engine code, severity and message', async () => {
  const result = await analyse(WEAK[0]!, 100);
  const summary = summarisePasswordEvidence(result);
  assert.deepEqual(Object.keys(summary.findings[0]!).sort(), ['code', 'message', 'severity']);
  assert.ok(summary.findings.some((f) => f.code === 'PW-SEQUENTIAL' && f.severity === 'fail'));
});

test('out-of-scope credentials and M2M passwords are reported, not failed', async () => {
  const records = [...batch(GOOD[0]!, 200)].map((r, i) => ({
    ...r,
    credentialType: i < 50 ? ('api_key' as const) : i < 60 ? ('m2m' as const) : r.credentialType,
  }));
  const result = await analysePasswordBatch(records, { strengthSample: 0 });
  assert.equal(result.findings.find((f) => f.code === 'PW-OUT-OF-SCOPE')?.affectedCount, 50);
  assert.equal(result.findings.find((f) => f.code === 'PW-M2M-PASSWORD')?.severity, 'warn');
  assert.equal(result.statistics.outOfScopeRows, 50);
});

test('declared weak methods, keyed derivation with custody evidence, and declared alphabet/length', async () => {
  const good = [...batch(GOOD[0]!, 300)];
  const weak = await analysePasswordBatch(good, { strengthSample: 0, declaration: { method: 'incremental' } });
  assert.ok(weak.findings.some((f) => f.code === 'PW-DECLARED-WEAK-METHOD' && f.severity === 'fail'));
  const keyed = await analysePasswordBatch(good, {
    strengthSample: 0,
    declaration: { method: 'keyed-hash', keyedDerivation: { keyCustody: 'HSM', evidenceRef: 'doc-17' } },
  });
  assert.equal(keyed.findings.find((f) => f.code === 'PW-KEYED-DERIVATION-DECLARED')?.severity, 'info');
  const mismatch = await analysePasswordBatch(good, {
    strengthSample: 0,
    declaration: { method: 'csprng', alphabet: '0123456789', length: 12 },
  });
  assert.equal(mismatch.findings.filter((f) => f.code === 'PW-DECLARATION-MISMATCH').length, 2);
});

test('fingerprint-only rows get duplicate and known-default checks', async () => {
  const { createHash } = await import('node:crypto');
  const digest = (p: string) => createHash('sha256').update(p).digest('hex');
  const records = [...batch(GOOD[0]!, 20)].map((r, i) => ({
    ...r,
    password: undefined,
    passwordSha256: digest(i < 3 ? 'Admin' : i < 5 ? 'shared-Value-1' : r.password!),
  }));
  const result = await analysePasswordBatch(records, { strengthSample: 0 });
  assert.equal(result.findings.find((f) => f.code === 'PW-KNOWN-DEFAULT')?.affectedCount, 3);
  assert.ok(result.findings.some((f) => f.code === 'PW-DUPLICATE'));
  assert.equal(result.statistics.fingerprintOnlyRows, 20);
});

test('zxcvbn on a sample flags word-based passwords', async () => {
  const words = ['happy', 'tiger', 'purple', 'monkey', 'silver', 'dragon', 'orange', 'sunset'];
  const records = [...batch(GOOD[0]!, 300)].map((r, i) => ({
    ...r,
    password: `${words[i % 8]}${words[(i * 3 + 1) % 8]}${i % 10}`,
  }));
  const result = await analysePasswordBatch(records, { strengthSample: 20, seed: 3 });
  const weak = result.findings.find((f) => f.code === 'PW-DICTIONARY-WEAK');
  assert.ok(weak, result.findings.map((f) => f.code).join(','));
  assert.equal(result.statistics.strength?.sampled, 20);
});
