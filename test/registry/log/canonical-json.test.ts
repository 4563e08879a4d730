// Canonical JSON is what a declaration's SHA-256 covers, so its bytes must never change: keys in UTF-16 code
// unit order at every depth, no whitespace, undefined members dropped and undefined array items as null.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { canonicalJson } from '../../../src/registry/log/canonical-json.js';

test('keys are ordered by UTF-16 code units at every depth, with nothing but the JSON', () => {
  const value = { b: 1, a: [true, null, { '\u{1F600}': 'x', '\uFFFF': 2, é: 3, Z: 4, '': 5 }], 'a b': '"\n' };
  assert.equal(
    canonicalJson(value),
    '{"a":[true,null,{"":5,"Z":4,"é":3,"\u{1F600}":"x","\uFFFF":2}],"a b":"\\"\\n","b":1}',
  );
});

test('undefined members are dropped, undefined array items become null, and a lone undefined is null', () => {
  assert.equal(canonicalJson({ a: undefined, b: [undefined, 1], c: { d: undefined } }), '{"b":[null,1],"c":{}}');
  assert.equal(canonicalJson(undefined), 'null');
  assert.equal(canonicalJson([]), '[]');
  assert.equal(canonicalJson({}), '{}');
});

test('for any JSON value it parses back to an equal value, and key order in the input does not matter', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      const text = canonicalJson(value);
      assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(value)));
      assert.equal(text, canonicalJson(JSON.parse(JSON.stringify(reversed(value)))));
    }),
    { numRuns: 2000 },
  );
});

function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .reverse()
      .map((k) => [k, reversed((value as Record<string, unknown>)[k])]),
  );
}
