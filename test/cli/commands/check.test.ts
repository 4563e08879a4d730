import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main.js';
import { bufferIo } from '../../../src/cli/io.js';
import { encodeSnapshot } from '../../../src/catalogue/encode-snapshot.js';
import { SnapshotIndex } from '../../../src/catalogue/snapshot-index.js';
import type { RowResult } from '../../../src/catalogue/types.js';
import {
  AT,
  EXPECTED_PSTI,
  EXPECTED_PSTI_SUMMARY,
  PRODUCTS,
  catalogueCsv,
  unclosedQuoteCsv,
} from '../../catalogue/fixture.js';
import { RETAILER_KEY, startFakeChecksServer } from '../../catalogue/fake-checks-server.js';

const dir = mkdtempSync(join(tmpdir(), 'iotlabel-check-'));
const path = (name: string) => join(dir, name);
let server: { url: string; close: () => Promise<void> };

before(async () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const chunks: Uint8Array[] = [];
  const signer = {
    issuer: 'https://registry.example',
    createdAt: `${AT}T00:00:00Z`,
    regimes: ['uk-psti-2023', 'uk-2019-option-a'],
    keyId: 'k1',
    privateKey,
  };
  for await (const c of encodeSnapshot(PRODUCTS, signer)) chunks.push(c);
  writeFileSync(path('snapshot.bin'), Buffer.concat(chunks));
  writeFileSync(path('keys.json'), JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'k1' }] }));
  writeFileSync(path('public.pem'), publicKey.export({ format: 'pem', type: 'spki' }));
  writeFileSync(path('catalogue.csv'), catalogueCsv());
  writeFileSync(
    path('good.ndjson'),
    '{"sku":"a","gtin":"05012345678900"}\n{"sku":"b","brand":"bolt","model":"hub 3"}\n',
  );
  const index = new SnapshotIndex();
  for (const p of PRODUCTS) index.add(p);
  server = await startFakeChecksServer(index);
});

after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function cli(...argv: string[]) {
  const io = bufferIo();
  const code = await main(argv, io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

const offline = ['--snapshot', path('snapshot.bin'), '--keys', path('keys.json'), '--at', AT];
const online = () => ['--server', server.url, '--key', RETAILER_KEY, '--at', AT];

test('offline: the fixture gives the expected rows and summary, and exits 1', async () => {
  const { code, stdout, stderr } = await cli('check', path('catalogue.csv'), ...offline, '--json');
  assert.equal(code, 1);
  const doc = JSON.parse(stdout) as { results: RowResult[]; summary: unknown };
  assert.deepEqual(
    doc.results.map((r) => [r.line, r.sku, r.outcome, r.problem]),
    EXPECTED_PSTI.map((r) => [r.line, r.sku, r.outcome, r.problem]),
  );
  assert.deepEqual(doc.summary, EXPECTED_PSTI_SUMMARY);
  assert.equal(
    stderr,
    '14 rows checked under uk-psti-2023 at 2026-11-24: 5 sellable, 1 not sellable, 1 unknown product, 7 unreadable (2 gtin-invalid, 1 columns-missing, 1 encoding-invalid, 1 sku-duplicate, 1 csv-malformed, 1 too-large)\n',
  );
});

test('a quote never closed on line 3 loses only line 3, offline and online; the summary counts every line', async () => {
  writeFileSync(path('unclosed.csv'), unclosedQuoteCsv(3000));
  for (const how of [offline, online()]) {
    const { code, stdout, stderr } = await cli('check', path('unclosed.csv'), ...how, '--json');
    assert.equal(code, 1);
    const doc = JSON.parse(stdout) as { results: RowResult[]; summary: { rows: number; unreadable: number } };
    assert.deepEqual(
      doc.results.map((r) => r.line),
      Array.from({ length: 3000 }, (_, i) => i + 2),
    );
    assert.deepEqual([doc.results[1]!.outcome, doc.results[1]!.problem], ['unreadable', 'csv-malformed']);
    assert.deepEqual([doc.summary.rows, doc.summary.unreadable], [3000, 1]);
    assert.match(stderr, /^3000 rows checked .* 1 unreadable \(1 csv-malformed\)/);
  }
});

test('the same file through the snapshot and through the server gives identical output in every format', async () => {
  for (const extra of [[], ['--json']]) {
    const a = await cli('check', path('catalogue.csv'), ...offline, ...extra);
    const b = await cli('check', path('catalogue.csv'), ...online(), ...extra);
    assert.equal(a.code, 1);
    assert.deepEqual(b, a);
  }
  await cli('check', path('catalogue.csv'), ...offline, '--out', path('a.ndjson'));
  await cli('check', path('catalogue.csv'), ...online(), '--out', path('b.ndjson'));
  assert.equal(readFileSync(path('b.ndjson'), 'utf8'), readFileSync(path('a.ndjson'), 'utf8'));
  assert.equal(readFileSync(path('a.ndjson'), 'utf8').trim().split('\n').length, 15);
});

test('CSV output has a header, one line a row, yes/no, and stays quiet on stderr apart from the summary', async () => {
  const { stdout, stderr } = await cli('check', path('catalogue.csv'), ...offline, '--regime', 'uk-2019-option-a');
  const lines = stdout.trim().split('\n');
  assert.equal(lines[0], 'line,sku,gtin,sellable,outcome,reason,support_end_date,label_id,label_status,problem');
  assert.equal(
    lines[1],
    '2,S1,05012345678900,yes,pass,OK to sell: meets the security rules; security updates until 2030-12-31,2030-12-31,L1,valid,',
  );
  assert.equal(
    lines[3],
    '4,S3,01234567890128,no,label-revoked,Do not sell: security label revoked,2024-06-30,L3,revoked,',
  );
  assert.equal(stderr.split('\n').length, 2);
});

test('all rows sellable exits 0, with a PEM key too', async () => {
  assert.equal(
    (
      await cli(
        'check',
        path('good.ndjson'),
        '--snapshot',
        path('snapshot.bin'),
        '--keys',
        path('public.pem'),
        '--at',
        AT,
      )
    ).code,
    0,
  );
  assert.equal((await cli('check', path('good.ndjson'), ...online())).code, 0);
});

test('a snapshot with one byte changed is refused before any row is checked', async () => {
  const bytes = readFileSync(path('snapshot.bin'));
  bytes[bytes.length - 5] = bytes[bytes.length - 5]! ^ 0xff;
  writeFileSync(path('tampered.bin'), bytes);
  const { code, stdout, stderr } = await cli(
    'check',
    path('catalogue.csv'),
    '--snapshot',
    path('tampered.bin'),
    '--keys',
    path('keys.json'),
  );
  assert.equal(code, 1);
  assert.equal(stdout, '');
  assert.match(stderr, /^iotlabel: the snapshot body does not match the hash in its signed header\n$/);
});

test('bad usage and unreadable input exit 2 with one line naming the problem', async () => {
  const cases: [string[], RegExp][] = [
    [['check', path('catalogue.csv')], /give either --snapshot FILE/],
    [['check', path('catalogue.csv'), '--snapshot', path('snapshot.bin')], /needs --keys/],
    [['check', path('missing.csv'), ...offline], /missing\.csv: cannot read the catalogue \(no such file\)/],
    [['check', path('catalogue.csv'), ...offline, '--at', '2026-02-30'], /--at must be a date/],
    [
      ['check', path('catalogue.csv'), ...offline, '--regime', 'uk-2019-option-b'],
      /no facts for regime "uk-2019-option-b"/,
    ],
    [['check', path('keys.json'), ...offline, '--format', 'csv'], /keys\.json: line 1: the header cannot be read/],
    [
      ['check', path('public.pem'), ...offline, '--format', 'csv'],
      /public\.pem: line 1: the header names no GTIN column/,
    ],
    [
      ['check', path('good.ndjson'), ...offline, '--format', 'json'],
      /good\.ndjson: line 1: a JSON catalogue must be an array/,
    ],
    [
      ['check', path('public.pem'), '--server', server.url, '--key', RETAILER_KEY, '--format', 'csv'],
      /public\.pem: the server stopped the check: line 1: the header names no GTIN/,
    ],
    [
      ['check', path('catalogue.csv'), '--server', server.url, '--key', 'wrong'],
      /the server refused the check: a retailer API key is required/,
    ],
  ];
  for (const [argv, message] of cases) {
    const { code, stderr } = await cli(...argv);
    assert.equal(code, 2, argv.join(' '));
    assert.match(stderr, message);
    assert.equal(stderr.trim().split('\n').length, 1, stderr);
  }
});

test('a server that cannot be reached is a network failure (exit 1)', async () => {
  const { code, stderr } = await cli(
    'check',
    path('good.ndjson'),
    '--server',
    'http://127.0.0.1:9',
    '--key',
    RETAILER_KEY,
  );
  assert.equal(code, 1);
  assert.match(stderr, /^iotlabel: http:\/\/127\.0\.0\.1:9: /);
});
