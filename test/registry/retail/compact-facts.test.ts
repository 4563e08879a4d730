// The kept sale facts are compact: products judged alike share one frozen per-regime record. Round trip:
// over every example declaration (and the retail fixture's labelled, withdrawn and undeclared products), on
// every date a market's law starts binding and around it, the kept facts say exactly what the full facts
// say (the first reason per regime, as the sale rule reads them) and every sale verdict is the same.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { addDays } from '../../../src/calendar.js';
import { sellabilityVerdict } from '../../../src/catalogue/sellability-verdict.js';
import type { SellabilityFacts } from '../../../src/catalogue/types.js';
import type { Services } from '../../../src/registry/index.js';
import { createRegimesPool } from '../../../src/registry/retail/facts.js';
import { listMarkets, marketLaws } from '../../../src/regimes/index.js';
import { retail } from '../../../src/store/index.js';
import { DIALECTS } from '../../support/dialects.js';
import { withCheckDigit } from '../../support/gtin.js';
import { example, manufacturer, openTestRegistry, type TestRegistry } from '../../support/registry.js';
import { seedRetail } from './fixture.js';

const examples = readdirSync(new URL('../../../examples/declarations/', import.meta.url))
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -'.json'.length));

/** Every day a market's law starts binding, the day before it, and days on both sides of the examples' support ends. */
const days = [
  ...new Set([
    ...listMarkets().flatMap((m) => marketLaws(m).flatMap((law) => [addDays(law.from, -1), law.from])),
    '2024-01-01',
    '2026-12-03',
    '2028-06-30',
    '2028-07-01',
    '2031-01-01',
  ]),
].sort();

for (const dialect of DIALECTS) {
  describe(`compact kept facts on ${dialect}`, () => {
    let t: TestRegistry;
    let s: Services;
    before(async () => {
      t = await openTestRegistry(dialect);
      s = t.services;
      await seedRetail(s);
      const maker = await manufacturer(s, 'Compact Facts Maker');
      for (const [i, name] of examples.entries()) {
        const doc = example(name);
        doc.product = {
          ...doc.product,
          model: `COMPACT-${i}`,
          gtins: [withCheckDigit(`5099000${String(i).padStart(5, '0')}`)],
        };
        await s.declarations.submitForModel(maker.actor, doc);
      }
    });
    after(async () => {
      await t.close();
    });

    test('kept facts round-trip the full facts on every market date, verdict for verdict', async () => {
      const rows = await retail.productPage(s.store.db, '', 1000);
      assert.ok(rows.length >= examples.length + 7);
      const regimes = s.engine.listRegimes().map((r) => r.id);
      let compared = 0;
      for (const at of days) {
        const full = new Map(
          (await s.facts.productFacts(s.store.db, rows, at)).map((f) => [f.facts.productId, f.facts]),
        );
        // The first pass works the facts out and keeps them; the second answers from what was kept.
        for (let pass = 0; pass < 2; pass++) {
          const kept: SellabilityFacts[] = [];
          for await (const f of s.facts.allFacts(at)) kept.push(f);
          assert.equal(kept.length, rows.length);
          for (const compact of kept) {
            const whole = full.get(compact.productId)!;
            assert.deepEqual(
              { ...compact, regimes: { ...compact.regimes } },
              {
                ...whole,
                regimes: Object.fromEntries(
                  Object.entries(whole.regimes).map(([id, e]) => [id, { ...e, reasons: e.reasons.slice(0, 1) }]),
                ),
              },
              `${compact.productId} on ${at}`,
            );
            for (const regime of regimes) {
              const rule = s.facts.rule(regime);
              assert.deepEqual(
                sellabilityVerdict(compact, regime, at, rule),
                sellabilityVerdict(whole, regime, at, rule),
                `${compact.productId} under ${regime} on ${at}`,
              );
              compared++;
            }
          }
        }
      }
      assert.ok(compared > days.length * regimes.length * 10);
    });

    test('products judged alike share one frozen record; a product judged otherwise has its own', async () => {
      const at = '2026-12-03';
      const kept: SellabilityFacts[] = [];
      for await (const f of s.facts.allFacts(at)) kept.push(f);
      const distinct = new Set(kept.map((f) => f.regimes));
      assert.ok(distinct.size < kept.length, `${distinct.size} records for ${kept.length} products`);
      for (const f of kept) {
        assert.ok(Object.isFrozen(f.regimes));
        const same = kept.filter((g) => JSON.stringify(g.regimes) === JSON.stringify(f.regimes));
        assert.ok(
          same.every((g) => g.regimes === f.regimes),
          'equal records are one copy',
        );
      }
      // Shared records cannot be changed through one product.
      const entry = Object.values(kept[0]!.regimes)[0]!;
      assert.throws(() => {
        (entry as { sellable: boolean }).sellable = !entry.sellable;
      }, TypeError);
    });
  });
}

test('the regimes pool answers equal records with one copy and starts afresh when full', () => {
  const share = createRegimesPool(2);
  const record = (outcome: 'pass' | 'fail') => ({
    r: { outcome, sellable: outcome === 'pass', reasons: ['why'], supportEndDate: '2030-12-31', label: null },
  });
  const a = share(record('pass'));
  assert.equal(share(record('pass')), a);
  const b = share(record('fail'));
  assert.notEqual(b, a);
  assert.deepEqual(b, record('fail'));
  // A third distinct record fills the pool: it starts again, and records handed out stay as they were.
  share({ other: record('pass').r });
  assert.notEqual(share(record('pass')), a);
  assert.deepEqual(a, record('pass'));
});
