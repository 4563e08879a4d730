// A retailer's market, chosen once: stored per organisation on both databases, replaced when chosen again,
// and the default rules of its checks follow it; unknown markets and other roles are refused.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { defaultRetailRegime } from '../../../src/regimes/index.js';
import { DIALECTS } from '../../support/dialects.js';
import { manufacturer, openTestRegistry, operator, type TestRegistry } from '../../support/registry.js';

for (const dialect of DIALECTS) {
  describe(`retailer settings on ${dialect}`, () => {
    let t: TestRegistry;
    before(async () => {
      t = await openTestRegistry(dialect);
    });
    after(async () => {
      await t.close();
    });

    const retailer = async (name: string) => {
      const org = await t.services.organisations.registerOrganisation(operator, { name, kind: 'retailer' });
      const key = await t.services.organisations.createKey(operator, org.id, {});
      return t.services.organisations.authenticate(key.key);
    };

    test('no market yet: the default regime; a chosen market is what checks use', async () => {
      const shop = await retailer('Shop One');
      assert.deepEqual(await t.services.retail.settings.defaults(shop), {
        market: null,
        rules: { regime: defaultRetailRegime() },
      });
      assert.deepEqual(await t.services.retail.settings.chooseMarket(shop, 'au'), {
        market: 'AU',
        rules: { market: 'AU' },
      });
      await t.services.retail.settings.chooseMarket(shop, 'EU');
      assert.deepEqual(await t.services.retail.settings.defaults(shop), { market: 'EU', rules: { market: 'EU' } });
      // A market where no law binds a sale is still the shop's market: its checks say no law restricts the sale.
      assert.deepEqual(await t.services.retail.settings.chooseMarket(shop, 'JP'), {
        market: 'JP',
        rules: { market: 'JP' },
      });
      const other = await retailer('Shop Two');
      assert.equal((await t.services.retail.settings.defaults(other)).market, null, 'per organisation');
    });

    test('an unknown market is INPUT_INVALID and changes nothing; other roles are FORBIDDEN', async () => {
      const shop = await retailer('Shop Three');
      await t.services.retail.settings.chooseMarket(shop, 'UK');
      for (const bad of ['XX', '', '<script>', 'U K'])
        await assert.rejects(t.services.retail.settings.chooseMarket(shop, bad), { code: 'INPUT_INVALID' });
      assert.equal((await t.services.retail.settings.defaults(shop)).market, 'UK');
      const maker = await manufacturer(t.services, 'Maker Ltd');
      await assert.rejects(t.services.retail.settings.chooseMarket(maker.actor, 'UK'), { code: 'FORBIDDEN' });
      await assert.rejects(t.services.retail.settings.defaults(operator), { code: 'FORBIDDEN' });
    });
  });
}
