// Issue 18, point 6: failed sign-ins are counted in the database, so the lockout is shared by every process on
// it, survives a flood of other addresses (the table stays bounded without forgetting a locked address), expires
// with its window, and an operator can lift it (`iotlabel admin unlock-sign-in`).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS, openTestStore, type TestStore } from '../../support/dialects.js';
import { operator } from '../../support/registry.js';
import { createServices, SIGN_IN_FAILED, type Services } from '../../../src/registry/index.js';
import { hasCode } from '../../support/assert.js';

const FAST = { N: 1024, r: 8, p: 1 };
const PASSWORD = 'a long enough password';

for (const dialect of DIALECTS) {
  describe(`sign-in lockout on ${dialect}`, () => {
    let t: TestStore;
    let a: Services;
    let b: Services;
    let now = Date.parse('2026-11-24T10:00:00Z');
    const clock = () => new Date(now);
    const sessions = { maxFailures: 3, lockoutMinutes: 15, maxTracked: 20 };
    let orgId: string;
    before(async () => {
      t = await openTestStore(dialect);
      a = createServices({ store: t.store, clock, scryptCost: FAST, sessions });
      // A second `serve` on the same database: its own connection, its own services.
      b = createServices({ store: await t.reopen(), clock, scryptCost: FAST, sessions });
      orgId = (await a.organisations.registerOrganisation(operator, { name: 'Acme Devices Ltd', kind: 'manufacturer' }))
        .id;
    });
    after(async () => {
      await b.close();
      await a.close();
      await t.close();
    });

    const user = async (email: string) =>
      a.users.createUser(operator, { organisationId: orgId, email, name: 'Someone', password: PASSWORD });
    const fail = (s: Services, email: string) =>
      assert.rejects(s.sessions.signIn(email, 'wrong password!'), (error: Error) => {
        assert.equal(error.message, SIGN_IN_FAILED);
        return true;
      });
    const count = async () =>
      Number(
        (
          await t.store.db
            .selectFrom('signInFailures')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    test('failures counted by two processes lock the address for both; the right password is refused too', async () => {
      await user('jane@acme.example');
      await fail(a, 'jane@acme.example');
      await fail(b, 'Jane@Acme.example ');
      await fail(a, 'jane@acme.example');
      for (const s of [a, b])
        await assert.rejects(s.sessions.signIn('jane@acme.example', PASSWORD), hasCode('RATE_LIMITED'));
    });

    test('a flood of made-up addresses keeps the table bounded and does not unlock anyone', async () => {
      for (let i = 0; i < 60; i++) await fail(i % 2 ? a : b, `made-up-${i}@flood.example`);
      assert.ok((await count()) <= sessions.maxTracked, `at most ${sessions.maxTracked} rows, got ${await count()}`);
      await assert.rejects(b.sessions.signIn('jane@acme.example', PASSWORD), hasCode('RATE_LIMITED'));
      // The table holds hashes, not the addresses people typed.
      const rows = await t.store.db.selectFrom('signInFailures').select('emailHash').execute();
      assert.ok(rows.every((r) => /^[0-9a-f]{64}$/.test(r.emailHash)));
    });

    test('the operator unlocks an address; a good sign-in then clears its count', async () => {
      assert.equal(await b.sessions.unlock('JANE@acme.example'), true);
      assert.equal(await b.sessions.unlock('jane@acme.example'), false, 'nothing left to unlock');
      await fail(a, 'jane@acme.example');
      await fail(a, 'jane@acme.example');
      const signedIn = await a.sessions.signIn('jane@acme.example', PASSWORD);
      assert.equal(signedIn.user.email, 'jane@acme.example');
      await fail(b, 'jane@acme.example');
      await fail(b, 'jane@acme.example');
      assert.equal((await b.sessions.signIn('jane@acme.example', PASSWORD)).user.email, 'jane@acme.example');
    });

    test('a lockout ends with its window; a password reset lifts it at once', async () => {
      const bob = await user('bob@acme.example');
      for (let i = 0; i < 3; i++) await fail(b, 'bob@acme.example');
      await assert.rejects(a.sessions.signIn('bob@acme.example', PASSWORD), hasCode('RATE_LIMITED'));
      now += 16 * 60_000;
      assert.equal((await a.sessions.signIn('bob@acme.example', PASSWORD)).user.id, bob.id);
      for (let i = 0; i < 3; i++) await fail(a, 'bob@acme.example');
      await assert.rejects(b.sessions.signIn('bob@acme.example', PASSWORD), hasCode('RATE_LIMITED'));
      await a.users.setPassword(operator, bob.id, 'a brand new password');
      assert.equal((await b.sessions.signIn('bob@acme.example', 'a brand new password')).user.id, bob.id);
    });
  });
}
