// `iotlabel evidence upload` against a real listening registry: exit 0 with the re-assessment for a stored
// document, 2 with one line per problem for a refused one or bad usage, and the key from the environment.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main.js';
import { bufferIo } from '../../../src/cli/io.js';
import { bearer, openTestApp, type TestApp } from '../../support/http.js';
import { declarationFor } from '../../support/registry.js';
import { CAMERA_CONTACTS, failingPasswords, securityTxt } from '../../registry/evidence/fixtures.js';

let t: TestApp;
let server: string;
let declarationId: string;
const dir = mkdtempSync(join(tmpdir(), 'iotlabel-evidence-'));
const savedKey = process.env.IOTLABEL_API_KEY;

before(async () => {
  t = await openTestApp();
  server = await t.app.listen({ port: 0, host: '127.0.0.1' });
  const res = await t.app.inject({
    method: 'POST',
    url: '/v1/declarations',
    headers: bearer(t.keys.acme),
    payload: declarationFor({ brand: 'Acme', model: 'CLI-1', gtins: [] }),
  });
  declarationId = res.json().declaration.id;
  process.env.IOTLABEL_API_KEY = t.keys.acme;
});
after(async () => {
  if (savedKey === undefined) delete process.env.IOTLABEL_API_KEY;
  else process.env.IOTLABEL_API_KEY = savedKey;
  await t.close();
});

async function upload(...args: string[]) {
  const io = bufferIo();
  const code = await main(['evidence', 'upload', '--server', server, '--declaration', declarationId, ...args], io);
  return { code, out: io.stdout(), err: io.stderr() };
}

test('a password analysis is recognised by its schemaVersion, stored, and the re-assessment printed', async () => {
  const file = join(dir, 'evidence.json');
  writeFileSync(file, JSON.stringify(await failingPasswords()));
  const r = await upload(file);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /stored passwords evidence evd_\w+ \(sha256 [0-9a-f]{64}\)/);
  assert.match(r.out, /uk-psti-2023\s+fail\s+not sellable/);
});

test('a security.txt file, and --json', async () => {
  const file = join(dir, 'security.txt');
  writeFileSync(file, securityTxt(CAMERA_CONTACTS));
  const r = await upload(file, '--json');
  assert.equal(r.code, 0, r.err);
  const answer = JSON.parse(r.out);
  assert.equal(answer.evidence.kind, 'security-txt');
  assert.deepEqual(answer.evidence.securityTxt.contacts, CAMERA_CONTACTS);
});

test('a refused document: exit 2, one line per problem naming the field', async () => {
  const doc = await failingPasswords();
  doc.findings[0]!.redactedExamples = ['password1'];
  const file = join(dir, 'raw.json');
  writeFileSync(file, JSON.stringify(doc));
  const r = await upload(file);
  assert.equal(r.code, 2);
  assert.match(r.err, /\/body\/document\/findings\/0\/redactedExamples\/0: is not redacted/);
});

test('bad usage: exit 2 without a stack trace', async () => {
  assert.equal((await upload()).code, 2);
  assert.equal((await upload(join(dir, 'security.txt'), '--fetch')).code, 2);
  assert.equal((await upload(join(dir, 'missing.json'))).code, 2);
  delete process.env.IOTLABEL_API_KEY;
  const r = await upload(join(dir, 'security.txt'));
  process.env.IOTLABEL_API_KEY = t.keys.acme;
  assert.equal(r.code, 2);
  assert.match(r.err, /IOTLABEL_API_KEY/);
  assert.doesNotMatch(r.err, /\n\s+at /);
});

test('evidence of the wrong kind is refused with exit 2 before anything is sent: a CSV, JSON, a binary file', async () => {
  const cases: [string, string | Buffer, RegExp][] = [
    [
      'catalogue.csv',
      'gtin,sku,name\n05012345678900,A1,Camera\n05012345678917,A2,Plug\n',
      /none of the RFC 9116 fields/,
    ],
    ['foo.json', '{"foo":1}', /is JSON but not a password analysis/],
    ['image.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), /binary file/],
    [
      'mixed.csv',
      `gtin,contact\n05012345678900,x\n05012345678917,y\n05012345678924,z\nContact: mailto:a@b.example\n`,
      /4 of its 5 lines are not "Field: value" lines/,
    ],
  ];
  for (const [name, content, message] of cases) {
    const file = join(dir, name);
    writeFileSync(file, content);
    const r = await upload(file);
    assert.equal(r.code, 2, name);
    assert.match(r.err, message, name);
    assert.equal(r.err.trim().split('\n').length, 1, name);
  }
  // Also when the kind is forced.
  const forced = await upload(join(dir, 'foo.json'), '--kind', 'security-txt');
  assert.equal(forced.code, 2);
  assert.match(forced.err, /none of the RFC 9116 fields/);
});

test('evidence withdraw: exit 0 with the re-assessment; again is exit 1 (409); no reason is exit 2', async () => {
  const file = join(dir, 'withdraw.json');
  writeFileSync(file, JSON.stringify(await failingPasswords()));
  const stored = JSON.parse((await upload(file, '--json')).out);
  const id = stored.evidence.id as string;
  const withdraw = async (...args: string[]) => {
    const io = bufferIo();
    const code = await main(
      ['evidence', 'withdraw', id, '--server', server, '--declaration', declarationId, ...args],
      io,
    );
    return { code, out: io.stdout(), err: io.stderr() };
  };
  const r = await withdraw('--reason', 'uploaded the wrong batch');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, new RegExp(`withdrew passwords evidence ${id} \\(withdrawal evd_\\w+\\)`));
  assert.match(r.out, /uk-psti-2023\s+pass\s+sellable/);
  const again = await withdraw('--reason', 'again');
  assert.equal(again.code, 1);
  assert.match(again.err, /was withdrawn/);
  assert.equal((await withdraw('--reason', ' ')).code, 2);
  assert.equal((await withdraw()).code, 2);
});
