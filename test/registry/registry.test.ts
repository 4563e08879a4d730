// The registry's use cases on both databases: organisations and keys, products, declarations (versions,
// drafts, the support-period rule), withdrawal, look-ups and the journal rows every change writes.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS } from '../support/dialects.js';
import { declarationFor, manufacturer, openTestRegistry, operator, type TestRegistry } from '../support/registry.js';
import { canonicalJson, sha256Hex, type Services } from '../../src/registry/index.js';
import { hasCode } from '../support/assert.js';

for (const dialect of DIALECTS) {
  describe(`registry on ${dialect}`, () => {
    let t: TestRegistry;
    let s: Services;
    let acme: Awaited<ReturnType<typeof manufacturer>>;
    let other: Awaited<ReturnType<typeof manufacturer>>;
    before(async () => {
      t = await openTestRegistry(dialect);
      s = t.services;
      acme = await manufacturer(s, 'Acme Devices Ltd');
      other = await manufacturer(s, 'Other Maker Ltd');
    });
    after(async () => {
      await t.close();
    });

    const events = async () => s.journal.events(0, 1000);

    test('organisations: names are unique, kinds are checked, each registration is audited and evented', async () => {
      await assert.rejects(
        s.organisations.registerOrganisation(operator, { name: 'ACME devices ltd', kind: 'manufacturer' }),
        hasCode('CONFLICT'),
      );
      await assert.rejects(
        s.organisations.registerOrganisation(operator, { name: 'X', kind: 'wizard' as never }),
        hasCode('INPUT_INVALID'),
      );
      const kinds = (await events()).filter((e) => e.type === 'organisation-registered').length;
      assert.equal(kinds, 2);
      const audit = await s.journal.audit(0, 1000);
      assert.ok(audit.some((a) => a.action === 'organisation.register' && a.subjectId === acme.org.id));
    });

    test('keys: only the hash is stored; a revoked or unknown key is refused', async () => {
      const row = await s.store.db
        .selectFrom('apiKeys')
        .selectAll()
        .where('id', '=', acme.keyId)
        .executeTakeFirstOrThrow();
      assert.notEqual(row.secretHash, acme.key);
      assert.ok(!JSON.stringify(row).includes(acme.key.split('_')[2]!), 'the secret is not stored');
      assert.ok(acme.key.startsWith(row.prefix));
      const spare = await s.organisations.createKey(operator, acme.org.id, { name: 'spare' });
      assert.equal((await s.organisations.authenticate(spare.key)).organisationId, acme.org.id);
      await s.organisations.revokeKey(operator, spare.id);
      await assert.rejects(s.organisations.authenticate(spare.key), hasCode('UNAUTHENTICATED'));
      await assert.rejects(s.organisations.authenticate('iotl_aaaaaaaa_' + 'b'.repeat(32)), hasCode('UNAUTHENTICATED'));
      await assert.rejects(s.organisations.authenticate('nonsense'), hasCode('UNAUTHENTICATED'));
      assert.equal((await s.organisations.listKeys(acme.org.id)).length, 2);
    });

    test('products: GTINs normalised to 14 digits, checked, unique; only the manufacturer registers its own', async () => {
      const p = await s.products.createProduct(acme.actor, {
        brand: 'Acme',
        model: 'P-1',
        name: 'Plug',
        category: 'smart-plug',
        gtins: ['5012345671000'],
      });
      assert.deepEqual(p.gtins, ['05012345671000']);
      assert.equal(p.manufacturer.name, 'Acme Devices Ltd');
      await assert.rejects(
        s.products.createProduct(acme.actor, {
          brand: 'Acme',
          model: 'P-2',
          name: 'Plug',
          category: 'smart-plug',
          gtins: ['5012345671001'],
        }),
        (error: unknown) =>
          hasCode('GTIN_INVALID')(error) &&
          /\/gtins\/0/.test((error as Error).message) &&
          /check digit 1; expected 0/.test((error as Error).message),
      );
      await assert.rejects(
        s.products.createProduct(other.actor, {
          brand: 'Other',
          model: 'O-1',
          name: 'O',
          category: 'hub',
          gtins: ['05012345671000'],
        }),
        hasCode('GTIN_TAKEN'),
      );
      await assert.rejects(
        s.products.createProduct(acme.actor, { brand: 'ACME', model: 'p-1', name: 'Again', category: 'smart-plug' }),
        hasCode('CONFLICT'),
      );
      await assert.rejects(
        s.products.createProduct(acme.actor, { brand: 'Acme', model: 'P-3', name: 'x', category: 'toaster' }),
        hasCode('INPUT_INVALID'),
      );
      await assert.rejects(
        s.products.createProduct(acme.actor, {
          brand: 'Acme',
          model: 'P-4',
          name: 'x',
          category: 'hub',
          organisationId: other.org.id,
        }),
        hasCode('FORBIDDEN'),
      );
      assert.equal(
        (await s.products.findProducts({ brand: 'acme', model: 'P-2', limit: 10 })).length,
        0,
        'a refused product leaves nothing behind',
      );
      const created = (await events()).filter((e) => e.type === 'product-created' && e.subjectId === p.id);
      assert.equal(created.length, 1);
    });

    test('a declaration is version 1, hashed over its canonical JSON and assessed against every regime', async () => {
      const product = await s.products.createProduct(acme.actor, {
        brand: 'Acme',
        model: 'CAM-1',
        name: 'Camera',
        category: 'smart-camera',
        gtins: ['05012345671017'],
      });
      const doc = declarationFor({ brand: 'Acme', model: 'CAM-1', gtins: ['05012345671017'] });
      const d = await s.declarations.submitDeclaration(acme.actor, product.id, doc);
      assert.equal(d.version, 1);
      assert.equal(d.status, 'submitted');
      assert.equal(d.sha256, sha256Hex(canonicalJson(doc)));
      assert.equal(d.supportEndDate, '2030-12-31');
      assert.deepEqual(
        d.assessments.map((a) => a.regime).sort(),
        s.engine
          .listRegimes()
          .map((r) => r.id)
          .sort(),
      );
      // The answer to the submission is what a later read of it gives (the read lists regimes by id), to the
      // byte once serialised.
      const byRegime = (v: typeof d) => ({
        ...v,
        assessments: [...v.assessments].sort((a, b) => (a.regime < b.regime ? -1 : 1)),
      });
      const read = await s.declarations.getDeclaration(null, d.id);
      assert.equal(JSON.stringify(byRegime(read)), JSON.stringify(byRegime(d)));
      assert.equal((await s.products.getProduct(product.id)).latestDeclaration?.version, 1);
      const submitted = (await events()).filter((e) => e.type === 'declaration-submitted' && e.subjectId === d.id);
      assert.equal(submitted.length, 1);
    });

    test('amending: a later support end date is a new version; an earlier or missing one is refused with both dates', async () => {
      const product = await s.products.createProduct(acme.actor, {
        brand: 'Acme',
        model: 'CAM-2',
        name: 'Camera',
        category: 'smart-camera',
        gtins: ['05012345671024'],
      });
      const ids = { brand: 'Acme', model: 'CAM-2', gtins: ['05012345671024'] };
      await s.declarations.submitDeclaration(acme.actor, product.id, declarationFor(ids, '2030-12-31'));
      const v2 = await s.declarations.submitDeclaration(acme.actor, product.id, declarationFor(ids, '2031-06-30'));
      assert.equal(v2.version, 2);
      const before = (await events()).length;
      await assert.rejects(
        s.declarations.submitDeclaration(acme.actor, product.id, declarationFor(ids, '2031-01-01')),
        (error: unknown) => {
          hasCode('SUPPORT_PERIOD_SHORTENED')(error);
          assert.match((error as Error).message, /2031-06-30/);
          assert.match((error as Error).message, /2031-01-01/);
          return true;
        },
      );
      await assert.rejects(
        s.declarations.submitDeclaration(acme.actor, product.id, declarationFor(ids, null)),
        hasCode('SUPPORT_PERIOD_SHORTENED'),
      );
      assert.equal((await events()).length, before, 'a refused amendment writes nothing');
      const versions = await s.declarations.listDeclarations(null, product.id);
      assert.deepEqual(
        versions.map((v) => v.version),
        [2, 1],
      );
      const same = await s.declarations.submitDeclaration(acme.actor, product.id, declarationFor(ids, '2031-06-30'));
      assert.equal(same.version, 3, 'the same date again is allowed');
    });

    test('a declaration must describe its product, and only the owner may submit one', async () => {
      const product = await s.products.createProduct(acme.actor, {
        brand: 'Acme',
        model: 'CAM-3',
        name: 'Camera',
        category: 'smart-camera',
      });
      await assert.rejects(
        s.declarations.submitDeclaration(
          acme.actor,
          product.id,
          declarationFor({ brand: 'Acme', model: 'CAM-9', gtins: [] }),
        ),
        (error: unknown) => {
          hasCode('DECLARATION_INVALID')(error);
          assert.deepEqual(
            (error as { problems: { path: string }[] }).problems.map((d) => d.path),
            ['/product/model'],
          );
          return true;
        },
      );
      await assert.rejects(
        s.declarations.submitDeclaration(
          other.actor,
          product.id,
          declarationFor({ brand: 'Acme', model: 'CAM-3', gtins: [] }),
        ),
        hasCode('FORBIDDEN'),
      );
      await assert.rejects(
        s.declarations.submitDeclaration(acme.actor, product.id, { schemaVersion: 'nope' }),
        hasCode('DECLARATION_INVALID'),
      );
      await assert.rejects(
        s.declarations.submitDeclaration(
          acme.actor,
          'prd_missing',
          declarationFor({ brand: 'Acme', model: 'CAM-3', gtins: [] }),
        ),
        hasCode('NOT_FOUND'),
      );
      // GTINs named by the declaration join the product, unless another product holds them.
      const d = await s.declarations.submitDeclaration(
        acme.actor,
        product.id,
        declarationFor({ brand: 'Acme', model: 'CAM-3', gtins: ['05012345671031'] }),
      );
      assert.equal(d.version, 1);
      assert.deepEqual((await s.products.getProduct(product.id)).gtins, ['05012345671031']);
      await assert.rejects(
        s.declarations.submitDeclaration(
          acme.actor,
          product.id,
          declarationFor({ brand: 'Acme', model: 'CAM-3', gtins: ['05012345671000'] }),
        ),
        hasCode('GTIN_TAKEN'),
      );
    });

    test('drafts: private to the owner and regulators, submitted once as the next version', async () => {
      const product = await s.products.createProduct(acme.actor, {
        brand: 'Acme',
        model: 'CAM-4',
        name: 'Camera',
        category: 'smart-camera',
      });
      const draft = await s.declarations.submitDeclaration(
        acme.actor,
        product.id,
        declarationFor({ brand: 'Acme', model: 'CAM-4', gtins: [] }),
        { draft: true },
      );
      assert.equal(draft.version, null);
      assert.equal(draft.status, 'draft');
      const regulatorOrg = await s.organisations.registerOrganisation(operator, {
        name: `Regulator ${dialect}`,
        kind: 'regulator',
      });
      const regulator = await s.organisations.authenticate(
        (await s.organisations.createKey(operator, regulatorOrg.id, {})).key,
      );
      await assert.rejects(s.declarations.getDeclaration(null, draft.id), hasCode('NOT_FOUND'));
      await assert.rejects(s.declarations.getDeclaration(other.actor, draft.id), hasCode('NOT_FOUND'));
      assert.equal((await s.declarations.getDeclaration(acme.actor, draft.id)).id, draft.id);
      assert.equal((await s.declarations.getDeclaration(regulator, draft.id)).id, draft.id);
      assert.equal((await s.declarations.listDeclarations(null, product.id)).length, 0);
      assert.equal((await s.declarations.listDeclarations(other.actor, product.id)).length, 0);
      assert.equal((await s.declarations.listDeclarations(acme.actor, product.id)).length, 1);
      assert.equal((await s.products.getProduct(product.id)).latestDeclaration, null);
      await assert.rejects(s.declarations.submitDraft(other.actor, draft.id), hasCode('NOT_FOUND'));
      const v1 = await s.declarations.submitDraft(acme.actor, draft.id);
      assert.equal(v1.version, 1);
      assert.equal(v1.fromDraftId, draft.id);
      assert.equal(v1.sha256, draft.sha256);
      await assert.rejects(s.declarations.submitDraft(acme.actor, draft.id), hasCode('CONFLICT'));
      await assert.rejects(s.declarations.submitDraft(acme.actor, v1.id), hasCode('CONFLICT'));
    });

    test('withdrawing: once, by the owner; the product then takes no declarations and is not sellable', async () => {
      const ids = { brand: 'Acme', model: 'CAM-5', gtins: ['05012345671048'] };
      const { product } = await s.declarations.submitForModel(acme.actor, declarationFor(ids));
      await assert.rejects(s.products.withdrawProduct(other.actor, product.id, 'not mine'), hasCode('FORBIDDEN'));
      const withdrawn = await s.products.withdrawProduct(acme.actor, product.id, 'recalled: battery fault');
      assert.equal(withdrawn.withdrawn?.reason, 'recalled: battery fault');
      await assert.rejects(s.products.withdrawProduct(acme.actor, product.id, 'again'), hasCode('CONFLICT'));
      await assert.rejects(
        s.declarations.submitDeclaration(acme.actor, product.id, declarationFor(ids)),
        hasCode('PRODUCT_WITHDRAWN'),
      );
      const { answer } = await s.sellability.checkSellable({ gtin: '05012345671048', regime: 'uk-psti-2023' });
      assert.equal(answer.sellable, false);
      assert.equal(answer.outcome, 'withdrawn');
      assert.match(answer.reasons[0]!, /battery fault/);
      assert.equal((await s.products.findProducts({ q: 'CAM-5', limit: 10 })).length, 0);
      assert.equal((await s.products.findProducts({ q: 'CAM-5', includeWithdrawn: true, limit: 10 })).length, 1);
    });

    test('submitting for a new brand+model registers the product in the same transaction', async () => {
      const ids = { brand: 'Acme', model: 'CAM-6', gtins: ['05012345671055'] };
      const first = await s.declarations.submitForModel(acme.actor, declarationFor(ids));
      assert.equal(first.productCreated, true);
      assert.deepEqual(first.product.gtins, ['05012345671055']);
      const second = await s.declarations.submitForModel(acme.actor, declarationFor(ids, '2032-01-01'));
      assert.equal(second.productCreated, false);
      assert.equal(second.product.id, first.product.id);
      assert.equal(second.declaration.version, 2);
      // Another manufacturer's declaration naming a taken GTIN creates nothing.
      const before = (await events()).length;
      await assert.rejects(
        s.declarations.submitForModel(
          other.actor,
          declarationFor({ brand: 'Other', model: 'X', gtins: ['05012345671055'] }),
        ),
        hasCode('GTIN_TAKEN'),
      );
      assert.equal((await events()).length, before);
      assert.equal((await s.products.findProducts({ brand: 'Other', model: 'X', limit: 5 })).length, 0);
      // A model that differs only in inner spaces is the same model: refused, not registered a second time.
      const spaced = await s.declarations.submitForModel(
        acme.actor,
        declarationFor({ brand: 'Acme', model: 'CAM 6B', gtins: ['05012345671086'] }),
      );
      await assert.rejects(
        s.declarations.submitForModel(
          acme.actor,
          declarationFor({ brand: 'Acme', model: 'CAM  6B', gtins: ['05012345671093'] }),
        ),
        hasCode('CONFLICT'),
      );
      assert.deepEqual(
        (await s.products.findProducts({ brand: 'Acme', model: 'CAM 6B', limit: 5 })).map((p) => p.id),
        [spaced.product.id],
      );
    });

    test('look-ups: by id, by GTIN in any length (one or a page of them), by brand+model and by free text', async () => {
      const { product } = await s.declarations.submitForModel(
        acme.actor,
        declarationFor({ brand: 'Acme', model: 'LOOK-1', gtins: ['05012345671062'] }),
      );
      assert.equal((await s.products.getProduct(product.id)).model, 'LOOK-1');
      assert.equal((await s.products.getProductByGtin('5012345671062')).id, product.id);
      await assert.rejects(s.products.getProductByGtin('5012345671063'), hasCode('GTIN_INVALID'));
      await assert.rejects(s.products.getProductByGtin('05012345671079'), hasCode('NOT_FOUND'));
      assert.deepEqual(
        (await s.products.findProducts({ brand: 'ACME', model: 'look-1', limit: 5 })).map((p) => p.id),
        [product.id],
      );
      assert.deepEqual(
        (await s.products.findProducts({ q: 'acme look', limit: 5 })).map((p) => p.id),
        [product.id],
      );
      assert.deepEqual(
        (await s.products.findProducts({ gtin: '5012345671062', limit: 5 })).map((p) => p.id),
        [product.id],
      );
      await assert.rejects(s.products.getProduct('prd_nope'), hasCode('NOT_FOUND'));
      const byGtin = await s.products.productsByGtin(['5012345671062', '05012345671079']);
      assert.deepEqual(
        [...byGtin].map(([gtin, p]) => [gtin, p.id, p.model]),
        [['05012345671062', product.id, 'LOOK-1']],
        'an unknown GTIN is left out',
      );
      assert.equal((await s.products.productsByGtin([])).size, 0);
      await assert.rejects(
        s.products.productsByGtin(Array.from({ length: 501 }, () => '05012345671062')),
        hasCode('INPUT_INVALID'),
      );
    });

    test('every event has a larger seq than the one before, and each change wrote exactly one', async () => {
      const all = await events();
      for (let i = 1; i < all.length; i++) assert.ok(all[i]!.seq > all[i - 1]!.seq);
      assert.ok(all.every((e) => typeof e.payload === 'object'));
    });
  });
}
