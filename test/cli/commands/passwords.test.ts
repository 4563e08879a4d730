// `iotlabel passwords`: exit codes 0 / 1 / 2, the readable report, --json, --corpus, --declared, --columns.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { batch, GOOD, WEAK } from '../../evidence/passwords/fixtures/generators.js';
import { runCli } from '../../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'iotlabel-passwords-'));
function csvFile(
  name: string,
  rows: { deviceId: string; credentialType: string; password?: string; serial?: string; macs: string[] }[],
): string {
  const path = join(dir, name);
  writeFileSync(
    path,
    'device_id,credential_type,password,serial_number,mac_addresses\n' +
      rows.map((r) => [r.deviceId, r.credentialType, r.password, r.serial, r.macs.join(';')].join(',')).join('\n') +
      '\n',
  );
  return path;
}
const good = csvFile('good.csv', [...batch(GOOD[0]!, 300)]);
const weak = csvFile('weak.csv', [
  ...batch(
    WEAK.find((s) => s.name.startsWith('sha1(serial)'))!,
    300,
  ),
]);

const run = (...args: string[]) => runCli('passwords', ...args, '--strength-sample', '0');

test('a CSPRNG batch passes: exit 0 and a readable report', async () => {
  const r = await run(good, '--declared', 'csprng');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /300 rows, 300 analysed/);
  assert.match(r.out, /Verdict: PASS/);
});

test('a batch of unkeyed hashes of serials fails: exit 1, the finding, no password in the output', async () => {
  const r = await run(weak, '--json');
  assert.equal(r.code, 1);
  const evidence = JSON.parse(r.out);
  assert.equal(evidence.schemaVersion, 'iotlabel.password-evidence/v1');
  assert.ok(evidence.findings.some((f: { code: string }) => f.code === 'PW-UNKEYED-TRANSFORM'));
  const first = [
    ...batch(
      WEAK.find((s) => s.name.startsWith('sha1(serial)'))!,
      1,
    ),
  ][0]!.password!;
  assert.ok(!r.out.includes(first));
});

test('bad rows: exit 2 with one line per problem naming file and line', async () => {
  const bad = join(dir, 'bad.csv');
  writeFileSync(bad, 'device_id,credential_type,password\nd1,wifi_psk,x\nd2,rubbish,y\nd3\n');
  const r = await run(bad);
  assert.equal(r.code, 2);
  assert.match(r.err, /bad\.csv: line 3: credential_type/);
  assert.match(r.err, /bad\.csv: line 4: /);
  assert.doesNotMatch(r.err, /\n\s+at /);
  assert.equal(r.out, '');
});

test('usage and input errors exit 2 with one line', async () => {
  for (const args of [
    [join(dir, 'missing.csv')],
    [good, '--declared', 'random-ish'],
    [good, '--columns', 'x'],
    [dir],
  ]) {
    const r = await run(...args);
    assert.equal(r.code, 2, args.join(' '));
    assert.equal(r.err.trim().split('\n').length, 1, r.err);
  }
});

test('--corpus adds known defaults; --columns maps headers; JSON batches carry their declaration', async () => {
  const corpus = join(dir, 'corpus.txt');
  writeFileSync(corpus, '# test corpus\nacme:Tr0ub4dor-Acme\n');
  const mapped = join(dir, 'mapped.csv');
  writeFileSync(
    mapped,
    'ID,Secret\n' +
      Array.from(
        { length: 60 },
        (_, i) => `u${i},${i === 7 ? 'Tr0ub4dor-Acme' : `Zq${(i * 7919).toString(36)}Kx${i}Lp`}`,
      ).join('\n') +
      '\n',
  );
  const r = await run(mapped, '--columns', 'device_id=ID,password=Secret', '--corpus', corpus, '--json');
  const codes = JSON.parse(r.out).findings.map((f: { code: string }) => f.code);
  assert.ok(codes.includes('PW-KNOWN-DEFAULT'), codes.join(','));
  const json = join(dir, 'batch.json');
  writeFileSync(
    json,
    JSON.stringify({
      declaration: { method: 'derived-from-identifier' },
      devices: [{ id: 'a', credentials: [{ type: 'wifi_psk', password: 'Qw3-rty-Uio' }] }],
    }),
  );
  const j = await run(json, '--json');
  assert.equal(j.code, 1);
  assert.ok(JSON.parse(j.out).findings.some((f: { code: string }) => f.code === 'PW-DECLARED-WEAK-METHOD'));
});
