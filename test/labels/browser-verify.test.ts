// The browser verifier, run in Node's WebCrypto against tokens made by the Node signer: same verdicts and
// codes as checkLabel, and it imports nothing from Node.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { verifyLabelInBrowser, verifyLabelLink } from '../../src/labels/browser/verify-label.js';
import { checkLabel } from '../../src/labels/check-label.js';
import { signLabel } from '../../src/labels/sign-label.js';
import { signCompactJws } from '../../src/labels/jws.js';
import { labelToClaims } from '../../src/labels/claims.js';
import { signStatusList } from '../../src/labels/status-list.js';
import { gtinDigitalLink } from '../../src/gs1/digital-link.js';
import { labelLink } from '../../src/labels/label-link.js';
import {
  activeKey,
  ISSUED_AT,
  jwks,
  RETIRED_AT,
  retiredKey,
  sampleLabel,
  STATUS_URI,
  strangerKey,
} from './fixtures.js';

const at = '2027-01-01';
const keys = JSON.parse(JSON.stringify(jwks)) as unknown;
const token = signLabel(sampleLabel(), activeKey);
const list = (s: number) =>
  signStatusList(
    {
      uri: STATUS_URI,
      statuses: Array.from({ length: 1300 }, (_, i) => (i === 1234 ? s : 0)),
      issuedAt: ISSUED_AT,
      ttl: 60,
    },
    activeKey,
  );

function failCode(report: { checks: { outcome: string; code?: string }[] }): string | undefined {
  return report.checks.find((c) => c.outcome === 'fail')?.code;
}

describe('verifyLabelInBrowser', () => {
  const cases: [string, string, string | undefined, string | undefined][] = [
    ['no status list', token, undefined, 'REVOCATION_NOT_CHECKED'],
    ['genuine, status valid', token, list(0), undefined],
    ['revoked', token, list(1), 'LABEL_REVOKED'],
    ['suspended', token, list(2), 'LABEL_SUSPENDED'],
    ['tampered status list', token, list(0).slice(0, -3) + 'AAA', 'STATUS_LIST_INVALID'],
    ['unknown key', signLabel(sampleLabel(), strangerKey), undefined, 'TOKEN_KEY_UNKNOWN'],
    [
      'forged',
      signCompactJws({ alg: 'EdDSA', kid: activeKey.kid }, labelToClaims(sampleLabel()), strangerKey.privateKey),
      undefined,
      'TOKEN_SIGNATURE_INVALID',
    ],
    ['expired key', signLabel(sampleLabel({ issuedAt: RETIRED_AT + 10 }), retiredKey), undefined, 'TOKEN_KEY_EXPIRED'],
    [
      'bad claims',
      signCompactJws(
        { alg: 'EdDSA', kid: activeKey.kid },
        { ...labelToClaims(sampleLabel()), sup: '2030-02-30' },
        activeKey.privateKey,
      ),
      undefined,
      'TOKEN_CLAIMS_INVALID',
    ],
    ['malformed', token.replace('.', '..'), undefined, 'TOKEN_MALFORMED'],
    [
      'non-canonical signature',
      token.slice(0, -1) + String.fromCharCode(token.charCodeAt(token.length - 1) + 1),
      undefined,
      'TOKEN_MALFORMED',
    ],
  ];
  for (const [name, t, statusList, want] of cases) {
    test(`${name}: ${want ?? 'genuine'}, the same report as the Node verifier`, async () => {
      const report = await verifyLabelInBrowser(t, { keys, at, statusList });
      assert.equal(failCode(report), want);
      assert.equal(report.genuine, want === undefined);
      const node = checkLabel(t, {
        keys: jwks,
        at,
        statusList: statusList === undefined ? undefined : { token: statusList },
      });
      assert.deepEqual(report, node);
    });
  }

  test("from the scanned link, in today's form and the older #token form: the GTIN in the path must be the label's", async () => {
    const options = { keys, at, statusList: list(0) };
    for (const link of [
      labelLink('https://labels.example', '05012345678900', token),
      gtinDigitalLink('https://labels.example', '05012345678900', token),
    ]) {
      const good = await verifyLabelLink(link, options);
      assert.equal(good.genuine, true, link);
      assert.match(good.checks.find((c) => c.step === 'trust')!.message, /^Issued by https:\/\/labels\.example/);
    }
    const swapped = await verifyLabelLink(labelLink('https://labels.example', '00000000000000', token), options);
    assert.equal(failCode(swapped), 'TOKEN_CLAIMS_INVALID');
    await assert.rejects(
      verifyLabelLink(`https://labels.example/01/05012345678901?label=${token}`, options),
      (error: { code?: string }) => error.code === 'LABEL_LINK_INVALID',
    );
  });

  test("a key set whose kid is not the key's thumbprint fails", async () => {
    const wrong = { keys: [{ ...activeKey.publicJwk, kid: strangerKey.kid }] };
    const report = await verifyLabelInBrowser(signLabel(sampleLabel(), strangerKey), { keys: wrong, at });
    assert.equal(failCode(report), 'KEY_INVALID');
  });
});

describe("the browser verifier's import graph", () => {
  test('contains no Node built-in and no package: only relative ES modules', () => {
    const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/labels/browser/verify-label.ts');
    const seen = new Set<string>();
    const bad: string[] = [];
    const walk = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = readFileSync(file, 'utf8');
      for (const m of source.matchAll(/^\s*import\s+(?:type\s+)?[^'"]*?from\s+'([^']+)'/gm)) {
        const spec = m[1]!;
        if (!spec.startsWith('.')) bad.push(`${file}: ${spec}`);
        else if (!/^import\s+type/.test(m[0].trim())) walk(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
      }
      if (/\b(Buffer|process|require)\b[.(]/.test(source)) bad.push(`${file}: uses a Node global`);
    };
    walk(root);
    assert.deepEqual(bad, []);
    assert.ok(seen.size >= 5, `walked ${seen.size} files`);
  });
});

describe('browser status list limits', () => {
  test('a list that inflates beyond 16 MiB is STATUS_LIST_INVALID, not an exhausted tab', async () => {
    const bomb = signStatusList(
      { uri: STATUS_URI, statuses: new Uint8Array(4 * 17 * 1024 * 1024), issuedAt: ISSUED_AT, ttl: 60 },
      activeKey,
    );
    const report = await verifyLabelInBrowser(token, { keys, at, statusList: bomb });
    assert.equal(failCode(report), 'STATUS_LIST_INVALID');
  });
});
