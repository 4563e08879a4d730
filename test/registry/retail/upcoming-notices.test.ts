// Issue 14: a retailer is told ahead of a rule date that changes a watched product's answer. A camera with
// three years of support may not be sold in the EU from 11 December 2027 (the CRA): the watch list gets a
// `sale-ends-soon` notice 90 days and again 30 days before, once each, and the webhook delivers both.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServices, type Services } from '../../../src/registry/index.js';
import type { Actor } from '../../../src/registry/actor.js';
import type { Notice } from '../../../src/registry/retail/watch-notices.js';
import { DIALECTS, openTestStore, type TestStore } from '../../support/dialects.js';
import { declarationFor, manufacturer, operator } from '../../support/registry.js';

const CAMERA = '05012345678900';
const PLUG = '12345678901231';
const day = (d: string) => new Date(`${d}T06:00:00Z`);

for (const dialect of DIALECTS) {
  describe(`notices ahead of coming rule dates (${dialect})`, () => {
    let t: TestStore;
    let s: Services;
    let shop: Actor;
    /** Shops that chose their market: told only of that market's dates. */
    let ukShop: Actor;
    let euShop: Actor;
    let clock = day('2026-12-02');
    let receiver: Server;
    let port = 0;
    const received: Notice[] = [];

    before(async () => {
      t = await openTestStore(dialect);
      s = createServices({
        store: t.store,
        clock: () => clock,
        retail: { allowLoopbackWebhooks: true, retryBaseMs: 1000, retryMaxMs: 8000 },
      });
      const acme = await manufacturer(s, 'Acme Devices Ltd');
      // Three years of security updates: enough for the UK and AU, not for the CRA.
      await s.declarations.submitForModel(
        acme.actor,
        declarationFor({ brand: 'Acme', model: 'CAM-3Y', gtins: [CAMERA] }, '2029-12-01'),
      );
      // Not watched: it never gets a notice.
      await s.declarations.submitForModel(
        acme.actor,
        declarationFor({ brand: 'Acme', model: 'PLUG-3Y', gtins: [PLUG] }, '2029-12-01'),
      );
      const org = await s.organisations.registerOrganisation(operator, { name: 'Shop', kind: 'retailer' });
      shop = await s.organisations.authenticate((await s.organisations.createKey(operator, org.id, {})).key);
      receiver = createServer((req, res) => {
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString()));
        req.on('end', () => {
          received.push(JSON.parse(body) as Notice);
          res.writeHead(200).end();
        });
      });
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
      port = (receiver.address() as AddressInfo).port;
      await s.retail.watchlists.replace(shop, [CAMERA]);
      for (const [name, market] of [
        ['UK Shop', 'UK'],
        ['EU Shop', 'EU'],
      ] as const) {
        const o = await s.organisations.registerOrganisation(operator, { name, kind: 'retailer' });
        const a = await s.organisations.authenticate((await s.organisations.createKey(operator, o.id, {})).key);
        await s.retail.settings.chooseMarket(a, market);
        await s.retail.watchlists.replace(a, [CAMERA]);
        if (market === 'UK') ukShop = a;
        else euShop = a;
      }
      await s.retail.webhooks.create(shop, {
        url: `http://127.0.0.1:${port}/hook`,
        secret: 'a-test-secret-of-some-length',
      });
      await s.retail.notices.followEvents();
    });
    after(async () => {
      receiver.close();
      await s.close();
      await t.close();
    });

    const scan = async (d: string) => {
      clock = day(d);
      return s.retail.notices.scanUpcomingDates(clock);
    };
    const ahead = async (of: Actor = shop) =>
      (await s.retail.notices.noticesOf((of as { organisationId: string }).organisationId)).notices.filter(
        (n) => n.upcoming !== undefined,
      );

    test('nothing is told more than 90 days ahead', async () => {
      assert.equal(await scan('2026-12-02'), 0);
      assert.equal(await scan('2027-09-11'), 0, '91 days before 11 December 2027: not yet');
      assert.deepEqual(await ahead(), []);
    });

    test('90 days before the CRA date: one sale-ends-soon notice naming the EU markets and the CRA; once', async () => {
      assert.equal(await scan('2027-09-12'), 2, 'the shop without a market, and the EU shop');
      assert.equal(await scan('2027-09-12'), 0, 'the same scan again tells nothing');
      assert.equal(await scan('2027-10-20'), 0, 'nor a later scan within the same lead');
      const [n] = await ahead();
      assert.equal(n!.type, 'sale-ends-soon');
      assert.deepEqual([n!.upcoming!.date, n!.upcoming!.leadDays], ['2027-12-11', 90]);
      assert.deepEqual(n!.product.watchedGtins, [CAMERA]);
      assert.deepEqual(
        n!.upcoming!.markets.map((m) => [m.market, m.regimes, m.sellableFrom]),
        [
          ['EU', ['eu-cra'], false],
          ['DE', ['eu-cra'], false],
          ['FI', ['eu-cra'], false],
        ],
      );
      assert.match(n!.title, /may not be sold in EU, DE, FI from 2027-12-11/);
      assert.match(n!.summary, /cra-art13-8-support-period/);
      // A shop in the UK is not told of the EU's date; a shop in the EU is told of its own market only.
      assert.deepEqual(await ahead(ukShop), []);
      const [eu] = await ahead(euShop);
      assert.deepEqual(
        eu!.upcoming!.markets.map((m) => m.market),
        ['EU'],
      );
    });

    test('30 days before: a second notice, once; after the date nothing more', async () => {
      assert.equal(await scan('2027-11-10'), 0, '31 days before');
      assert.equal(await scan('2027-11-11'), 2);
      assert.equal(await scan('2027-11-30'), 0);
      assert.equal(await scan('2027-12-11'), 0, 'the day itself is no longer coming');
      const told = await ahead();
      assert.deepEqual(
        told.map((n) => [n.type, n.upcoming!.date, n.upcoming!.leadDays]),
        [
          ['sale-ends-soon', '2027-12-11', 30],
          ['sale-ends-soon', '2027-12-11', 90],
        ],
      );
      assert.notEqual(told[0]!.id, told[1]!.id);
    });

    test('the webhook delivers both notices, each once, with the coming date', async () => {
      assert.equal(await s.retail.delivery.deliverDue(), 2);
      assert.equal(await s.retail.delivery.deliverDue(), 0);
      const mine = received.filter((n) => n.type === 'sale-ends-soon');
      assert.deepEqual(
        mine.map((n) => [n.upcoming!.date, n.upcoming!.leadDays]),
        [
          ['2027-12-11', 90],
          ['2027-12-11', 30],
        ],
      );
      assert.equal(new Set(mine.map((n) => n.id)).size, 2);
    });
  });
}
