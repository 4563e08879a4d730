// `serve` keeps V8's heap growth near what is live, unless the process was started with its own setting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HEAP_GROWING_PERCENT, limitHeapGrowth } from '../../src/server/heap.js';

test("an operator's own --heap-growing-percent wins, in either spelling, from the command line or NODE_OPTIONS", () => {
  assert.equal(limitHeapGrowth(['--heap-growing-percent=20']), false);
  assert.equal(limitHeapGrowth(['--enable-source-maps', '--heap_growing_percent=80']), false);
});

test('otherwise the factor is set (not a cap: --max-old-space-size is no growth setting)', () => {
  assert.equal(limitHeapGrowth(['--enable-source-maps', '--max-old-space-size=4096']), true);
  assert.ok(HEAP_GROWING_PERCENT > 0 && HEAP_GROWING_PERCENT <= 100);
});
