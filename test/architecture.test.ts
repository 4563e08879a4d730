// The layering rule of DESIGN.md, checked on src/'s import graph: pure modules do no I/O and know no store,
// registry or adapter; only the composition root and the CLI import src/http, src/web or src/cli; no cycles.
// The same checker runs on a small fixture tree with one violation of each kind, so a broken checker that
// finds nothing cannot pass.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { PURE_MODULES, edgeName, forbiddenImports, importCycles, readImports } from './support/imports.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FIXTURE = fileURLToPath(new URL('fixtures/architecture', import.meta.url));

const edges = readImports(ROOT);

test('the import reader sees src/: static, re-exported and dynamic imports, resolved to .ts files', () => {
  assert.ok(edges.length > 500, `only ${edges.length} imports read`);
  const names = new Set(edges.map(edgeName));
  assert.ok(names.has('src/cli/main.ts -> src/cli/commands/admin/admin.ts'));
  assert.ok(names.has('src/evidence/passwords/strength-check.ts -> @zxcvbn-ts/core'), 'dynamic import()');
  for (const module of PURE_MODULES) assert.ok(existsSync(join(ROOT, module)), `${module} is not in src/`);
});

test('pure modules import no store, registry, adapter or file/network code; only the root and CLI import adapters', () => {
  assert.deepEqual(forbiddenImports(edges), []);
});

test('src/ has no import cycles (type-only imports count)', () => {
  assert.deepEqual(importCycles(edges), []);
});

test('the checker reports exactly the fixture tree violations: pure module I/O, http -> web, a cycle', () => {
  const fixture = readImports(FIXTURE);
  assert.deepEqual(forbiddenImports(fixture), [
    'src/http/app.ts -> src/web/plugin.ts (only the composition root and the CLI import src/web)',
    'src/labels/read-key.ts -> node:fs (pure module does I/O)',
  ]);
  assert.deepEqual(importCycles(fixture), ['src/tlog/leaf.ts -> src/tlog/tree.ts -> src/tlog/leaf.ts']);
});
