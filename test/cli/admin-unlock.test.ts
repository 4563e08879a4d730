// `iotlabel admin unlock-sign-in EMAIL`: the operator lifts a sign-in lockout that a running server counted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRegistry } from '../../src/registry/index.js';
import { operator } from '../support/registry.js';
import { runCli } from '../support/cli.js';

test('admin unlock-sign-in lifts a lockout counted in the database', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'iotlabel-unlock-'));
  try {
    const { services } = await openRegistry({ dataDir: dir });
    try {
      const org = await services.organisations.registerOrganisation(operator, { name: 'Acme', kind: 'manufacturer' });
      const password = 'a long enough password';
      await services.users.createUser(operator, {
        organisationId: org.id,
        email: 'jane@acme.example',
        name: 'J',
        password,
      });
      for (let i = 0; i < 5; i++) await assert.rejects(services.sessions.signIn('jane@acme.example', 'wrong password'));
      await assert.rejects(services.sessions.signIn('jane@acme.example', password), /too many failed sign-ins/);
      const unlocked = await runCli('admin', 'unlock-sign-in', 'Jane@acme.example', '--data-dir', dir);
      assert.equal(unlocked.code, 0, unlocked.err);
      assert.equal(unlocked.out, 'sign-ins for Jane@acme.example are unlocked\n');
      assert.equal((await services.sessions.signIn('jane@acme.example', password)).user.email, 'jane@acme.example');
      const again = await runCli('admin', 'unlock-sign-in', 'jane@acme.example', '--json', '--data-dir', dir);
      assert.deepEqual(JSON.parse(again.out), { email: 'jane@acme.example', unlocked: false });
    } finally {
      await services.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
