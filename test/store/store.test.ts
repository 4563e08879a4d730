// The store on both databases: migrations, constraints, the write seam's capability, search and journals.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS, openTestStore, type TestStore } from '../support/dialects.js';
import {
  apiKeys,
  appliedMigrations,
  declarations,
  journal,
  LATEST_MIGRATION,
  migrateToLatest,
  newId,
  organisations,
  products,
} from '../../src/store/index.js';
import type { Store } from '../../src/store/index.js';

const NOW = '2026-11-24T10:00:00.000Z';

async function seedOrg(store: Store, name: string, kind: 'manufacturer' | 'retailer' = 'manufacturer') {
  const row = { id: newId('org'), name, nameKey: name.toLowerCase(), kind, createdAt: NOW } as const;
  await organisations.insertOrganisation(store.db, row);
  return row;
}

async function seedProduct(
  store: Store,
  organisationId: string,
  brand: string,
  model: string,
  name: string,
  gtins: string[],
) {
  const row = {
    id: newId('prd'),
    organisationId,
    brand,
    model,
    brandKey: brand.toLowerCase(),
    modelKey: model.toLowerCase(),
    name,
    category: 'smart-camera',
    searchText: `${brand} ${model} ${name}`.toLowerCase(),
    createdAt: NOW,
    withdrawnAt: null,
    withdrawalReason: null,
  };
  await products.insertProduct(store.db, row);
  await products.insertGtins(store.db, row.id, gtins, NOW);
  return row;
}

for (const dialect of DIALECTS) {
  describe(`store on ${dialect}`, () => {
    let t: TestStore;
    before(async () => {
      t = await openTestStore(dialect);
    });
    after(async () => {
      await t.close();
    });

    test('migrations are applied once and re-running them is a no-op', async () => {
      const applied = await appliedMigrations(t.store);
      assert.equal(applied.at(-1), LATEST_MIGRATION);
      assert.equal(applied[0], '0001-registry-core');
      assert.deepEqual(await migrateToLatest(t.store), []);
      assert.equal(t.store.capabilities.dialect, dialect);
    });

    test('organisation names are unique regardless of case', async () => {
      await seedOrg(t.store, 'Unique Ltd');
      await assert.rejects(seedOrg(t.store, 'UNIQUE LTD'), (error) => t.store.capabilities.isUniqueViolation(error));
      assert.equal((await organisations.findOrganisationByName(t.store.db, ' unique ltd '))?.name, 'Unique Ltd');
    });

    test('a GTIN belongs to one product across the registry', async () => {
      const a = await seedOrg(t.store, 'Gtin A');
      const b = await seedOrg(t.store, 'Gtin B');
      await seedProduct(t.store, a.id, 'A', 'A-1', 'A one', ['05012345678900']);
      await assert.rejects(seedProduct(t.store, b.id, 'B', 'B-1', 'B one', ['05012345678900']), (error) =>
        t.store.capabilities.isUniqueViolation(error),
      );
      assert.equal((await products.findProductByGtin(t.store.db, '05012345678900'))?.brand, 'A');
    });

    test('search by words, brand+model and GTIN; LIKE wildcards in the query match literally', async () => {
      const org = await seedOrg(t.store, 'Search Co');
      const p = await seedProduct(t.store, org.id, 'Lumo', 'LX-9', 'Lumo Smart Bulb', ['04006381333931']);
      await seedProduct(t.store, org.id, 'Lumo', 'LX-10', 'Lumo 100% Plug', []);
      const ids = async (search: Omit<products.ProductSearch, 'limit'>) =>
        (await products.searchProducts(t.store.db, { ...search, limit: 50 })).map((r) => r.model).sort();
      assert.deepEqual(await ids({ q: 'lumo bulb' }), ['LX-9']);
      assert.deepEqual(await ids({ q: 'LUMO' }), ['LX-10', 'LX-9']);
      assert.deepEqual(await ids({ q: '100%' }), ['LX-10']);
      assert.deepEqual(await ids({ q: '1_0' }), []);
      assert.deepEqual(await ids({ brand: 'lumo', model: 'lx-9' }), ['LX-9']);
      assert.deepEqual(await ids({ gtin: '04006381333931' }), ['LX-9']);
      assert.deepEqual(await ids({ q: '04006381333931' }), ['LX-9']);
      await products.markProductWithdrawn(t.store.db, p.id, NOW, 'recalled');
      assert.deepEqual(await ids({ q: 'lumo' }), ['LX-10']);
      assert.deepEqual(await ids({ q: 'lumo', includeWithdrawn: true }), ['LX-10', 'LX-9']);
    });

    test('declaration versions are unique per product and the latest is found', async () => {
      const org = await seedOrg(t.store, 'Versions Co');
      const p = await seedProduct(t.store, org.id, 'V', 'V-1', 'V one', []);
      const base = {
        productId: p.id,
        organisationId: org.id,
        sha256: 'x',
        document: '{}',
        supportEndDate: null,
        fromDraftId: null,
        createdAt: NOW,
        createdByKeyId: null,
      };
      assert.equal(await declarations.nextVersion(t.store.db, p.id), 1);
      await declarations.insertDeclaration(t.store.db, { ...base, id: newId('dcl'), version: 1, status: 'submitted' });
      await declarations.insertDeclaration(t.store.db, { ...base, id: newId('dcl'), version: null, status: 'draft' });
      await declarations.insertDeclaration(t.store.db, { ...base, id: newId('dcl'), version: null, status: 'draft' });
      await declarations.insertDeclaration(t.store.db, { ...base, id: newId('dcl'), version: 2, status: 'submitted' });
      await assert.rejects(
        declarations.insertDeclaration(t.store.db, { ...base, id: newId('dcl'), version: 2, status: 'submitted' }),
        (e) => t.store.capabilities.isUniqueViolation(e),
      );
      assert.equal((await declarations.latestSubmitted(t.store.db, p.id))?.version, 2);
      assert.equal((await declarations.latestSubmittedOf(t.store.db, [p.id])).get(p.id)?.version, 2);
      assert.equal((await declarations.listDeclarations(t.store.db, p.id, false)).length, 2);
      assert.equal((await declarations.listDeclarations(t.store.db, p.id, true)).length, 4);
    });

    test('events numbered under the write lock increase in commit order, even from concurrent writers', async () => {
      const start = await journal.lastEventSeq(t.store.db);
      const write = (i: number) =>
        t.store.db.transaction().execute(async (trx) => {
          await t.store.capabilities.serializeWrites(trx);
          const seq = (await journal.lastEventSeq(trx)) + 1;
          await journal.appendEvents(trx, [
            { seq, at: NOW, type: 'test', subjectId: `s${i}`, productId: null, organisationId: null, payload: '{}' },
          ]);
          return seq;
        });
      const seqs = await Promise.all(Array.from({ length: 20 }, (_, i) => write(i)));
      assert.equal(new Set(seqs).size, 20);
      assert.ok(seqs.every((s) => s > start));
      const rows = await journal.eventsAfter(t.store.db, start, 100);
      assert.deepEqual(
        rows.map((r) => r.seq),
        [...seqs].sort((a, b) => a - b),
      );
      assert.equal(typeof rows[0]!.seq, 'number');
    });

    test('a failed transaction leaves nothing behind', async () => {
      const before = await journal.lastEventSeq(t.store.db);
      await assert.rejects(
        t.store.db.transaction().execute(async (trx) => {
          await t.store.capabilities.serializeWrites(trx);
          await journal.appendEvents(trx, [
            {
              seq: before + 1,
              at: NOW,
              type: 'doomed',
              subjectId: 'x',
              productId: null,
              organisationId: null,
              payload: '{}',
            },
          ]);
          await seedOrg({ ...t.store, db: trx }, 'Doomed Ltd');
          throw new Error('abort');
        }),
        /abort/,
      );
      assert.equal(await journal.lastEventSeq(t.store.db), before);
      assert.equal(await organisations.findOrganisationByName(t.store.db, 'Doomed Ltd'), undefined);
    });

    test('keys are found by hash with their organisation; revocation is recorded once', async () => {
      const org = await seedOrg(t.store, 'Keys Co', 'retailer');
      const id = newId('key');
      await apiKeys.insertApiKey(t.store.db, {
        id,
        organisationId: org.id,
        role: 'retailer',
        name: 'k',
        prefix: 'iotl_abc',
        secretHash: 'h'.repeat(64),
        createdAt: NOW,
        revokedAt: null,
        lastUsedAt: null,
      });
      const found = await apiKeys.findKeyByHash(t.store.db, 'h'.repeat(64));
      assert.equal(found?.organisation.name, 'Keys Co');
      assert.equal(found?.key.revokedAt, null);
      await apiKeys.markKeyRevoked(t.store.db, id, NOW);
      await apiKeys.markKeyRevoked(t.store.db, id, '2030-01-01T00:00:00.000Z');
      assert.equal((await apiKeys.findApiKey(t.store.db, id))?.revokedAt, NOW);
    });

    test('ping answers while the database is open', async () => {
      await t.store.ping();
    });
  });
}
