// Reading a label id someone typed from a printed label: Crockford's rules (case, spaces, hyphens, I/L/O).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { newLabelId, readLabelId } from '../../src/labels/label-id.js';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const issuedId = fc.array(fc.constantFrom(...CROCKFORD), { minLength: 10, maxLength: 10 }).map((c) => c.join(''));

test('an issued id reads as itself, however it is typed', () => {
  const id = newLabelId();
  assert.equal(readLabelId(id), id);
  assert.equal(readLabelId('ab12-cd34 ef'), 'AB12CD34EF');
  assert.equal(readLabelId(' o1il-0OOO-1l '), '0111000011');
  assert.equal(readLabelId('acme cam-200'), 'ACMECAM200', 'words can look like an id too, so search tries both');
  fc.assert(
    fc.property(issuedId, fc.array(fc.nat(10), { maxLength: 3 }), fc.boolean(), (id, cuts, lower) => {
      let typed = lower ? id.toLowerCase() : id;
      for (const at of cuts) typed = `${typed.slice(0, at)}${at % 2 === 0 ? '-' : ' '}${typed.slice(at)}`;
      return readLabelId(typed) === id;
    }),
  );
});

test('text that cannot be an issued id reads as null', () => {
  for (const text of [
    '',
    'AB12CD34E',
    'AB12CD34EFG',
    'AB12CD34EU',
    'AB12CD34E!',
    'acme cam-200 pro',
    '05012345678900',
    '<script>alert(1)</script>',
    'A'.repeat(41),
  ]) {
    assert.equal(readLabelId(text), null, text);
  }
  fc.assert(
    fc.property(fc.string({ maxLength: 60 }), (text) => {
      const id = readLabelId(text);
      return id === null || /^[0-9A-HJKMNP-TV-Z]{10}$/.test(id);
    }),
  );
});
