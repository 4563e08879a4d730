import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { exportLabelKey, generateLabelKey, importLabelKey, publicLabelJwk } from '../../src/labels/keys.js';
import { jwksDocument, parseJwks, retireKey } from '../../src/labels/jwks.js';
import { newLabelId } from '../../src/labels/label-id.js';
import { signLabel } from '../../src/labels/sign-label.js';
import { verifyLabel } from '../../src/labels/verify-label.js';
import { activeKey, ISSUED_AT, sampleLabel, strangerKey, code } from './fixtures.js';

describe('label keys', () => {
  test('a private JWK exports and imports back to the same key', () => {
    const key = generateLabelKey();
    const back = importLabelKey(JSON.parse(JSON.stringify(exportLabelKey(key))));
    assert.equal(back.kid, key.kid);
    const keys = jwksDocument([publicLabelJwk(key)]);
    assert.equal(
      verifyLabel(signLabel(sampleLabel(), back), { keys, at: '2027-01-01', offline: true }).key.kid,
      key.kid,
    );
  });

  test('a JWK whose x is not the public half of d, or whose kid is not its thumbprint, is KEY_INVALID', () => {
    const jwk = exportLabelKey(activeKey);
    assert.equal(
      code(() => importLabelKey({ ...jwk, x: strangerKey.publicJwk.x })),
      'KEY_INVALID',
    );
    assert.equal(
      code(() => importLabelKey({ ...jwk, kid: 'not-the-thumbprint' })),
      'KEY_INVALID',
    );
    assert.equal(
      code(() => importLabelKey({ kty: 'RSA' })),
      'KEY_INVALID',
    );
  });

  test('a key set with a duplicate kid, a retired key without retired_at or a non-Ed25519 key is KEY_INVALID', () => {
    const pub = publicLabelJwk(activeKey);
    assert.equal(
      code(() => parseJwks({ keys: [pub, pub] })),
      'KEY_INVALID',
    );
    assert.equal(
      code(() => parseJwks({ keys: [{ ...pub, status: 'retired' }] })),
      'KEY_INVALID',
    );
    assert.equal(
      code(() => parseJwks({ keys: [{ ...pub, crv: 'P-256' }] })),
      'KEY_INVALID',
    );
    assert.equal(
      code(() => parseJwks({ keys: [{ ...pub, x: pub.x.slice(0, -1) + 'B' }] })),
      'KEY_INVALID',
    );
    assert.equal(
      code(() => parseJwks([])),
      'KEY_INVALID',
    );
  });

  test("a published kid that is not the key's thumbprint is refused by the verifier", () => {
    const keys = { keys: [{ ...publicLabelJwk(activeKey), kid: strangerKey.kid }] };
    assert.equal(
      code(() => verifyLabel(signLabel(sampleLabel(), strangerKey), { keys, at: '2027-01-01', offline: true })),
      'KEY_INVALID',
    );
  });

  test('rotation: retiring a key keeps it for labels issued before, and lists active keys first', () => {
    const old = generateLabelKey();
    const next = generateLabelKey();
    const before = signLabel(sampleLabel({ issuedAt: ISSUED_AT }), old);
    const rotated = jwksDocument(
      retireKey(jwksDocument([publicLabelJwk(old), publicLabelJwk(next)]), old.kid, ISSUED_AT + 60).keys,
    );
    assert.deepEqual(
      rotated.keys.map((k) => [k.kid, k.status]),
      [
        [next.kid, 'active'],
        [old.kid, 'retired'],
      ],
    );
    assert.equal(verifyLabel(before, { keys: rotated, at: '2027-01-01', offline: true }).key.status, 'retired');
    const after = signLabel(sampleLabel({ issuedAt: ISSUED_AT + 60 }), old);
    assert.equal(
      code(() => verifyLabel(after, { keys: rotated, at: '2027-01-01', offline: true })),
      'TOKEN_KEY_EXPIRED',
    );
    assert.equal(
      code(() => retireKey(rotated, 'nope', 1)),
      'KEY_INVALID',
    );
  });

  test('label ids are 10 Crockford base32 characters', () => {
    const ids = new Set(Array.from({ length: 200 }, () => newLabelId()));
    assert.equal(ids.size, 200);
    for (const id of ids) assert.match(id, /^[0-9A-HJKMNP-TV-Z]{10}$/);
  });
});

describe('the labels module is pure', () => {
  test('no file in src/labels imports the file system, HTTP or a database', () => {
    const dir = new URL('../../src/labels/', import.meta.url);
    const offenders: string[] = [];
    const walk = (url: URL, rel: string): void => {
      for (const entry of readdirSync(url, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(new URL(`${entry.name}/`, url), `${rel}${entry.name}/`);
        else if (
          /from '(node:)?(fs|http|https|net|fs\/promises)'|better-sqlite3|kysely|from 'pg'/.test(
            readFileSync(new URL(entry.name, url), 'utf8'),
          )
        )
          offenders.push(`${rel}${entry.name}`);
      }
    };
    walk(dir, '');
    assert.deepEqual(offenders, []);
  });
});
