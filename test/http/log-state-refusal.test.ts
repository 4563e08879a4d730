// Issue 15, point 3: an edit of the database that the log does not carry. After a revoked label is set back
// to valid and a support date is shortened directly in the database, a registry started again on it refuses
// the label answer and the status list the QR page reads (LOG_STATE_MISMATCH), and /readyz answers 503
// naming both products; a label of an untouched product is still served. On SQLite and PostgreSQL.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/index.js';
import type { Services } from '../../src/registry/index.js';
import { DIALECTS } from '../support/dialects.js';
import { declarationFor, manufacturer, openTestRegistry, operator, type TestRegistry } from '../support/registry.js';

const BRAND = 'State Check Devices';

for (const dialect of DIALECTS) {
  describe(`stored facts against the log on ${dialect}`, () => {
    let t: TestRegistry;
    let first: FastifyInstance;
    let restarted: { services: Services; app: FastifyInstance } | undefined;
    const ids = { revoked: '', shortened: '', untouched: '', revokedLabel: '', untouchedLabel: '', list: 0 };

    before(async () => {
      t = await openTestRegistry(dialect);
      const s = t.services;
      const { actor } = await manufacturer(s, BRAND);
      const declare = async (model: string, gtin: string) =>
        (
          await s.declarations.submitForModel(
            actor,
            declarationFor({ brand: BRAND, model, gtins: [gtin] }, '2030-12-31'),
          )
        ).product.id;
      ids.revoked = await declare('S-REVOKED', '05012345670034');
      ids.shortened = await declare('S-SHORT', '05012345670003');
      ids.untouched = await declare('S-FINE', '05012345670010');
      const revoked = (await s.labels.issueLabel(actor, ids.revoked, { regime: 'uk-2019-option-a' })).label;
      await s.labels.changeStatus(operator, revoked.id, { status: 'revoked', reason: 'a default password was found' });
      ids.revokedLabel = revoked.id;
      ids.untouchedLabel = (await s.labels.issueLabel(actor, ids.untouched, { regime: 'uk-2019-option-a' })).label.id;
      ids.list = Number(
        (
          await s.store.db
            .selectFrom('labels')
            .select('statusList')
            .where('id', '=', revoked.id)
            .executeTakeFirstOrThrow()
        ).statusList,
      );
      first = await buildApp(s, { logger: false });
      await first.ready();
    });
    after(async () => {
      await first.close();
      if (restarted) {
        await restarted.app.close();
        await restarted.services.close();
      }
      await t.close();
    });

    test('before the edit: /readyz is ready, the label and its status list are served', async () => {
      const ready = await first.inject('/readyz');
      assert.equal(ready.statusCode, 200, ready.body);
      assert.deepEqual(ready.json(), { status: 'ready' });
      const label = await first.inject(`/v1/labels/${ids.revokedLabel}`);
      assert.equal(label.statusCode, 200, label.body);
      assert.equal(label.json<{ status: { status: string } }>().status.status, 'revoked');
      assert.equal((await first.inject(`/v1/status-lists/${ids.list}`)).statusCode, 200);
    });

    test('after the edit and a restart: refused as fact, and /readyz says not ready naming the products', async () => {
      const db = t.services.store.db;
      await db.updateTable('labels').set({ status: 'valid' }).where('id', '=', ids.revokedLabel).execute();
      await db
        .updateTable('declarations')
        .set({ supportEndDate: '2027-01-31' })
        .where('productId', '=', ids.shortened)
        .execute();
      const services = await t.second();
      const app = await buildApp(services, { logger: false });
      restarted = { services, app };

      const ready = await app.inject('/readyz');
      assert.equal(ready.statusCode, 503, ready.body);
      assert.match(String(ready.headers['content-type']), /^application\/problem\+json/);
      const problem = ready.json<{ code: string; status: number; detail: string; errors?: { pointer: string }[] }>();
      assert.equal(problem.code, 'LOG_STATE_MISMATCH');
      assert.equal(problem.status, 503);
      assert.ok(problem.detail.includes(ids.revoked), problem.detail);
      assert.ok(problem.detail.includes(ids.shortened), problem.detail);
      assert.ok(!problem.detail.includes(ids.untouched), problem.detail);
      assert.match(
        problem.detail,
        new RegExp(`label ${ids.revokedLabel} is stored as valid, but the log says revoked`),
      );
      assert.match(problem.detail, /the stored support end date is 2027-01-31, but the log promises 2030-12-31/);
      assert.ok((problem.errors ?? []).every((e) => /^\/log\/entries\/\d+$/.test(e.pointer)));

      const label = await app.inject(`/v1/labels/${ids.revokedLabel}`);
      assert.equal(label.json<{ code: string }>().code, 'LOG_STATE_MISMATCH', label.body);
      assert.match(label.json<{ detail: string }>().detail, /stored as valid, but the log says revoked/);

      // The list the QR page reads would show the label as valid again: it is refused, not signed.
      const list = await app.inject(`/v1/status-lists/${ids.list}`);
      assert.equal(list.json<{ code: string }>().code, 'LOG_STATE_MISMATCH', list.body);
      assert.ok(list.json<{ detail: string }>().detail.includes(`status list ${ids.list}`));

      const fine = await app.inject(`/v1/labels/${ids.untouchedLabel}`);
      assert.equal(fine.statusCode, 200, fine.body);
      assert.equal(fine.json<{ status: { status: string } }>().status.status, 'valid');
    });
  });
}
