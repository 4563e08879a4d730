// `iotlabel verify` in-process: offline from saved key and status list files, online from a registry the
// verifier trusts (a local server), links that are not label links refused, a status list that cannot be
// had never silently skipped, and exit codes 0 genuine / 1 a check failed / 2 bad usage.
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
import { labelLink } from '../../../src/labels/label-link.js';
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
    const { code, out } = await run(tokenFile, '--keys', keysFile, '--offline', '--at', '2031-02-01');
    assert.equal(code, 0, out);
    assert.match(out, /note support\s+The support period ended on 31 December 2030/);
    assert.match(out, /skip status\s+Revocation not checked: the check ran offline/);
  });

  test('without --offline, a status list that cannot be fetched is not silently skipped: exit 1', async () => {
    // The label's list is at https://labels.example, which does not answer here.
    const { code, out } = await run(tokenFile, '--keys', keysFile, '--at', '2027-01-01');
    assert.equal(code, 1);
    assert.match(
      out,
      /FAIL status\s+Revocation not checked: the status list https:\/\/labels\.example\/v1\/status-lists\/1 could not be fetched .*\[REVOCATION_NOT_CHECKED\]/,
    );
    assert.match(out, /--offline/);
  });

  test('--json prints the report with its sources', async () => {
    const { code, out } = await run(token, '--keys', keysFile, '--status', validList, '--at', '2027-01-01', '--json');
    assert.equal(code, 0);
    const report = JSON.parse(out);
    assert.equal(report.genuine, true);
    assert.equal(report.label.gtin, '05012345678900');
    assert.deepEqual(report.sources, { trust: keysFile, keys: keysFile, status: validList });
    assert.equal(report.checks.length, 7);
  });

  test('a token from an unknown key: exit 1 with TOKEN_KEY_UNKNOWN', async () => {
    const { code, out } = await run(
      signLabel(sampleLabel(), strangerKey),
      '--keys',
      keysFile,
      '--offline',
      '--at',
      '2027-01-01',
    );
    assert.equal(code, 1);
    assert.match(out, /\[TOKEN_KEY_UNKNOWN\]/);
  });

  for (const [name, argv, pattern] of [
    [
      'a --trust that is not a URL',
      [token, '--trust', 'labels.example'],
      /--trust: "labels\.example" is not a registry URL/,
    ],
    ['a bad --at', [token, '--keys', keysFile, '--at', '2027-13-01'], /--at must be a date/],
    ['an unreadable key file', [token, '--keys', join(dir, 'missing.json')], /no such file: \S*missing\.json/],
    ['a key file that is not a key set', [token, '--keys', tokenFile], /label\.txt: the key set is not JSON/],
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

  const labelAt = (statusOrigin = origin) =>
    signLabel(
      sampleLabel({ issuer: origin, statusList: { uri: `${statusOrigin}/v1/status-lists/1`, index: 1234 } }),
      activeKey,
    );

  test('a registry named with --trust: keys and status list come from it; revoked shows as revoked', async () => {
    const url = labelLink(origin, sampleLabel().gtin, labelAt());
    revoked = false;
    const ok = await run(url, '--trust', origin, '--at', '2027-01-01', '--json');
    assert.equal(ok.code, 0, ok.out + ok.err);
    assert.deepEqual(JSON.parse(ok.out).sources, {
      trust: origin,
      keys: `${origin}/.well-known/iotlabel/keys`,
      status: `${origin}/v1/status-lists/1`,
    });
    revoked = true;
    const bad = await run(url, '--trust', `${origin}/`, '--at', '2027-01-01');
    revoked = false;
    assert.equal(bad.code, 1);
    assert.match(bad.out, /\[LABEL_REVOKED\]/);
  });

  test('no trust configured: a valid signature is "signed by <issuer>, which you have not said you trust", exit 1', async () => {
    const { code, out } = await run(labelLink(origin, sampleLabel().gtin, labelAt()), '--at', '2027-01-01');
    assert.equal(code, 1);
    assert.match(out, /NOT VALID/);
    assert.match(out, /ok\s+signature/);
    assert.match(
      out,
      new RegExp(
        `FAIL trust\\s+The label is signed by ${origin.replace(/\./g, '\\.')}, which you have not said you trust \\[ISSUER_NOT_TRUSTED\\]`,
      ),
    );
    assert.match(out, /To trust a registry: --trust <its URL>/);
  });

  test('IOTLABEL_TRUST and a trust file name trusted registries too', async () => {
    const url = labelLink(origin, sampleLabel().gtin, labelAt());
    process.env.IOTLABEL_TRUST = `https://elsewhere.example, ${origin}`;
    try {
      assert.equal((await run(url, '--at', '2027-01-01')).code, 0);
    } finally {
      delete process.env.IOTLABEL_TRUST;
    }
    const trustFile = join(dir, 'trusted.txt');
    writeFileSync(trustFile, `# registries we buy from\nhttps://elsewhere.example\n${origin}  # our own\n`);
    assert.equal((await run(url, '--trust-file', trustFile, '--at', '2027-01-01')).code, 0);
    writeFileSync(trustFile, 'ftp://nope.example\n');
    const bad = await run(url, '--trust-file', trustFile);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /trusted\.txt:1: "ftp:\/\/nope\.example" is not a registry URL/);
  });

  test('a status list on another host than the issuer is never silently skipped; --offline accepts it in words', async () => {
    const url = labelLink(origin, sampleLabel().gtin, labelAt('https://elsewhere.example'));
    const refused = await run(url, '--trust', origin, '--at', '2027-01-01');
    assert.equal(refused.code, 1);
    assert.match(
      refused.out,
      /FAIL status\s+Revocation not checked: the label's status list https:\/\/elsewhere\.example\/v1\/status-lists\/1 is not on the issuing registry's host .*\[REVOCATION_NOT_CHECKED\]/,
    );
    const accepted = await run(url, '--trust', origin, '--offline', '--at', '2027-01-01');
    assert.equal(accepted.code, 0);
    assert.match(accepted.out, /GENUINE/);
    assert.match(accepted.out, /skip status\s+Revocation not checked/);
  });

  test('the older #token form of the link still verifies', async () => {
    const { code, out } = await run(gtinDigitalLink(origin, sampleLabel().gtin, labelAt()), '--trust', origin);
    assert.equal(code, 0, out);
  });

  for (const [name, link, pattern] of [
    ['a bad check digit', (t: string) => `${origin}/01/05012345678901?label=${t}`, /check digit 1; expected 0/],
    [
      "a GTIN that is not the label's",
      (t: string) => labelLink(origin, '00000000000000', t),
      /\[TOKEN_CLAIMS_INVALID\]/,
    ],
    ['no /01/<GTIN>', (t: string) => `${origin}/labels/05012345678900?label=${t}`, /no \/01\/<GTIN-14>/],
    ['no token', () => `${origin}/01/05012345678900`, /carries no label token/],
  ] as const) {
    test(`a link with ${name} is refused: exit 1`, async () => {
      const { code, out } = await run(link(labelAt()), '--trust', origin, '--at', '2027-01-01');
      assert.equal(code, 1);
      assert.match(out, /NOT VALID/);
      assert.match(out, pattern);
    });
  }

  test('a key URL that does not answer with keys: NETWORK_FAILED, exit 1', async () => {
    const { code, err } = await run(token, '--keys', `${origin}/no-keys-here`, '--at', '2027-01-01');
    assert.equal(code, 1);
    assert.match(err, /HTTP 404/);
  });
});
