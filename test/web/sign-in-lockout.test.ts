// Issue 18, point 6, through the sign-in page: two apps on one database (two `serve` processes) share the
// lockout, so guesses spread over both still lock the address, on SQLite and on PostgreSQL.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { DIALECTS } from '../support/dialects.js';
import { buildApp } from '../../src/server/index.js';
import { createServices, type Services } from '../../src/registry/index.js';
import { Browserish, openWebFixture, type WebFixture } from './support.js';

for (const dialect of DIALECTS) {
  describe(`sign-in lockout across two apps (${dialect})`, () => {
    let f: WebFixture;
    let second: Services;
    let other: FastifyInstance;
    before(async () => {
      // The per-address page limit is raised so that only the per-email lockout is at work.
      f = await openWebFixture({ dialect, web: { signInPerMinute: 1000 } });
      second = createServices({
        store: await f.reopen(),
        clock: f.services.clock,
        scryptCost: { N: 1024, r: 8, p: 1 },
      });
      other = await buildApp(second, { logger: false, web: { signInPerMinute: 1000 } });
      await other.ready();
    });
    after(async () => {
      await other.close();
      await second.close();
      await f.close();
    });

    test('five wrong passwords spread over two apps lock the address on both; the operator unlocks it', async () => {
      const apps = [f.app, other];
      for (let i = 0; i < 5; i++) {
        const res = await new Browserish(apps[i % 2]!).signIn(f.acme.email, 'not the password');
        assert.equal(res.statusCode, 400, `try ${i + 1}`);
      }
      for (const app of apps) {
        const res = await new Browserish(app).signIn(f.acme.email, f.acme.password);
        assert.equal(res.statusCode, 429);
        assert.match(res.body, /tried to sign in too many times/);
      }
      // Other addresses are not affected, and a flood of made-up ones does not lift the lockout.
      assert.equal((await new Browserish(other).signIn(f.retailer.email, f.retailer.password)).statusCode, 303);
      for (let i = 0; i < 20; i++) await new Browserish(f.app).signIn(`guess-${i}@flood.example`, 'x');
      assert.equal((await new Browserish(other).signIn(f.acme.email, f.acme.password)).statusCode, 429);
      assert.equal(await second.sessions.unlock(f.acme.email), true);
      assert.equal((await new Browserish(f.app).signIn(f.acme.email, f.acme.password)).statusCode, 303);
    });
  });
}
