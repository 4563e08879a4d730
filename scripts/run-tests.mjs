#!/usr/bin/env node
// Runs the test suite with Node's own runner. `node scripts/run-tests.mjs` runs test/ except the
// conformance suites; `node scripts/run-tests.mjs conformance` runs only those (they read ../shared/conformance).
// Extra arguments narrow the run to files whose path contains them.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const conformance = args[0] === 'conformance';
const filters = conformance ? args.slice(1) : args;

function collect(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...collect(path));
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const files = collect('test').filter((file) => {
  const isConformance = file.startsWith(join('test', 'conformance'));
  if (conformance !== isConformance) return false;
  return filters.length === 0 || filters.some((f) => file.includes(f));
});
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}

const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', `--test-concurrency=${process.env.TEST_CONCURRENCY ?? 2}`, ...files],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
