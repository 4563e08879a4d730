import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeSignedFixture, type SignedFixture } from '../../evidence/securitytxt/signed-fixture.js';
import { runCli } from '../../support/cli.js';

let dir = '';
let fixture: SignedFixture;
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'iotlabel-securitytxt-'));
  fixture = await makeSignedFixture(
    'Contact: mailto:security@example.com\nExpires: 2026-12-01T00:00:00Z\nEncryption: https://example.com/key.asc\nCanonical: https://example.com/.well-known/security.txt\n',
  );
});
after(() => rmSync(dir, { recursive: true, force: true }));

const run = async (...argv: string[]) => {
  const { code, out, err } = await runCli('securitytxt', ...argv);
  return { exit: code, out, err };
};
const VALID = 'Contact: https://example.com/report\nExpires: 2026-12-01T00:00:00Z\n';

test('a valid file exits 0 and the readable report lists contacts and notices', async () => {
  const r = await run(file('ok.txt', VALID), '--at', '2026-06-01');
  assert.equal(r.exit, 0);
  assert.match(r.out, /valid: yes/);
  assert.match(r.out, /contact: https:\/\/example.com\/report/);
  assert.match(r.out, /file: not_signed: /);
});

test('an invalid file exits 1 and names the line of each problem', async () => {
  const r = await run(file('bad.txt', `${VALID}Policy: http://example.com/p\n`), '--at', '2026-06-01');
  assert.equal(r.exit, 1);
  assert.match(r.out, /line 3: no_https: Policy: /);
});

test('a warning leaves the file valid (exit 0) and says what internet.nl reports for the line', async () => {
  const r = await run(
    file('spaced.txt', 'Contact: https://example.com/report\nExpires: 2026-12-01 00:00:00Z\n'),
    '--at',
    '2026-06-01',
  );
  assert.equal(r.exit, 0, r.out);
  assert.match(r.out, /warnings:\n {2}line 2: expiry_space: .*\(internet\.nl: no finding\)/);
  const json = JSON.parse(
    (
      await run(
        file('spaced.txt', 'Contact: https://example.com/report\nExpires: 2026-12-01 00:00:00Z\n'),
        '--at',
        '2026-06-01',
        '--json',
      )
    ).out,
  );
  assert.deepEqual(
    json.warnings.map((w: { code: string; internetNl: string | null }) => [w.code, w.internetNl]),
    [['expiry_space', null]],
  );
});

test('--at decides expiry; --json prints the result', async () => {
  const r = await run(file('ok.txt', VALID), '--at', '2027-01-01', '--json');
  assert.equal(r.exit, 1);
  const json = JSON.parse(r.out);
  assert.equal(json.expired, true);
  assert.deepEqual(
    json.errors.map((e: { code: string }) => e.code),
    ['expired'],
  );
  assert.equal(json.source.kind, 'file');
});

test('--key verifies the signature: the right key passes, another key fails with signature_mismatch', async () => {
  const signed = file('signed.txt', fixture.signed);
  const good = await run(signed, '--at', '2026-06-01', '--key', file('key.asc', fixture.publicKey), '--json');
  assert.equal(good.exit, 0, good.out);
  assert.equal(JSON.parse(good.out).signature.verified, true);
  const bad = await run(signed, '--at', '2026-06-01', '--key', file('other.asc', fixture.otherPublicKey));
  assert.equal(bad.exit, 1);
  assert.match(bad.out, /signature_mismatch/);
});

test('bad usage and unreadable input exit 2 with one line and no stack trace', async () => {
  const cases = [
    await run(join(dir, 'missing.txt')),
    await run(file('ok.txt', VALID), '--at', 'someday'),
    await run(file('ok.txt', VALID), '--key', join(dir, 'nokey.asc')),
    await run(file('ok.txt', VALID), '--key', file('junk.asc', 'junk')),
  ];
  for (const r of cases) {
    assert.equal(r.exit, 2, r.err);
    assert.equal(r.err.trim().split('\n').length, 1, r.err);
    assert.doesNotMatch(r.err, /\n\s+at /);
  }
});

test('a file over the size limit is reported, not read whole', async () => {
  const r = await run(file('big.txt', `${VALID}#${'x'.repeat(100_000)}\n`), '--json');
  assert.equal(r.exit, 1);
  assert.deepEqual(
    JSON.parse(r.out).errors.map((e: { code: string }) => e.code),
    ['file_too_large'],
  );
});
