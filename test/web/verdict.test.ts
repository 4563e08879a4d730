// The QR check page's verdict, from real reports (checkLabel on signed, tampered and foreign tokens): a
// person reads who issued the label, or that this registry did not, and never a key id or an error code.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkLabel } from '../../src/labels/check-label.js';
import { signLabel } from '../../src/labels/sign-label.js';
import { decodeStatusList, encodeStatusList } from '../../src/labels/status-list.js';
import { hostOf, verdictOf } from '../../src/web/verdict.js';
import { activeKey, jwks, sampleLabel, strangerKey, STATUS_URI } from '../labels/fixtures.js';

const AT = '2027-01-01';
const REGISTRY = 'labels.example';
const token = signLabel(sampleLabel(), activeKey);
const valid = { uri: STATUS_URI, ...decodeStatusList(encodeStatusList(new Array<number>(2000).fill(0))) };
const check = (t: string, extra: Record<string, unknown> = {}) =>
  checkLabel(t, { keys: jwks, at: AT, issuer: 'https://labels.example', statusList: valid, ...extra });
const allText = (lines: string[]) => lines.join(' ');
const KID = /[A-Za-z0-9_-]{43}/;

describe('verdictOf', () => {
  test('a genuine label names its issuer and the date, in words', () => {
    const verdict = verdictOf(check(token), REGISTRY);
    assert.equal(verdict.kind, 'genuine');
    assert.equal(verdict.title, 'Genuine label');
    assert.ok(
      verdict.lines.includes('Issued by labels.example, the registry that checked it.'),
      allText(verdict.lines),
    );
    assert.ok(verdict.lines.includes('Security updates until 31 December 2030.'));
  });

  const forged: [string, string, RegExp][] = [
    ['signed by a stranger key', signLabel(sampleLabel(), strangerKey), /not signed by this registry/],
    [
      'changed after signing',
      (() => {
        const [h, p, s] = token.split('.') as [string, string, string];
        const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as object;
        return `${h}.${Buffer.from(JSON.stringify({ ...claims, sup: '2040-12-31' })).toString('base64url')}.${s}`;
      })(),
      /changed after it was issued/,
    ],
    [
      'naming another registry',
      signLabel(sampleLabel({ issuer: 'https://other.example' }), activeKey),
      /another registry issued it/,
    ],
    ['not a token at all', '<script>alert(1)</script>', /could not be read|copied wrongly/],
  ];
  for (const [what, forgedToken, why] of forged) {
    test(`a label ${what} is "not issued by labels.example", says why in words, and shows no key id`, () => {
      const verdict = verdictOf(check(forgedToken), REGISTRY);
      assert.equal(verdict.kind, 'not-genuine');
      assert.equal(verdict.title, 'This label is not genuine');
      assert.equal(verdict.lines[0], 'This label was not issued by labels.example.');
      assert.match(allText(verdict.lines), why);
      assert.match(allText(verdict.lines), /Do not rely on it/);
      assert.doesNotMatch(allText(verdict.lines), KID, 'no key ids');
      assert.doesNotMatch(allText(verdict.lines), /[A-Z]{4,}_[A-Z_]+|JWS|kid|status list/i, 'no machinery');
    });
  }

  test('a label for another barcode number says it does not match the product', () => {
    const verdict = verdictOf(check(token, { gtin: '00012345600012' }), REGISTRY);
    assert.equal(verdict.kind, 'not-genuine');
    assert.match(allText(verdict.lines), /does not match the product/);
  });

  test('a revoked label names the registry that withdrew it', () => {
    const revoked = { uri: STATUS_URI, ...decodeStatusList(encodeStatusList([...new Array<number>(1234).fill(0), 1])) };
    const verdict = verdictOf(check(token, { statusList: revoked }), REGISTRY);
    assert.equal(verdict.kind, 'revoked');
    assert.match(verdict.lines[0]!, /^labels\.example issued this label but has since withdrawn it\./);
  });

  test('hostOf gives the host a person recognises, and leaves a non-URL alone', () => {
    assert.equal(hostOf('https://labels.example/'), 'labels.example');
    assert.equal(hostOf('http://localhost:8080'), 'localhost:8080');
    assert.equal(hostOf('not a url'), 'not a url');
  });
});
