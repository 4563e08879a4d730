// `iotlabel verify` in-process: offline from saved key and status list files, online from a label URL's
// origin (a local server), and exit codes 0 genuine / 1 a check failed / 2 bad usage.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signLabel } from '../../../src/labels/sign-label.js';
import { signStatusList } from '../../../src/labels/status-list.js';
import { gtinDigitalLink } from '../../../src/gs1/digital-link.js';
import { activeKey, ISSUED_AT, jwks, sampleLabel, STATUS_URI, strangerKey } from '../../labels/fixtures.js';
import { runCli } from '../../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'iotlabel-verify-'));
const keysFile = join(dir, 'keys.json');
writeFileSync(keysFile, JSON.stringify(jwks));
const token = signLabel(sampleLabel(), activeKey);
const tokenFile = join(dir, 'label.txt');
writeFileSync(tokenFile, `${gtinDigitalLink('https://labels.example', sampleLabel().gtin, token)}\n`);
const statusFile = (name: string, s: number, uri = STATUS_URI) => {
  const file = join(dir, name);
  writeFileSync(
    file,
    signStatusList(
      { uri, statuses: Array.from({ length: 2048 }, (_, i) => (i === 1234 ? s : 0)), issuedAt: ISSUED_AT, ttl: 300 },
      activeKey,
    ),
  );
  return file;
};
const validList = statusFile('valid.jwt', 0);
const revokedList = statusFile('revoked.jwt', 1);

const run = (...argv: string[]) => runCli('verify', ...argv);

describe('iotlabel verify, offline', () => {
  test('a genuine token with saved keys and status list: exit 0 and every check explained', async () => {
    const { code, out } = await run(token, '--keys', keysFile, '--status', validList, '--at', '2027-01-01');
    assert.equal(code, 0);
    assert.match(out, /^Label 7K2Q9M4XRT: GENUINE/);
    for (const step of ['parse', 'signature', 'claims', 'key', 'status', 'support'])
      assert.match(out, new RegExp(`ok\\s+${step}\\s`));
    assert.match(out, /Security updates until 31 December 2030/);
  });

  test('revoke -> the status list shows it -> verify says revoked, exit 1', async () => {
    const { code, out } = await run(token, '--keys', keysFile, '--status', revokedList, '--at', '2027-01-01');
    assert.equal(code, 1);
    assert.match(out, /NOT VALID/);
    assert.match(out, /FAIL status\s+Label 7K2Q9M4XRT is revoked .*\[LABEL_REVOKED\]/);
  });

  test('a file holding the label URL works; the support period ended is a note, not a failure', async () => {
    const { code, out } = await run(tokenFile, '--keys', keysFile, '--at', '2031-02-01');
    assert.equal(code, 0);
    assert.match(out, /note support\s+The support period ended on 31 December 2030/);
    assert.match(out, /skip status\s+Revocation not checked/);
  });

  test('--json prints the report with its sources', async () => {
    const { code, out } = await run(token, '--keys', keysFile, '--at', '2027-01-01', '--json');
    assert.equal(code, 0);
    const report = JSON.parse(out);
    assert.equal(report.genuine, true);
    assert.equal(report.label.gtin, '05012345678900');
    assert.equal(report.sources.keys, keysFile);
    assert.equal(report.checks.length, 6);
  });

  test('a token from an unknown key: exit 1 with TOKEN_KEY_UNKNOWN', async () => {
    const { code, out } = await run(signLabel(sampleLabel(), strangerKey), '--keys', keysFile, '--at', '2027-01-01');
    assert.equal(code, 1);
    assert.match(out, /\[TOKEN_KEY_UNKNOWN\]/);
  });

  for (const [name, argv, pattern] of [
    ['no --keys for a bare token', [token], /--keys FILE\|URL is needed/],
    ['a bad --at', [token, '--keys', keysFile, '--at', '2027-13-01'], /--at must be a date/],
    ['an unreadable key file', [token, '--keys', join(dir, 'missing.json')], /no such file: \S*missing\.json/],
    ['a key file that is not a key set', [token, '--keys', tokenFile], /label\.txt: the key set is not JSON/],
    ['a URL with no token', ['https://labels.example/01/05012345678900'], /carries no label token/],
    ['a file that is not there', ['nofile.txt'], /^iotlabel: no such file: nofile\.txt/],
  ] as const) {
    test(`${name}: exit 2 with one line and no stack trace`, async () => {
      const { code, err } = await run(...argv);
      assert.equal(code, 2);
      assert.match(err, pattern);
      assert.equal(err.trim().split('\n').length, 1);
    });
  }
});

describe('iotlabel verify, from a label URL', () => {
  let server: Server;
  let origin: string;
  let revoked = false;
  before(async () => {
    server = createServer((req, res) => {
      if (req.url === '/.well-known/iotlabel/keys') return void res.end(JSON.stringify(jwks));
      if (req.url === '/v1/status-lists/1') {
        const uri = `${origin}/v1/status-lists/1`;
        return void res.end(
          signStatusList(
            {
              uri,
              statuses: Array.from({ length: 2048 }, (_, i) => (i === 1234 && revoked ? 1 : 0)),
              issuedAt: ISSUED_AT,
              ttl: 300,
            },
            activeKey,
          ),
        );
      }
      res.statusCode = 404;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => server.close());

  test("fetches the keys and the label's status list from the URL's origin", async () => {
    const t = signLabel(
      sampleLabel({ issuer: origin, statusList: { uri: `${origin}/v1/status-lists/1`, index: 1234 } }),
      activeKey,
    );
    const url = gtinDigitalLink(origin, sampleLabel().gtin, t);
    revoked = false;
    const ok = await run(url, '--at', '2027-01-01', '--json');
    assert.equal(ok.code, 0, ok.err);
    assert.equal(JSON.parse(ok.out).sources.status, `${origin}/v1/status-lists/1`);
    revoked = true;
    const bad = await run(url, '--at', '2027-01-01');
    assert.equal(bad.code, 1);
    assert.match(bad.out, /\[LABEL_REVOKED\]/);
  });

  test('a link whose path names another GTIN than the label: exit 1, TOKEN_CLAIMS_INVALID', async () => {
    const url = gtinDigitalLink(origin, '00000000000000', token);
    const { code, out } = await run(url, '--keys', keysFile, '--at', '2027-01-01');
    assert.equal(code, 1);
    assert.match(out, /\[TOKEN_CLAIMS_INVALID\]/);
  });

  test('a key URL that does not answer with keys: NETWORK_FAILED, exit 1', async () => {
    const { code, err } = await run(token, '--keys', `${origin}/no-keys-here`, '--at', '2027-01-01');
    assert.equal(code, 1);
    assert.match(err, /HTTP 404/);
  });
});
