// Each distinct assessment result is stored once (migration 0850): declarations of one product line share
// most of theirs. Reading a declaration gives back exactly the results it was assessed with, whether its
// rows point at a shared result or (written before 0850) hold the result in place.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS } from '../../support/dialects.js';
import { declarationFor, manufacturer, openTestRegistry, operator, type TestRegistry } from '../../support/registry.js';
import { withCheckDigit } from '../../support/gtin.js';
import { sha256Hex } from '../../../src/encoding/sha256.js';

for (const dialect of DIALECTS) {
  describe(`assessment results stored once on ${dialect}`, () => {
    let t: TestRegistry;
    before(async () => {
      t = await openTestRegistry(dialect);
    });
    after(async () => t.close());

    test('two declarations of one line share their equal results; each reads back what it was assessed with', async () => {
      const { services } = t;
      const { actor } = await manufacturer(services, 'Shared Results Ltd');
      const doc = (model: string, n: number) =>
        declarationFor({ brand: 'Shared', model, gtins: [withCheckDigit(`950000${String(n).padStart(6, '0')}`)] });
      const first = await services.declarations.submitForModel(actor, doc('SR-1', 1));
      const second = await services.declarations.submitForModel(actor, doc('SR-2', 2));
      const db = services.store.db;
      const ids = [first.declaration.id, second.declaration.id];
      const rows = await db.selectFrom('assessments').selectAll().where('declarationId', 'in', ids).execute();
      assert.equal(rows.length, 2 * first.declaration.assessments.length);
      // New rows keep only the hash; the hash is of the result's JSON, and its row holds that JSON.
      const hashes = new Set(rows.map((r) => r.resultSha256));
      for (const row of rows) assert.equal(row.result, '');
      const results = await db
        .selectFrom('assessmentResults')
        .selectAll()
        .where('sha256', 'in', [...hashes].map(String))
        .execute();
      assert.equal(results.length, hashes.size);
      for (const r of results) assert.equal(sha256Hex(r.result), r.sha256);
      // The two models differ only in name and GTIN: most regimes' results do not mention either.
      assert.ok(hashes.size < rows.length, `${hashes.size} distinct results of ${rows.length}`);
      assert.ok(hashes.size > first.declaration.assessments.length, 'results naming the model differ');
      // What a reader gets is what the submission answered, regime by regime.
      for (const submitted of [first, second]) {
        const read = await services.declarations.getDeclaration(operator, submitted.declaration.id);
        const byRegime = (list: readonly { regime: string }[]) =>
          [...list].sort((a, b) => a.regime.localeCompare(b.regime));
        assert.deepEqual(byRegime(read.assessments), byRegime(submitted.declaration.assessments));
      }
      // Submitting the first again as a new version stores no new copy of a result it shares.
      const before = await db
        .selectFrom('assessmentResults')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst();
      const again = doc('SR-1', 1);
      again.product.firmwareVersion = '9.9.9';
      await services.declarations.submitForModel(actor, again);
      const after = await db
        .selectFrom('assessmentResults')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst();
      assert.ok(Number(after!.n) - Number(before!.n) < first.declaration.assessments.length);
    });

    test('a row written before results were shared keeps its result in place and reads as before', async () => {
      const { services } = t;
      const { actor } = await manufacturer(services, 'Older Rows Ltd');
      const made = await services.declarations.submitForModel(
        actor,
        declarationFor({ brand: 'Older', model: 'OR-1', gtins: [withCheckDigit('950001000001')] }),
      );
      const db = services.store.db;
      const target = made.declaration.assessments[0]!;
      // The row as migration 0850 found it: the result's JSON in place, no hash.
      await db
        .updateTable('assessments')
        .set({ result: JSON.stringify(target), resultSha256: null })
        .where('declarationId', '=', made.declaration.id)
        .where('regime', '=', target.regime)
        .execute();
      const read = await services.declarations.getDeclaration(operator, made.declaration.id);
      assert.deepEqual(
        read.assessments.find((a) => a.regime === target.regime),
        target,
      );
      assert.equal(read.assessments.length, made.declaration.assessments.length);
    });
  });
}
