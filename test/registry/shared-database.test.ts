// Several processes on one database: on PostgreSQL, several `iotlabel serve` whose writes are serialised
// (event seq follows commit order, versions never collide); on both, a cached answer in one process notices
// another's write (on SQLite the other process is `iotlabel admin`). One SQLite file takes one server:
// better-sqlite3 waits for a lock synchronously, so concurrent writers belong in separate processes.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS } from '../support/dialects.js';
import { declarationFor, manufacturer, openTestRegistry, type TestRegistry } from '../support/registry.js';
import type { Services } from '../../src/registry/index.js';

for (const dialect of DIALECTS) {
  describe(`two servers sharing one ${dialect} database`, () => {
    let t: TestRegistry;
    let a: Services;
    let b: Services;
    before(async () => {
      t = await openTestRegistry(dialect);
      a = t.services;
      b = await t.second();
    });
    after(async () => {
      await b.close();
      await t.close();
    });

    if (dialect === 'postgres')
      test('concurrent amendments from both get distinct versions and events in commit order', async () => {
        const maker = await manufacturer(a, 'Shared Maker');
        const actorB = await b.organisations.authenticate(maker.key);
        const ids = { brand: 'Shared', model: 'S-1', gtins: [] };
        const { product } = await a.declarations.submitForModel(maker.actor, declarationFor(ids));
        const writes = Array.from({ length: 8 }, (_, i) =>
          (i % 2 === 0 ? a : b).declarations.submitDeclaration(
            i % 2 === 0 ? maker.actor : actorB,
            product.id,
            declarationFor(ids),
          ),
        );
        const versions = (await Promise.all(writes)).map((d) => d.version).sort((x, y) => x! - y!);
        assert.deepEqual(versions, [2, 3, 4, 5, 6, 7, 8, 9]);
        const events = (await b.journal.events(0, 1000)).filter(
          (e) => e.type === 'declaration-submitted' && e.productId === product.id,
        );
        assert.deepEqual(
          events.map((e) => (e.payload as { version: number }).version),
          [1, 2, 3, 4, 5, 6, 7, 8, 9],
          'seq order is version order, i.e. commit order',
        );
      });

    test("a cached sellability answer in one server is refreshed after the other's write", async () => {
      const maker = await manufacturer(a, 'Cache Maker');
      const ids = { brand: 'Cache', model: 'C-1', gtins: ['05012345671093'] };
      await a.products.createProduct(maker.actor, {
        brand: 'Cache',
        model: 'C-1',
        name: 'C',
        category: 'hub',
        gtins: ids.gtins,
      });
      await b.sellability.refreshFromStore();
      const before = await b.sellability.checkSellable({ gtin: ids.gtins[0], regime: 'uk-psti-2023' });
      assert.equal(before.answer.outcome, 'not-declared');
      await a.declarations.submitForModel(maker.actor, declarationFor(ids));
      assert.equal(
        (await b.sellability.checkSellable({ gtin: ids.gtins[0], regime: 'uk-psti-2023' })).answer.outcome,
        'not-declared',
        'served from the cache until it looks',
      );
      await b.sellability.refreshFromStore();
      const after = await b.sellability.checkSellable({ gtin: ids.gtins[0], regime: 'uk-psti-2023' });
      assert.equal(after.answer.outcome, 'pass');
      assert.notEqual(after.etag, before.etag);
    });
  });
}
