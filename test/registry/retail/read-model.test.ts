// The sellability read model: answers kept per product x regime x day are never served stale. In one
// process a write drops exactly the answers of the products it names before the writer answers; another
// process (a second services instance on its own connection, as a second `serve`) sees the write within a
// second through its watcher; unknown GTINs come from the in-memory GTIN index and turn known at once.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS } from '../../support/dialects.js';
import { hasCode } from '../../support/assert.js';
import { withCheckDigit } from '../../support/gtin.js';
import { declarationFor, example, manufacturer, openTestRegistry, type TestRegistry } from '../../support/registry.js';
import type { Services } from '../../../src/registry/index.js';

const REGIME = 'uk-psti-2023';

/** A declaration for `ids` that fails UK PSTI (a universal default password). */
function failing(ids: { brand: string; model: string; gtins: string[] }) {
  const doc = declarationFor(ids);
  doc.passwords = example('universal-default-password').passwords;
  return doc;
}

async function waitFor(what: string, check: () => Promise<boolean>, withinMs: number): Promise<number> {
  const start = Date.now();
  for (;;) {
    if (await check()) return Date.now() - start;
    if (Date.now() - start > withinMs) assert.fail(`${what}: not seen within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

for (const dialect of DIALECTS) {
  describe(`sellability read model on ${dialect}`, () => {
    let t: TestRegistry;
    let s: Services;
    let maker: Awaited<ReturnType<typeof manufacturer>>;
    before(async () => {
      t = await openTestRegistry(dialect);
      s = t.services;
      maker = await manufacturer(s, 'Read Model Maker');
    });
    after(() => t.close());

    test('a write is seen by the very next answer, every time, and only its product is recomputed', async () => {
      const ids = { brand: 'Read', model: 'R-1', gtins: [withCheckDigit('501234567201')] };
      const other = { brand: 'Read', model: 'R-2', gtins: [withCheckDigit('501234567202')] };
      await s.declarations.submitForModel(maker.actor, declarationFor(other));
      const { product } = await s.declarations.submitForModel(maker.actor, declarationFor(ids));
      const ask = () => s.sellability.checkSellable({ gtin: ids.gtins[0], regime: REGIME });
      const askOther = () => s.sellability.checkSellable({ gtin: other.gtins[0], regime: REGIME });
      const otherBefore = await askOther();
      const etags = new Set<string>();
      for (let round = 0; round < 6; round++) {
        const fails = round % 2 === 0;
        // Reads racing the write: whatever they see, the first read after the write resolves is current.
        const racing = Array.from({ length: 5 }, () => ask());
        await s.declarations.submitDeclaration(maker.actor, product.id, fails ? failing(ids) : declarationFor(ids));
        await Promise.all(racing);
        const { answer, etag } = await ask();
        assert.equal(answer.outcome, fails ? 'fail' : 'pass', `round ${round}`);
        assert.equal(answer.declaration?.version, round + 2, `round ${round}: the newest version answers`);
        etags.add(etag);
        // Asked by product id, the same kept answer serves (one model per product, not per query).
        assert.equal((await s.sellability.checkSellable({ productId: product.id, regime: REGIME })).etag, etag);
      }
      assert.equal(etags.size, 6, 'every version has its own ETag');
      assert.strictEqual(await askOther(), otherBefore, "another product's answer was kept, not recomputed");
      await s.products.withdrawProduct(maker.actor, product.id, 'recalled');
      assert.equal((await ask()).answer.outcome, 'withdrawn');
    });

    test('the day is part of the answer: a support period ending changes the answer on that day', async () => {
      const ids = { brand: 'Read', model: 'R-3', gtins: [withCheckDigit('501234567203')] };
      await s.declarations.submitForModel(maker.actor, declarationFor(ids, '2027-03-31'));
      const on = async (at: string) =>
        (await s.sellability.checkSellable({ gtin: ids.gtins[0], regime: REGIME, at })).answer.reason;
      assert.match(await on('2027-03-31'), /security updates until 2027-03-31/);
      assert.match(await on('2027-04-01'), /security updates ended 2027-03-31/);
      assert.match(await on('2027-03-31'), /until/, 'kept answers of both days stay apart');
    });

    test('a product asked under several regimes and days keeps each answer apart, and a write drops them all', async () => {
      const ids = { brand: 'Read', model: 'R-8', gtins: [withCheckDigit('501234567208')] };
      const { product } = await s.declarations.submitForModel(maker.actor, failing(ids));
      const other = { brand: 'Read', model: 'R-9', gtins: [withCheckDigit('501234567209')] };
      await s.declarations.submitForModel(maker.actor, declarationFor(other));
      const asks = [
        { regime: REGIME, at: '2026-12-01' },
        { regime: 'etsi-en-303645-v3.1.3', at: '2026-12-01' },
        { regime: REGIME, at: '2026-12-02' },
      ];
      const ask = (q: { regime: string; at: string }) => s.sellability.checkSellable({ gtin: ids.gtins[0], ...q });
      const otherKept = await s.sellability.checkSellable({ gtin: other.gtins[0], ...asks[0]! });
      const first = await Promise.all(asks.map(ask));
      const keptBefore = s.sellability.cacheSize();
      assert.deepEqual(
        first.map((r) => [r.answer.regime, r.answer.at]),
        asks.map((q) => [q.regime, q.at]),
      );
      const again = await Promise.all(asks.map(ask));
      again.forEach((r, i) => assert.strictEqual(r, first[i], `${asks[i]!.regime} ${asks[i]!.at}: kept`));
      assert.equal(s.sellability.cacheSize(), keptBefore, 'asking again keeps nothing more');
      assert.equal(first[0]!.answer.outcome, 'fail');

      await s.declarations.submitDeclaration(maker.actor, product.id, declarationFor(ids));
      assert.equal(
        s.sellability.cacheSize(),
        keptBefore - asks.length,
        "the write dropped exactly its product's answers",
      );
      const after = await Promise.all(asks.map(ask));
      after.forEach((r, i) => assert.notStrictEqual(r, first[i], `${asks[i]!.regime} ${asks[i]!.at}: recomputed`));
      assert.equal(after[0]!.answer.outcome, 'pass');
      assert.equal(after[0]!.answer.declaration?.version, 2);
      assert.strictEqual(
        await s.sellability.checkSellable({ gtin: other.gtins[0], ...asks[0]! }),
        otherKept,
        "another product's answer stays kept",
      );
    });

    test('unknown GTINs: NOT_FOUND from the index, known the moment a product registers them', async () => {
      const gtin = withCheckDigit('501234567204');
      await assert.rejects(s.sellability.checkSellable({ gtin, regime: REGIME }), hasCode('NOT_FOUND'));
      await assert.rejects(s.sellability.checkSellable({ gtin, regime: REGIME }), hasCode('NOT_FOUND'));
      await s.declarations.submitForModel(maker.actor, declarationFor({ brand: 'Read', model: 'R-4', gtins: [gtin] }));
      assert.equal((await s.sellability.checkSellable({ gtin, regime: REGIME })).answer.outcome, 'pass');
      // Hostile input still fails as it always did, before any look-up.
      await assert.rejects(
        s.sellability.checkSellable({
          gtin: gtin.slice(0, -1) + String((Number(gtin.at(-1)) + 1) % 10),
          regime: REGIME,
        }),
        hasCode('GTIN_INVALID'),
      );
      await assert.rejects(s.sellability.checkSellable({ gtin, regime: 'no-such-regime' }), hasCode('REGIME_UNKNOWN'));
      await assert.rejects(
        s.sellability.checkSellable({ gtin, regime: REGIME, at: '2027-02-30' }),
        hasCode('INPUT_INVALID'),
      );
      await assert.rejects(
        s.sellability.checkSellable({ gtin, productId: 'x', regime: REGIME }),
        hasCode('INPUT_INVALID'),
      );
    });

    test('catalogue look-ups and the snapshot read the same kept facts, and follow a write at once', async () => {
      const ids = { brand: 'Read', model: 'R-7', gtins: [withCheckDigit('501234567207')] };
      const { product } = await s.declarations.submitForModel(maker.actor, declarationFor(ids));
      const day = '2026-11-24';
      const looked = async () => (await s.facts.lookup(day).byGtin(ids.gtins[0]!))?.regimes[REGIME]?.outcome;
      const inSnapshot = async () => {
        for await (const f of s.facts.allFacts(day)) if (f.productId === product.id) return f.regimes[REGIME]?.outcome;
        return undefined;
      };
      assert.equal(await looked(), 'pass');
      assert.equal(await inSnapshot(), 'pass');
      assert.ok(s.facts.keptCount() > 0, 'facts are kept');
      await s.declarations.submitDeclaration(maker.actor, product.id, failing(ids));
      assert.equal(await looked(), 'fail');
      assert.equal(await inSnapshot(), 'fail');
      const answer = await s.sellability.checkSellable({ productId: product.id, regime: REGIME, at: day });
      assert.equal(answer.answer.outcome, 'fail', 'one sale rule, one model: the single answer agrees');
    });

    test('warming fills the model for today from the index', async () => {
      const computed = await s.sellability.warm(REGIME);
      assert.ok(computed >= 0);
      const size = s.sellability.cacheSize();
      assert.ok(size >= 3, `kept ${size}`);
      assert.equal(await s.sellability.warm(REGIME), 0, 'nothing left to compute');
    });

    test("another process's write is seen within a second, per product", async () => {
      const b = await t.second();
      try {
        b.watchForeignWrites();
        const ids = { brand: 'Read', model: 'R-5', gtins: [withCheckDigit('501234567205')] };
        const fresh = withCheckDigit('501234567206');
        const { product } = await s.declarations.submitForModel(maker.actor, declarationFor(ids));
        const askB = (gtin = ids.gtins[0]) => b.sellability.checkSellable({ gtin, regime: REGIME });
        await waitFor('the new product', async () => (await askB().catch(() => null)) !== null, 1000);
        assert.equal((await askB()).answer.outcome, 'pass');
        await assert.rejects(askB(fresh), hasCode('NOT_FOUND'));
        for (let round = 0; round < 3; round++) {
          const fails = round % 2 === 0;
          await s.declarations.submitDeclaration(maker.actor, product.id, fails ? failing(ids) : declarationFor(ids));
          await waitFor(
            `round ${round}`,
            async () => (await askB()).answer.outcome === (fails ? 'fail' : 'pass'),
            1000,
          );
        }
        // The kept facts of catalogue checks and the snapshot follow the other process's write too.
        const lookB = async () => (await b.facts.lookup('2026-11-24').byGtin(ids.gtins[0]!))?.regimes[REGIME]?.outcome;
        assert.equal(await lookB(), 'fail');
        await s.declarations.submitDeclaration(maker.actor, product.id, declarationFor(ids));
        await waitFor('catalogue facts', async () => (await lookB()) === 'pass', 1000);
        await s.declarations.submitForModel(
          maker.actor,
          declarationFor({ brand: 'Read', model: 'R-6', gtins: [fresh] }),
        );
        await waitFor('a GTIN registered elsewhere', async () => (await askB(fresh).catch(() => null)) !== null, 1000);
      } finally {
        await b.close();
      }
    });
  });
}
