import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { gs1CheckDigit, gtinProblem, hasValidCheckDigit, normalizeGtin } from '../../src/gs1/gtin.js';
import { IotlabelError } from '../../src/errors.js';

// Known-answer vectors from the GS1 General Specifications examples.
const VALID = ['02345673', '416000336108', '1234567890128', '12345678901231', '05012345678900', '00012345678905'];
const INVALID = ['12345673', '416000336109', '1234567890129', '12345678901232', '00012345678908'];

test('valid GTINs of every length normalise to 14 digits', () => {
  assert.equal(normalizeGtin('02345673'), '00000002345673');
  assert.equal(normalizeGtin('416000336108'), '00416000336108');
  assert.equal(normalizeGtin('1234567890128'), '01234567890128');
  assert.equal(normalizeGtin('12345678901231'), '12345678901231');
  for (const gtin of VALID) assert.equal(gtinProblem(gtin), null, gtin);
});

test('a wrong check digit is named, with the digit expected', () => {
  assert.equal(gtinProblem('12345678901232'), 'GTIN "12345678901232" has check digit 2; expected 1');
  for (const gtin of INVALID) assert.notEqual(gtinProblem(gtin), null, gtin);
  assert.throws(
    () => normalizeGtin('12345678901232'),
    (e: unknown) => e instanceof IotlabelError && e.code === 'GTIN_INVALID',
  );
});

test('wrong lengths and non-digits are refused', () => {
  assert.match(gtinProblem('123456789')!, /has 9 digits/);
  assert.match(gtinProblem('1234 5678')!, /only digits/);
  assert.match(gtinProblem('')!, /only digits/);
});

test('property: appending the computed check digit always gives a valid code', () => {
  fc.assert(
    fc.property(fc.stringMatching(/^[0-9]{7,13}$/), (data) => {
      const code = data + String(gs1CheckDigit(data));
      return hasValidCheckDigit(code);
    }),
  );
});

test('property: changing any one digit of a valid GTIN-14 invalidates it', () => {
  fc.assert(
    fc.property(
      fc.stringMatching(/^[0-9]{13}$/),
      fc.integer({ min: 0, max: 13 }),
      fc.integer({ min: 1, max: 9 }),
      (data, pos, delta) => {
        const code = data + String(gs1CheckDigit(data));
        const changed = code.slice(0, pos) + String((Number(code[pos]) + delta) % 10) + code.slice(pos + 1);
        return !hasValidCheckDigit(changed);
      },
    ),
  );
});
