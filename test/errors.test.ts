// Every code in the error catalogue is documented in docs/errors.md, with its HTTP status and exit code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ERROR_CATALOGUE, IotlabelError } from '../src/errors.js';
import { InputInvalid } from '../src/registry/errors.js';
import { PasswordBatchInvalid } from '../src/evidence/passwords/errors.js';
import { StatementIncomplete } from '../src/labels/errors.js';
import { toProblem } from '../src/http/problem.js';

const doc = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');

test('every error code is documented with its status and exit code', () => {
  const missing: string[] = [];
  for (const [code, entry] of Object.entries(ERROR_CATALOGUE)) {
    const row = new RegExp(`^\\|\\s*\`${code}\`\\s*\\|\\s*${entry.status}\\s*\\|\\s*${entry.exit}\\s*\\|`, 'm');
    if (!row.test(doc)) missing.push(code);
  }
  assert.deepEqual(missing, [], `codes missing or wrong in docs/errors.md: ${missing.join(', ')}`);
});

test('docs/errors.md lists no code the catalogue lacks', () => {
  const documented = [...doc.matchAll(/^\|\s*`([A-Z0-9_]+)`/gm)].map((m) => m[1]);
  const unknown = documented.filter((code) => !(code! in ERROR_CATALOGUE));
  assert.deepEqual(unknown, []);
});

test('IotlabelError carries its code, status and exit code', () => {
  const error = new IotlabelError('GTIN_INVALID', 'GTIN 123 has a bad check digit');
  assert.equal(error.code, 'GTIN_INVALID');
  assert.equal(error.status, 400);
  assert.equal(error.exitCode, 2);
  assert.equal(error.name, 'IotlabelError');
});

test('an IotlabelError without a list of problems has none', () => {
  assert.deepEqual(new IotlabelError('NOT_FOUND', 'no such product').problems, []);
});

test('the errors that carry a list give it as typed problems', () => {
  const invalid = new InputInvalid([{ path: '/email', message: 'is not an email address' }]);
  assert.deepEqual(invalid.problems, [{ path: '/email', message: 'is not an email address' }]);
  const batch = new PasswordBatchInvalid('no password column', [{ line: 1, message: 'no password column' }]);
  assert.deepEqual(batch.problems, [{ line: 1, message: 'no password column' }]);
  const statement = new StatementIncomplete('lacks items', [{ item: 'b', path: '/product/model', message: 'missing' }]);
  assert.deepEqual(statement.problems, [{ item: 'b', path: '/product/model', message: 'missing' }]);
});

test('problem+json lists the problems that have a path, prefixed by the request part', () => {
  const body = toProblem(
    new PasswordBatchInvalid('bad batch', [
      { path: '/0/password', message: 'is empty' },
      { line: 3, message: 'has no password' },
    ]),
    '/body',
  );
  assert.deepEqual((body as { errors?: unknown }).errors, [{ pointer: '/body/0/password', detail: 'is empty' }]);
});
