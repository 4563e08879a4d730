// Web accounts on both databases: scrypt hashes with per-user salts, one generic answer for every failed
// sign-in, throttling, session ids stored only as hashes, idle and absolute expiry, sign-out, form state.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS, openTestStore, type TestStore } from '../../support/dialects.js';
import { operator } from '../../support/registry.js';
import {
  createServices,
  hashPassword,
  hashSessionId,
  verifyPassword,
  SIGN_IN_FAILED,
  type Services,
} from '../../../src/registry/index.js';
import { hasCode } from '../../support/assert.js';

const FAST = { N: 1024, r: 8, p: 1 };

test('passwords: scrypt with a fresh salt each time, verified in constant time, malformed hashes never match', async () => {
  const a = await hashPassword('correct horse battery', FAST);
  const b = await hashPassword('correct horse battery', FAST);
  assert.match(a, /^scrypt\$1024\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
  assert.notEqual(a, b);
  assert.equal(await verifyPassword('correct horse battery', a), true);
  assert.equal(await verifyPassword('correct horse batterY', a), false);
  assert.equal(await verifyPassword('x', 'plain-text'), false);
  assert.equal(
    await verifyPassword('x', 'scrypt$99999999$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'),
    false,
  );
});

for (const dialect of DIALECTS) {
  describe(`users and sessions on ${dialect}`, () => {
    let t: TestStore;
    let s: Services;
    let now = Date.parse('2026-11-24T10:00:00Z');
    let orgId: string;
    before(async () => {
      t = await openTestStore(dialect);
      s = createServices({
        store: t.store,
        clock: () => new Date(now),
        scryptCost: FAST,
        sessions: { idleMinutes: 30, absoluteHours: 2, maxFailures: 3 },
      });
      orgId = (await s.organisations.registerOrganisation(operator, { name: 'Acme Devices Ltd', kind: 'manufacturer' }))
        .id;
    });
    after(async () => {
      await s.close();
      await t.close();
    });

    test('a user takes the role of their organisation; emails are unique whatever the case; weak input is refused', async () => {
      const user = await s.users.createUser(operator, {
        organisationId: orgId,
        email: 'Jane@Acme.example',
        name: 'Jane Smith',
        password: 'a long enough password',
      });
      assert.equal(user.role, 'manufacturer');
      await assert.rejects(
        s.users.createUser(operator, {
          organisationId: orgId,
          email: 'jane@acme.example',
          name: 'J',
          password: 'another long password',
        }),
        hasCode('CONFLICT'),
      );
      await assert.rejects(
        s.users.createUser(operator, { organisationId: orgId, email: 'not-an-email', name: '', password: 'short' }),
        (e: { code: string; problems: { path: string }[] }) => {
          assert.equal(e.code, 'INPUT_INVALID');
          assert.deepEqual(
            e.problems.map((d) => d.path),
            ['/email', '/name', '/password'],
          );
          return true;
        },
      );
      const row = await t.store.db.selectFrom('users').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow();
      assert.doesNotMatch(row.passwordHash, /long enough/);
      const audit = await s.journal.audit(0, 100);
      assert.ok(audit.some((a) => a.action === 'user.create' && a.subjectId === user.id));
      const event = (await s.journal.events(0, 100)).find((e) => e.type === 'user-created');
      assert.deepEqual(event?.payload, { role: 'manufacturer' });
    });

    test('sign-in: one generic answer for an unknown email and a wrong password; the cookie id is stored only hashed', async () => {
      await assert.rejects(
        s.sessions.signIn('nobody@acme.example', 'a long enough password'),
        (e: Error & { code: string }) => e.code === 'UNAUTHENTICATED' && e.message === SIGN_IN_FAILED,
      );
      await assert.rejects(
        s.sessions.signIn('jane@acme.example', 'wrong password!!'),
        (e: Error & { code: string }) => e.code === 'UNAUTHENTICATED' && e.message === SIGN_IN_FAILED,
      );
      const { sessionId, user } = await s.sessions.signIn(' JANE@acme.example ', 'a long enough password');
      assert.equal(user.email, 'Jane@Acme.example');
      assert.ok(sessionId.length >= 43);
      const rows = await t.store.db.selectFrom('sessions').selectAll().execute();
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.idHash, hashSessionId(sessionId));
      assert.notEqual(rows[0]!.idHash, sessionId);
      const signedIn = await s.sessions.resume(sessionId);
      assert.equal(signedIn?.actor.kind, 'user');
      assert.equal(signedIn?.actor.organisationId, orgId);
      assert.equal(signedIn?.organisationName, 'Acme Devices Ltd');
      assert.equal(await s.sessions.resume('made-up'), null);
      await s.sessions.signOut(sessionId);
      assert.equal(await s.sessions.resume(sessionId), null);
    });

    test('repeated failures for one email are throttled, even with the right password', async () => {
      await s.users.createUser(operator, {
        organisationId: orgId,
        email: 'sam@acme.example',
        name: 'Sam',
        password: 'sam password 123',
      });
      for (let i = 0; i < 3; i++)
        await assert.rejects(s.sessions.signIn('sam@acme.example', `guess number ${i}`), hasCode('UNAUTHENTICATED'));
      await assert.rejects(s.sessions.signIn('sam@acme.example', 'sam password 123'), hasCode('RATE_LIMITED'));
      now += 16 * 60_000;
      assert.ok((await s.sessions.signIn('sam@acme.example', 'sam password 123')).sessionId);
    });

    test('sessions expire when idle and, however busy, after the absolute lifetime; form answers are kept per session', async () => {
      const { sessionId } = await s.sessions.signIn('jane@acme.example', 'a long enough password');
      const first = await s.sessions.resume(sessionId);
      await s.sessions.saveFormState(first!.sessionKey, { step: 'passwords', answers: { name: 'x' } });
      assert.deepEqual((await s.sessions.resume(sessionId))?.formState, { step: 'passwords', answers: { name: 'x' } });
      await assert.rejects(
        s.sessions.saveFormState(first!.sessionKey, { big: 'x'.repeat(300_000) }),
        hasCode('PAYLOAD_TOO_LARGE'),
      );
      // Used every 20 minutes: the idle expiry slides, until two hours after sign-in.
      for (let i = 0; i < 5; i++) {
        now += 20 * 60_000;
        assert.ok(await s.sessions.resume(sessionId), `still signed in after ${(i + 1) * 20} minutes`);
      }
      now += 25 * 60_000;
      assert.equal(await s.sessions.resume(sessionId), null, 'the absolute lifetime ends the session');
      const idle = await s.sessions.signIn('jane@acme.example', 'a long enough password');
      now += 31 * 60_000;
      assert.equal(await s.sessions.resume(idle.sessionId), null, 'idle for longer than 30 minutes');
      assert.equal((await s.sessions.purgeExpired()) >= 0, true);
    });

    test('only the operator or an admin creates accounts', async () => {
      const key = await s.organisations.createKey(operator, orgId, {});
      const actor = await s.organisations.authenticate(key.key);
      await assert.rejects(
        s.users.createUser(actor, {
          organisationId: orgId,
          email: 'x@acme.example',
          name: 'X',
          password: 'xxxxxxxxxxxx',
        }),
        hasCode('FORBIDDEN'),
      );
    });
  });
}
