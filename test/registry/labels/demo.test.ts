// The demo seed issues labels for the products that qualify, including a cross and a revoked one.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS } from '../../support/dialects.js';
import { openTestRegistry, type TestRegistry } from '../../support/registry.js';
import { seedDemo } from '../../../src/demo/index.js';

for (const dialect of DIALECTS) {
  describe(`demo labels on ${dialect}`, () => {
    let t: TestRegistry;
    before(async () => {
      t = await openTestRegistry(dialect);
    });
    after(async () => {
      await t.close();
    });

    test('ticks, a cross and a revoked label; Option A sellability follows them', async () => {
      const summary = await seedDemo(t.services);
      assert.equal(summary.labels, 5);
      const rows = await t.services.store.db.selectFrom('labels').selectAll().execute();
      assert.equal(rows.length, 5);
      assert.ok(
        rows.some((r) => r.shield === 'cross' && r.status === 'valid'),
        'a valid label with a cross',
      );
      const revoked = rows.filter((r) => r.status === 'revoked');
      assert.equal(revoked.length, 1);
      const answer = (
        await t.services.sellability.checkSellable({ productId: revoked[0]!.productId, regime: 'uk-2019-option-a' })
      ).answer;
      assert.equal(answer.sellable, false);
      assert.equal(answer.labelId, revoked[0]!.id);
      const camera = (
        await t.services.sellability.checkSellable({ gtin: '05012345678900', regime: 'uk-2019-option-c' })
      ).answer;
      assert.equal(camera.sellable, true);
      assert.ok(camera.labelId);
    });
  });
}
