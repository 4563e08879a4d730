import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import fc from 'fast-check';
import { decodeProtectedHeader, importJWK, jwtVerify } from 'jose';
import { decodeStatusList, encodeStatusList, signStatusList, verifyStatusList } from '../../src/labels/status-list.js';
import { readStatus, statusListSize } from '../../src/labels/status-bits.js';
import { signLabel } from '../../src/labels/sign-label.js';
import { activeKey, ISSUED_AT, jwks, sampleLabel, strangerKey, STATUS_URI, code } from './fixtures.js';

describe('status list encoding', () => {
  // Known answers from draft-ietf-oauth-status-list, section "Status List" (1-bit and 2-bit examples).
  test("matches the draft's 1-bit example: b9a3 -> eNrbuRgAAhcBXQ", () => {
    assert.deepEqual(encodeStatusList([1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1], 1), {
      bits: 1,
      lst: 'eNrbuRgAAhcBXQ',
    });
  });
  test("matches the draft's 2-bit example: c944f9 -> eNo76fITAAPfAgc", () => {
    const encoded = encodeStatusList([1, 2, 0, 3, 0, 1, 0, 1, 1, 2, 3, 3], 2);
    assert.deepEqual(encoded, { bits: 2, lst: 'eNo76fITAAPfAgc' });
    assert.equal(Buffer.from(decodeStatusList(encoded).bytes).toString('hex'), 'c944f9');
  });

  test('round trip: every status reads back at its index, for every width', () => {
    fc.assert(
      fc.property(fc.constantFrom(1, 2, 4, 8), fc.array(fc.nat(255), { maxLength: 300 }), (bits, raw) => {
        const statuses = raw.map((s) => s % (1 << bits));
        const list = decodeStatusList(encodeStatusList(statuses, bits as 1 | 2 | 4 | 8));
        assert.ok(statusListSize(list) >= statuses.length);
        statuses.forEach((s, i) => assert.equal(readStatus(list, i), s));
      }),
      { numRuns: 200 },
    );
  });

  test('a status that does not fit the width is refused', () => {
    assert.equal(
      code(() => encodeStatusList([0, 4], 2)),
      'INPUT_INVALID',
    );
  });

  test('garbage, a wrong width and a decompression bomb are STATUS_LIST_INVALID', () => {
    assert.equal(
      code(() => decodeStatusList({ bits: 2, lst: 'not-zlib' })),
      'STATUS_LIST_INVALID',
    );
    assert.equal(
      code(() => decodeStatusList({ bits: 3, lst: 'eNo76fITAAPfAgc' })),
      'STATUS_LIST_INVALID',
    );
    const bomb = deflateSync(Buffer.alloc(17 * 1024 * 1024)).toString('base64url');
    assert.equal(
      code(() => decodeStatusList({ bits: 2, lst: bomb })),
      'STATUS_LIST_INVALID',
    );
  });
});

describe('status list token', () => {
  const statuses = [0, 1, 2, 0, 0, 1];
  const token = signStatusList(
    { uri: STATUS_URI, statuses, issuedAt: ISSUED_AT, ttl: 3600, expiresAt: ISSUED_AT + 86400 },
    activeKey,
  );

  test('is a statuslist+jwt that jose verifies, with sub, iat, ttl and status_list', async () => {
    assert.deepEqual(decodeProtectedHeader(token), { alg: 'EdDSA', kid: activeKey.kid, typ: 'statuslist+jwt' });
    const { payload } = await jwtVerify(token, await importJWK(activeKey.publicJwk, 'EdDSA'), {
      typ: 'statuslist+jwt',
      currentDate: new Date(ISSUED_AT * 1000),
    });
    assert.equal(payload.sub, STATUS_URI);
    assert.equal(payload.ttl, 3600);
    assert.deepEqual(payload.status_list, encodeStatusList(statuses));
  });

  test('verifies and decodes to the same statuses, with its URI and times', () => {
    const list = verifyStatusList(token, { keys: jwks, at: ISSUED_AT });
    assert.equal(list.uri, STATUS_URI);
    assert.equal(list.ttl, 3600);
    assert.deepEqual(
      statuses.map((_, i) => readStatus(list, i)),
      statuses,
    );
  });

  test('tampering with any character of the list token is STATUS_LIST_INVALID', () => {
    fc.assert(
      fc.property(fc.nat({ max: token.length - 1 }), fc.constantFrom(...'ABCabc019-_'), (i, c) => {
        fc.pre(token[i] !== c);
        assert.equal(
          code(() => verifyStatusList(token.slice(0, i) + c + token.slice(i + 1), { keys: jwks })),
          'STATUS_LIST_INVALID',
        );
      }),
      { numRuns: 300 },
    );
  });

  test('a list signed by an unknown key, past its exp, or a label token posing as a list is STATUS_LIST_INVALID', () => {
    const foreign = signStatusList({ uri: STATUS_URI, statuses, issuedAt: ISSUED_AT, ttl: 60 }, strangerKey);
    assert.equal(
      code(() => verifyStatusList(foreign, { keys: jwks })),
      'STATUS_LIST_INVALID',
    );
    assert.equal(
      code(() => verifyStatusList(token, { keys: jwks, at: ISSUED_AT + 86401 })),
      'STATUS_LIST_INVALID',
    );
    const label = signLabel(sampleLabel(), activeKey);
    assert.equal(
      code(() => verifyStatusList(label, { keys: jwks })),
      'STATUS_LIST_INVALID',
    );
  });
});
