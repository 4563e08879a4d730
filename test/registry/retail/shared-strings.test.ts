// The read model's string pool: equal sentences built separately come back as one string, the pool stays
// within its bound, and what it hands out is the text it was given, whatever characters it holds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createStringPool } from '../../../src/registry/retail/shared-strings.js';

test('equal sentences built apart are answered with the first one kept', () => {
  const share = createStringPool();
  const title = 'UK PSTI';
  const a = share(`Does not meet ${title} on passwords`);
  const b = share(['Does not meet', title, 'on passwords'].join(' '));
  assert.equal(a, 'Does not meet UK PSTI on passwords');
  assert.equal(b, a);
  // Text beyond Latin-1 (a warning sign, an astral character) and control characters come back unchanged.
  for (const text of ['⚠ The date of the decision', 'emoji 🔒 kept', '', 'a\u0000b']) assert.equal(share(text), text);
});

test('a full pool starts afresh and keeps answering the same text', () => {
  const share = createStringPool(3);
  const handed = Array.from({ length: 10 }, (_, i) => share(`sentence ${i}`));
  handed.forEach((text, i) => assert.equal(text, `sentence ${i}`));
  assert.equal(share('sentence 9'), 'sentence 9');
  assert.equal(share('sentence 0'), 'sentence 0');
});
