// Our tokens against an independent JOSE implementation (jose), both ways, and the one-character rule.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CompactSign, importJWK, jwtVerify, SignJWT, calculateJwkThumbprint, generateKeyPair, exportJWK } from 'jose';
import { signLabel } from '../../src/labels/sign-label.js';
import { verifyLabel } from '../../src/labels/verify-label.js';
import { checkLabel } from '../../src/labels/check-label.js';
import { labelToClaims } from '../../src/labels/claims.js';
import { jwkThumbprint } from '../../src/labels/keys.js';
import { parseJwks } from '../../src/labels/jwks.js';
import { activeKey, jwks, sampleLabel } from './fixtures.js';

const at = '2027-01-01';

describe('interoperability with jose', () => {
  test('our token verifies with jose jwtVerify and importJWK', async () => {
    const token = signLabel(sampleLabel(), activeKey);
    const key = await importJWK(activeKey.publicJwk, 'EdDSA');
    const { payload, protectedHeader } = await jwtVerify(token, key, {
      algorithms: ['EdDSA'],
      issuer: 'https://labels.example',
    });
    assert.equal(protectedHeader.kid, activeKey.kid);
    assert.deepEqual(payload, labelToClaims(sampleLabel()));
  });

  test('a token signed by jose verifies with ours', async () => {
    const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const pub = await exportJWK(publicKey);
    const kid = await calculateJwkThumbprint(pub);
    const keys = parseJwks({ keys: [{ ...pub, kid, alg: 'EdDSA', use: 'sig', status: 'active' }] });
    const token = await new SignJWT({ ...labelToClaims(sampleLabel()) })
      .setProtectedHeader({ alg: 'EdDSA', kid })
      .sign(privateKey);
    assert.deepEqual(verifyLabel(token, { keys, at, offline: true }).label, sampleLabel());
    // jose with the fully specified algorithm name as well.
    const token2 = await new CompactSign(new TextEncoder().encode(JSON.stringify(labelToClaims(sampleLabel()))))
      .setProtectedHeader({ alg: 'Ed25519', kid })
      .sign(privateKey);
    assert.equal(verifyLabel(token2, { keys, at, offline: true }).label.labelId, sampleLabel().labelId);
  });

  test("our RFC 7638 thumbprint equals jose's", async () => {
    assert.equal(jwkThumbprint(activeKey.publicJwk), await calculateJwkThumbprint(activeKey.publicJwk));
    assert.equal(activeKey.kid, await calculateJwkThumbprint(activeKey.publicJwk));
  });
});

describe('one changed character', () => {
  const token = signLabel(sampleLabel(), activeKey);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~ ';

  test('makes the token fail verification, wherever it is and whatever it becomes', () => {
    fc.assert(
      fc.property(fc.nat({ max: token.length - 1 }), fc.constantFrom(...alphabet), (i, c) => {
        fc.pre(token[i] !== c);
        const altered = token.slice(0, i) + c + token.slice(i + 1);
        const report = checkLabel(altered, { keys: jwks, at, offline: true });
        assert.equal(report.genuine, false, `position ${i} -> ${c} still verifies`);
        assert.ok(
          ['TOKEN_MALFORMED', 'TOKEN_SIGNATURE_INVALID', 'TOKEN_KEY_UNKNOWN'].includes(
            report.checks.find((x) => x.outcome === 'fail')!.code!,
          ),
        );
      }),
      { numRuns: 2000 },
    );
  });

  test('every position of the signature segment, changed to its neighbour letter, fails', () => {
    const start = token.lastIndexOf('.') + 1;
    let failures = 0;
    for (let i = start; i < token.length; i++) {
      const c = token[i] === 'A' ? 'B' : 'A';
      if (!checkLabel(token.slice(0, i) + c + token.slice(i + 1), { keys: jwks, at, offline: true }).genuine)
        failures++;
    }
    assert.equal(failures, token.length - start);
  });
});

describe('parsing outside input', () => {
  test('any string gives a report, never an exception, and never a genuine label', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.stringMatching(/^[A-Za-z0-9_-]{0,60}\.[A-Za-z0-9_-]{0,60}\.[A-Za-z0-9_-]{0,90}$/)),
        (input) => {
          const report = checkLabel(input, { keys: jwks, at, offline: true });
          assert.equal(report.genuine, false);
          assert.equal(report.checks.find((c) => c.outcome === 'fail')!.code, 'TOKEN_MALFORMED');
        },
      ),
      { numRuns: 500 },
    );
  });
});
