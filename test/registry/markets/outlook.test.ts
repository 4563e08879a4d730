// The registry across its markets (issue 14), on both databases: how many registered products would stop
// being sellable in each market on each coming date, and "what if AU adopted the CRA's five-year minimum".
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS } from '../../support/dialects.js';
import { hasCode } from '../../support/assert.js';
import { declarationFor, example, manufacturer, openTestRegistry, type TestRegistry } from '../../support/registry.js';

const AT = '2026-12-02';

for (const dialect of DIALECTS) {
  describe(`market outlook (${dialect})`, () => {
    let r: TestRegistry;
    before(async () => {
      r = await openTestRegistry(dialect, () => new Date(`${AT}T10:00:00Z`));
      const s = r.services;
      const acme = await manufacturer(s, 'Acme Devices Ltd');
      const declare = (doc: Record<string, unknown>) => s.declarations.submitForModel(acme.actor, doc);
      // Three years of updates: AU and the UK are content, the CRA is not from 11 December 2027.
      await declare(declarationFor({ brand: 'Acme', model: 'THREE', gtins: ['05012345678900'] }, '2029-12-01'));
      // Six years from its first placing on the market: meets a five-year minimum.
      const six = declarationFor({ brand: 'Acme', model: 'SIX', gtins: ['01234567890128'] }, '2032-12-31');
      six.product.firstPlacedOnMarket = '2026-11-01';
      await declare(six);
      // No support period at all: not sellable in AU today, sellable where no law binds.
      await declare(declarationFor({ brand: 'Acme', model: 'NONE', gtins: ['05000000000012'] }, null));
      // Support ends within the CRA's window, and sooner than any minimum.
      await declare(declarationFor({ brand: 'Acme', model: 'ONE', gtins: ['00000002345673'] }, '2027-06-30'));
      // A universal default password: not sellable in AU today, so a new minimum cannot stop it there.
      const bad = example('universal-default-password');
      bad.product = { ...bad.product, brand: 'Acme', model: 'BAD', gtins: ['12345678901231'] };
      await declare(bad);
      // Withdrawn: never counted.
      const gone = await declare(
        declarationFor({ brand: 'Acme', model: 'GONE', gtins: ['00416000336108'] }, '2028-01-31'),
      );
      await s.products.withdrawProduct(acme.actor, gone.product.id, 'recalled');
    });
    after(async () => r.close());

    test('per market and coming date, the products that would stop being sellable', async () => {
      const stops = await r.services.marketOutlook.stopsAhead({ at: AT });
      assert.equal(stops.declared, 5, 'the withdrawn product is left out');
      const row = (date: string, market: string) => stops.rows.find((x) => x.date === date && x.market === market);
      // On 11 December 2027 the CRA starts to bind in the EU and the markets that include it.
      for (const market of ['EU', 'DE', 'FI']) {
        const cra = row('2027-12-11', market)!;
        assert.ok(cra, market);
        assert.deepEqual([cra.regimes, cra.kinds], [['eu-cra'], ['rule-change']]);
      }
      assert.equal(row('2027-12-11', 'UK'), undefined, 'no UK rule changes that day');
      assert.equal(row('2027-12-11', 'AU'), undefined);
      assert.ok(stops.rows.every((x) => x.date > AT && x.products > 0));
      assert.deepEqual(
        stops.rows.map((x) => x.date),
        [...stops.rows.map((x) => x.date)].sort(),
      );
      // Asked twice, answered from the cache; a write clears it.
      assert.equal(await r.services.marketOutlook.stopsAhead({ at: AT }), stops);
    });

    test('what if AU adopted a five-year minimum: counts across the registry', async () => {
      const au = await r.services.marketOutlook.supportMinimumWhatIf({ market: 'au', years: 5, at: AT });
      assert.deepEqual(
        [au.market, au.years, au.at, au.declared, au.sellableNow, au.wouldStop, au.noSupportPeriod],
        ['AU', 5, AT, 5, 3, 2, 0],
      );
      assert.deepEqual(au.shown.map((x) => x.product.model).sort(), ['ONE', 'THREE']);
      assert.match(
        au.shown.find((x) => x.product.model === 'THREE')!.reason,
        /Support ends on 2029-12-01, before 2031-12-02/,
      );
      const two = await r.services.marketOutlook.supportMinimumWhatIf({ market: 'AU', years: 2, at: AT });
      // Two years: ONE ends too soon; THREE's end would do for units placed today, but without a first placing
      // date the borrowed rule cannot confirm it (units placed later need a later end), so it stops too.
      assert.deepEqual([two.sellableNow, two.wouldStop], [3, 2]);
      assert.match(two.shown.find((x) => x.product.model === 'THREE')!.reason, /^Declare product\.firstPlacedOnMarket/);
      // Where no law binds, everything declared may be sold now, and the same minimum would bite.
      const us = await r.services.marketOutlook.supportMinimumWhatIf({ market: 'US', years: 5, at: AT });
      assert.deepEqual([us.sellableNow, us.wouldStop, us.noSupportPeriod], [5, 4, 1]);
    });

    test('bad scenarios are refused with their code', async () => {
      await assert.rejects(
        r.services.marketOutlook.supportMinimumWhatIf({ market: 'XX', years: 5 }),
        hasCode('MARKET_UNKNOWN'),
      );
      for (const years of [0, 21, 2.5, Number.NaN])
        await assert.rejects(
          r.services.marketOutlook.supportMinimumWhatIf({ market: 'AU', years }),
          hasCode('INPUT_INVALID'),
          String(years),
        );
      await assert.rejects(r.services.marketOutlook.stopsAhead({ at: '2026-02-30' }), hasCode('INPUT_INVALID'));
    });
  });
}
