import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { assessAll, parseDeclaration } from '../../src/assessment/index.js';

test('the good example passes every UK regime', () => {
  const d = parseDeclaration(JSON.parse(readFileSync(new URL('../../examples/declarations/good-camera.json', import.meta.url), 'utf8')));
  for (const a of assessAll(d, { at: '2026-11-24' }).filter((x) => x.regime.startsWith('uk-'))) assert.equal(a.outcome, 'pass', a.regime);
});
