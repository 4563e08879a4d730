#!/usr/bin/env node
// Runs the test suite with Node's own runner. `node scripts/run-tests.mjs` runs test/ except the
// conformance suites; `node scripts/run-tests.mjs conformance` runs only those (they read ../shared/conformance).
// Extra arguments narrow the run to files whose path contains them.
//
// Test files that import test/support/dialects.js run against SQLite AND PostgreSQL. For them this script
// starts ONE throw-away PostgreSQL server for the whole run (test/support/postgres-server.ts) and passes its
// URL in IOTLABEL_TEST_PG_URL; each test file creates its own database on it. Missing PostgreSQL binaries
// fail the run. IOTLABEL_TEST_DIALECTS=sqlite skips PostgreSQL for a quick local run; refused under CI.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { register } from 'tsx/esm/api';

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

const env = { ...process.env };
const narrowed = env.IOTLABEL_TEST_DIALECTS;
if (narrowed && env.CI) {
  console.error('IOTLABEL_TEST_DIALECTS is set under CI: the suite must run on every database there');
  process.exit(1);
}
const needsPostgres =
  !env.IOTLABEL_TEST_PG_URL &&
  (!narrowed || narrowed.split(',').includes('postgres')) &&
  files.some((file) => readFileSync(file, 'utf8').includes('support/dialects.js'));

let postgres;
if (needsPostgres) {
  register();
  const { startPostgres } = await import('../test/support/postgres-server.ts');
  try {
    postgres = await startPostgres();
  } catch (error) {
    console.error(`\nFAILED to start PostgreSQL for the store/registry suites:\n  ${error.message}\n`);
    process.exit(1);
  }
  env.IOTLABEL_TEST_PG_URL = postgres.url;
  console.log(`PostgreSQL for this run: ${postgres.url}`);
  for (const signal of ['SIGINT', 'SIGTERM'])
    process.on(signal, () => {
      postgres.stop();
      process.exit(130);
    });
}

const child = spawn(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', `--test-concurrency=${env.TEST_CONCURRENCY ?? 2}`, ...files],
  { stdio: 'inherit', env },
);
const status = await new Promise((resolve) => child.on('close', (code) => resolve(code ?? 1)));
postgres?.stop();
process.exit(status);
