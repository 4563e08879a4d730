import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { signLabel } from '../../src/labels/sign-label.js';
import { verifyLabel } from '../../src/labels/verify-label.js';
import { checkLabel } from '../../src/labels/check-label.js';
import { signCompactJws } from '../../src/labels/jws.js';
import { labelToClaims } from '../../src/labels/claims.js';
import { decodeStatusList, encodeStatusList, signStatusList } from '../../src/labels/status-list.js';
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
const token = signLabel(sampleLabel(), activeKey);

function assertCode(fn: () => unknown, code: string): void {
  assert.throws(fn, (error: { code?: string }) => {
    assert.equal(error.code, code);
    return true;
  });
}

describe('verifyLabel', () => {
  test('a label signed by the active key verifies and gives back its facts', () => {
    const result = verifyLabel(token, { keys: jwks, at, offline: true });
    assert.deepEqual(result.label, sampleLabel());
    assert.equal(result.key.kid, activeKey.kid);
    assert.equal(result.status, 'unknown');
    assert.equal(result.supportEnded, false);
  });

  test('when one character of the payload is altered: TOKEN_SIGNATURE_INVALID', () => {
    const [h, p, s] = token.split('.') as [string, string, string];
    const altered = Buffer.from(JSON.stringify({ ...labelToClaims(sampleLabel()), sh: 'x' })).toString('base64url');
    assert.notEqual(altered, p);
    assertCode(() => verifyLabel(`${h}.${altered}.${s}`, { keys: jwks, at, offline: true }), 'TOKEN_SIGNATURE_INVALID');
  });

  test('when the token is forged with a key the registry does not hold but claims an existing kid: TOKEN_SIGNATURE_INVALID', () => {
    const forged = signCompactJws(
      { alg: 'EdDSA', kid: activeKey.kid },
      labelToClaims(sampleLabel()),
      strangerKey.privateKey,
    );
    assertCode(() => verifyLabel(forged, { keys: jwks, at, offline: true }), 'TOKEN_SIGNATURE_INVALID');
  });

  test('when the key id is not in the key set: TOKEN_KEY_UNKNOWN', () => {
    assertCode(
      () => verifyLabel(signLabel(sampleLabel(), strangerKey), { keys: jwks, at, offline: true }),
      'TOKEN_KEY_UNKNOWN',
    );
  });

  test('when the label was issued after its key was retired: TOKEN_KEY_EXPIRED', () => {
    assertCode(
      () =>
        verifyLabel(signLabel(sampleLabel({ issuedAt: RETIRED_AT + 1 }), retiredKey), {
          keys: jwks,
          at,
          offline: true,
        }),
      'TOKEN_KEY_EXPIRED',
    );
  });

  test('a label issued before its key was retired still verifies', () => {
    const old = signLabel(sampleLabel({ issuedAt: RETIRED_AT - 86400 }), retiredKey);
    assert.equal(verifyLabel(old, { keys: jwks, at, offline: true }).key.status, 'retired');
  });

  test('when the claims are not a label: TOKEN_CLAIMS_INVALID', () => {
    const bad = signCompactJws(
      { alg: 'EdDSA', kid: activeKey.kid },
      { ...labelToClaims(sampleLabel()), sh: 'maybe' },
      activeKey.privateKey,
    );
    assertCode(() => verifyLabel(bad, { keys: jwks, at, offline: true }), 'TOKEN_CLAIMS_INVALID');
  });

  test('when the link names another GTIN than the label: TOKEN_CLAIMS_INVALID', () => {
    assertCode(
      () => verifyLabel(token, { keys: jwks, at, offline: true, gtin: '00000000000000' }),
      'TOKEN_CLAIMS_INVALID',
    );
  });

  for (const [name, bad] of [
    ['empty', ''],
    ['two segments', 'abc.def'],
    ['four segments', `${token}.x`],
    ['not base64url', token.replace('.', '.*')],
    ['header not JSON', `${Buffer.from('{').toString('base64url')}.${token.split('.')[1]}.${token.split('.')[2]}`],
    [
      'alg none',
      `${Buffer.from('{"alg":"none","kid":"x"}').toString('base64url')}.${token.split('.')[1]}.${token.split('.')[2]}`,
    ],
    ['short signature', token.slice(0, -4)],
    ['too long', 'a'.repeat(5000)],
  ] as const) {
    test(`when the token is malformed (${name}): TOKEN_MALFORMED`, () => {
      assertCode(() => verifyLabel(bad, { keys: jwks, at, offline: true }), 'TOKEN_MALFORMED');
    });
  }

  test('a non-canonical last signature character is refused, not silently accepted', () => {
    // 64 bytes leave 4 unused bits in the last base64url character: 'A' and 'B' decode the same.
    const last = token.at(-1)!;
    const twin = token.slice(0, -1) + String.fromCharCode(last.charCodeAt(0) + 1);
    assertCode(() => verifyLabel(twin, { keys: jwks, at, offline: true }), 'TOKEN_MALFORMED');
  });

  describe('with a status list', () => {
    const statuses = new Array(2000).fill(0);
    const withStatus = (s: number) => {
      const list = [...statuses];
      list[1234] = s;
      return {
        token: signStatusList({ uri: STATUS_URI, statuses: list, issuedAt: ISSUED_AT + 3600, ttl: 3600 }, activeKey),
      };
    };

    test('valid: status "valid"', () => {
      assert.equal(verifyLabel(token, { keys: jwks, at, statusList: withStatus(0) }).status, 'valid');
    });
    test('revoked: LABEL_REVOKED', () => {
      assertCode(() => verifyLabel(token, { keys: jwks, at, statusList: withStatus(1) }), 'LABEL_REVOKED');
    });
    test('suspended: LABEL_SUSPENDED', () => {
      assertCode(() => verifyLabel(token, { keys: jwks, at, statusList: withStatus(2) }), 'LABEL_SUSPENDED');
    });
    test('a list for another URI: STATUS_LIST_INVALID', () => {
      const other = signStatusList(
        { uri: 'https://labels.example/v1/status-lists/2', statuses, issuedAt: ISSUED_AT, ttl: 60 },
        activeKey,
      );
      assertCode(() => verifyLabel(token, { keys: jwks, at, statusList: { token: other } }), 'STATUS_LIST_INVALID');
    });
    test('a list too short for the index: STATUS_LIST_INVALID', () => {
      const short = signStatusList({ uri: STATUS_URI, statuses: [0, 0], issuedAt: ISSUED_AT, ttl: 60 }, activeKey);
      assertCode(() => verifyLabel(token, { keys: jwks, at, statusList: { token: short } }), 'STATUS_LIST_INVALID');
    });
    test('a decoded list can be passed directly', () => {
      const revoked = decodeStatusList(encodeStatusList(statuses.map((_, i) => (i === 1234 ? 1 : 0))));
      assertCode(() => verifyLabel(token, { keys: jwks, at, statusList: revoked }), 'LABEL_REVOKED');
      assertCode(
        () => verifyLabel(token, { keys: jwks, at, statusList: { bits: 2, bytes: new Uint8Array(1) } }),
        'STATUS_LIST_INVALID',
      );
    });
  });
});

describe('verifyLabel: trust and revocation', () => {
  const list = {
    token: signStatusList(
      { uri: STATUS_URI, statuses: new Array(2000).fill(0), issuedAt: ISSUED_AT, ttl: 60 },
      activeKey,
    ),
  };

  test('keys of a named registry: the token must name that registry as issuer (a trailing slash does not matter)', () => {
    assert.equal(
      verifyLabel(token, { keys: jwks, at, statusList: list, issuer: 'https://labels.example/' }).status,
      'valid',
    );
    assertCode(
      () => verifyLabel(token, { keys: jwks, at, statusList: list, issuer: 'https://other-registry.example' }),
      'ISSUER_NOT_TRUSTED',
    );
  });

  test('keys the verifier has not said it trusts: a valid signature is still not genuine, naming the issuer', () => {
    const report = checkLabel(token, { keys: jwks, at, statusList: list, trusted: false });
    assert.equal(report.genuine, false);
    const trust = report.checks.find((c) => c.step === 'trust')!;
    assert.equal(report.checks.find((c) => c.step === 'signature')!.outcome, 'pass');
    assert.equal(trust.code, 'ISSUER_NOT_TRUSTED');
    assert.equal(trust.message, 'The label is signed by https://labels.example, which you have not said you trust');
  });

  test('no status list: REVOCATION_NOT_CHECKED, saying why; accepted only with offline', () => {
    assertCode(() => verifyLabel(token, { keys: jwks, at }), 'REVOCATION_NOT_CHECKED');
    const report = checkLabel(token, { keys: jwks, at, statusUnavailable: 'the status list could not be fetched' });
    assert.equal(report.genuine, false);
    assert.deepEqual(
      report.checks.find((c) => c.step === 'status'),
      {
        step: 'status',
        outcome: 'fail',
        code: 'REVOCATION_NOT_CHECKED',
        message: 'Revocation not checked: the status list could not be fetched',
      },
    );
    assert.equal(verifyLabel(token, { keys: jwks, at, offline: true }).status, 'unknown');
  });
});

describe('checkLabel', () => {
  test('explains every step of a genuine label', () => {
    const report = checkLabel(token, { keys: jwks, at, offline: true });
    assert.equal(report.genuine, true);
    assert.deepEqual(
      report.checks.map((c) => [c.step, c.outcome]),
      [
        ['parse', 'pass'],
        ['signature', 'pass'],
        ['claims', 'pass'],
        ['trust', 'pass'],
        ['key', 'pass'],
        ['status', 'not-checked'],
        ['support', 'pass'],
      ],
    );
    assert.match(
      report.checks[3]!.message,
      /Issued by https:\/\/labels\.example, signed with a key from the key set you trust/,
    );
    assert.match(report.checks[5]!.message, /^Revocation not checked: no status list was given/);
    assert.match(report.checks[6]!.message, /Security updates until 31 December 2030/);
  });

  test('after the support end date the label is genuine and the report says the period ended', () => {
    const report = checkLabel(token, { keys: jwks, at: '2031-01-01', offline: true });
    assert.equal(report.genuine, true);
    assert.equal(report.checks[6]!.outcome, 'info');
    assert.match(report.checks[6]!.message, /support period ended on 31 December 2030/);
  });

  test('a forged token fails at the signature and the later steps are not checked', () => {
    const report = checkLabel(signLabel(sampleLabel(), strangerKey), { keys: jwks, at, offline: true });
    assert.equal(report.genuine, false);
    assert.equal(report.label, null);
    assert.deepEqual(
      report.checks.map((c) => c.code ?? c.outcome),
      ['pass', 'TOKEN_KEY_UNKNOWN', 'not-checked', 'not-checked', 'not-checked', 'not-checked', 'not-checked'],
    );
  });

  test('a bad "at" is a usage error, not a report', () => {
    assertCode(() => checkLabel(token, { keys: jwks, at: '31/12/2030' }), 'INPUT_INVALID');
  });
});
