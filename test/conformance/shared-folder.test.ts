// The conformance suites read external data from ../shared/conformance (never copied into this repository).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { conformanceDir } from './dir.js';

test('the shared conformance folder is present', () => {
  assert.ok(existsSync(conformanceDir), `expected conformance data at ${conformanceDir}`);
});
