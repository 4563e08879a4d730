// `iotlabel admin create-user`: the account gets the organisation's role and signs in with the password
// printed once (or given in the environment); bad input is one line and exit 2. Demo users can sign in too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices, openRegistry } from '../../src/registry/index.js';
import { seedDemo } from '../../src/demo/index.js';
import { openTestStore } from '../support/dialects.js';
import { runCli } from '../support/cli.js';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'iotlabel-users-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const run = (...argv: string[]) => runCli(...argv, '--data-dir', join(dir, 'data'));

test('create-user prints a generated password once; the account signs in with the organisation role', async () => {
  const org = JSON.parse(
    (await run('admin', 'create-organisation', '--name', 'Acme Devices Ltd', '--kind', 'manufacturer', '--json')).out,
  );
  const created = await run(
    'admin',
    'create-user',
    '--organisation',
    org.organisation.id,
    '--email',
    'jane@acme.example',
    '--name',
    'Jane Smith',
    '--json',
  );
  assert.equal(created.code, 0, created.err);
  const { user, password } = JSON.parse(created.out);
  assert.equal(user.role, 'manufacturer');
  assert.match(password, /^[\w-]{20}$/);
  process.env.IOTLABEL_USER_PASSWORD = 'chosen by the operator';
  const given = await run(
    'admin',
    'create-user',
    '--organisation',
    org.organisation.id,
    '--email',
    'sam@acme.example',
    '--name',
    'Sam',
  );
  delete process.env.IOTLABEL_USER_PASSWORD;
  assert.match(given.out, /password \(shown once\): \(from \$IOTLABEL_USER_PASSWORD\)/);
  const { services } = await openRegistry({ dataDir: join(dir, 'data') });
  try {
    assert.equal((await services.sessions.signIn('jane@acme.example', password)).user.id, user.id);
    assert.ok(await services.sessions.signIn('sam@acme.example', 'chosen by the operator'));
  } finally {
    await services.close();
  }
  const dup = await run(
    'admin',
    'create-user',
    '--organisation',
    org.organisation.id,
    '--email',
    'JANE@acme.example',
    '--name',
    'J',
  );
  assert.equal(dup.code, 1);
  const bad = await run(
    'admin',
    'create-user',
    '--organisation',
    org.organisation.id,
    '--email',
    'not-an-email',
    '--name',
    'J',
  );
  assert.equal(bad.code, 2);
  assert.match(bad.err, /\/email/);
  assert.doesNotMatch(bad.err, /\n\s+at /, 'no stack trace');
});

test('the demo seed makes one sign-in per organisation, with passwords that work', async () => {
  const t = await openTestStore('sqlite');
  const services = createServices({ store: t.store, scryptCost: { N: 1024, r: 8, p: 1 } });
  try {
    const demo = await seedDemo(services);
    assert.equal(demo.users.length, 5);
    const manufacturer = demo.users.find((u) => u.role === 'manufacturer')!;
    assert.equal((await services.sessions.signIn(manufacturer.email, manufacturer.password)).user.role, 'manufacturer');
  } finally {
    await services.close();
    await t.close();
  }
});
