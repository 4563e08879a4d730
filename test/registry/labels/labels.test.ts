// Label issuing, supersession, status changes, status lists and sellability on both databases.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS } from '../../support/dialects.js';
import {
  declarationFor,
  manufacturer,
  openTestRegistry,
  operator,
  TODAY,
  type TestRegistry,
} from '../../support/registry.js';
import type { Services } from '../../../src/registry/index.js';
import {
  verifyLabel,
  verifyStatusList,
  readStatus,
  STATUS_REVOKED,
  STATUS_SUSPENDED,
  STATUS_VALID,
} from '../../../src/labels/index.js';
import { hasCode } from '../../support/assert.js';

for (const dialect of DIALECTS) {
  describe(`labels on ${dialect}`, () => {
    let t: TestRegistry;
    let s: Services;
    let acme: Awaited<ReturnType<typeof manufacturer>>;
    let other: Awaited<ReturnType<typeof manufacturer>>;
    let regulator: Awaited<ReturnType<Services['organisations']['authenticate']>>;
    before(async () => {
      t = await openTestRegistry(dialect);
      s = t.services;
      acme = await manufacturer(s, 'Acme Devices Ltd');
      other = await manufacturer(s, 'Other Maker Ltd');
      const reg = await s.organisations.registerOrganisation(operator, {
        name: 'Market Surveillance',
        kind: 'regulator',
      });
      regulator = await s.organisations.authenticate((await s.organisations.createKey(operator, reg.id, {})).key);
    });
    after(async () => {
      await t.close();
    });

    const product = async (model: string, gtin: string, doc?: (d: Record<string, unknown>) => void) => {
      const d = declarationFor({ brand: 'Acme', model, gtins: [gtin] });
      doc?.(d);
      return (await s.declarations.submitForModel(acme.actor, d)).product.id;
    };
    const sellable = async (productId: string, regime: string) =>
      (await s.sellability.checkSellable({ productId, regime })).answer;

    test('issues a signed label for the current declaration; asking again returns the same one', async () => {
      const id = await product('CAM-1', '05012345678900');
      assert.equal((await sellable(id, 'uk-2019-option-a')).sellable, false, 'Option A: no label yet, not sellable');
      const { label, created } = await s.labels.issueLabel(acme.actor, id, { regime: 'uk-2019-option-a' });
      assert.equal(created, true);
      assert.equal(label.shield, 'tick');
      assert.equal(label.gtin, '05012345678900');
      assert.deepEqual(label.declaration.version, 1);
      assert.equal(label.links.qr, `http://localhost:8080/01/05012345678900?label=${label.token}`);
      const { jwks } = await s.labels.keys.publishedKeys();
      const verified = verifyLabel(label.token, {
        keys: jwks,
        at: TODAY,
        gtin: label.gtin,
        issuer: 'http://localhost:8080',
        offline: true,
      });
      assert.equal(verified.label.labelId, label.id);
      assert.equal(verified.label.statusList.uri, 'http://localhost:8080/v1/status-lists/1');
      const again = await s.labels.issueLabel(acme.actor, id, { regime: 'uk-2019-option-a' });
      assert.equal(again.created, false);
      assert.equal(again.label.id, label.id);
      const answer = await sellable(id, 'uk-2019-option-a');
      assert.equal(answer.sellable, true);
      assert.equal(answer.labelId, label.id);
      assert.equal(answer.labelUrl, `http://localhost:8080/v1/labels/${label.id}`);
      // Under a regime without labels the product's label is reported (as on a catalogue row) and changes nothing.
      const psti = await sellable(id, 'uk-psti-2023');
      assert.deepEqual([psti.sellable, psti.labelId, psti.labelStatus], [true, label.id, 'valid']);
      const events = (await s.journal.events(0, 1000)).filter((e) => e.type === 'label-issued');
      assert.equal(events.length, 1);
      assert.equal(events[0]!.subjectId, label.id);
    });

    test('refusals: another organisation, a regime without labels, a declaration that does not qualify, no declaration', async () => {
      const id = await product('CAM-2', '05012345671000');
      await assert.rejects(s.labels.issueLabel(other.actor, id, { regime: 'uk-2019-option-a' }), hasCode('FORBIDDEN'));
      await assert.rejects(s.labels.issueLabel(acme.actor, id, { regime: 'uk-psti-2023' }), hasCode('INPUT_INVALID'));
      const noSupport = await product('CAM-3', '05012345671017', (d) => void delete d.supportPeriod);
      await assert.rejects(
        s.labels.issueLabel(acme.actor, noSupport, { regime: 'uk-2019-option-a' }),
        (error: unknown) => {
          hasCode('LABEL_NOT_ISSUABLE')(error);
          assert.ok(
            Array.isArray((error as { problems?: unknown }).problems) &&
              (error as { problems: unknown[] }).problems.length > 0,
          );
          return true;
        },
      );
      const crossed = await product(
        'CAM-4',
        '05012345671024',
        (d) =>
          void (d.passwords = { usesPasswords: true, scheme: 'universal-default', resettableToUniversalDefault: true }),
      );
      await assert.rejects(
        s.labels.issueLabel(acme.actor, crossed, { regime: 'uk-2019-option-c' }),
        hasCode('LABEL_NOT_ISSUABLE'),
      );
      const cross = await s.labels.issueLabel(acme.actor, crossed, { regime: 'uk-2019-option-a' });
      assert.equal(cross.label.shield, 'cross', 'under Option A a cross is still a label');
      const bare = await s.products.createProduct(acme.actor, {
        brand: 'Acme',
        model: 'BARE',
        name: 'Bare',
        category: 'smart-plug',
        gtins: ['05012345671031'],
      });
      await assert.rejects(
        s.labels.issueLabel(acme.actor, bare.id, { regime: 'uk-2019-voluntary' }),
        hasCode('LABEL_NOT_ISSUABLE'),
      );
      await assert.rejects(
        s.labels.issueLabel(acme.actor, 'prd_nope', { regime: 'uk-2019-voluntary' }),
        hasCode('NOT_FOUND'),
      );
      await assert.rejects(
        s.labels.issueLabel(acme.actor, id, { regime: 'uk-2019-option-a', gtin: '05012345678900' }),
        hasCode('INPUT_INVALID'),
      );
    });

    test('a new declaration version supersedes the old label; history is kept', async () => {
      const id = await product('CAM-5', '05012345671048');
      const first = (await s.labels.issueLabel(acme.actor, id, { regime: 'uk-2019-voluntary' })).label;
      await s.declarations.submitDeclaration(
        acme.actor,
        id,
        declarationFor({ brand: 'Acme', model: 'CAM-5', gtins: ['05012345671048'] }, '2032-06-30'),
      );
      const second = (await s.labels.issueLabel(acme.actor, id, { regime: 'uk-2019-voluntary' })).label;
      assert.notEqual(second.id, first.id);
      assert.equal(second.supportEndDate, '2032-06-30');
      assert.equal(second.declaration.version, 2);
      const history = await s.labels.ofProduct(id);
      assert.deepEqual(
        history.map((l) => l.id),
        [second.id, first.id],
      );
      assert.equal(history[1]!.supersededBy, second.id);
      assert.equal(history[1]!.status.status, 'valid', 'the old label keeps its status');
      assert.equal(second.statusList.index, first.statusList.index + 1, 'status list indices are handed out in order');
    });

    test('regulators suspend, reinstate and revoke; revoked is final; the status list and sellability follow', async () => {
      const id = await product('CAM-6', '05012345671055');
      const { label } = await s.labels.issueLabel(acme.actor, id, { regime: 'uk-2019-option-c' });
      await assert.rejects(
        s.labels.changeStatus(acme.actor, label.id, { status: 'revoked', reason: 'no' }),
        hasCode('FORBIDDEN'),
      );
      await assert.rejects(
        s.labels.changeStatus(regulator, label.id, { status: 'valid', reason: 'already valid' }),
        hasCode('CONFLICT'),
      );
      await assert.rejects(
        s.labels.changeStatus(regulator, label.id, { status: 'suspended', reason: '  ' }),
        hasCode('INPUT_INVALID'),
      );
      const listStatus = async () => {
        const { jwks } = await s.labels.keys.publishedKeys();
        return readStatus(
          verifyStatusList((await s.labels.statusList(label.statusList.number)).token, { keys: jwks }),
          label.statusList.index,
        );
      };
      assert.equal(await listStatus(), STATUS_VALID);

      const suspended = await s.labels.changeStatus(regulator, label.id, {
        status: 'suspended',
        reason: 'Under investigation',
      });
      assert.equal(suspended.status.status, 'suspended');
      assert.equal(await listStatus(), STATUS_SUSPENDED);
      const answer = await sellable(id, 'uk-2019-option-c');
      assert.equal(answer.sellable, false);
      assert.ok(
        answer.reasons.some((r) => r.includes(`label ${label.id} was suspended`) && r.includes('Under investigation')),
        answer.reasons.join('\n'),
      );
      await assert.rejects(
        s.labels.issueLabel(acme.actor, id, { regime: 'uk-2019-option-c' }),
        hasCode('LABEL_NOT_ISSUABLE'),
      );

      await s.labels.changeStatus(regulator, label.id, { status: 'valid', reason: 'Investigation closed' });
      assert.equal(await listStatus(), STATUS_VALID);
      assert.equal((await sellable(id, 'uk-2019-option-c')).sellable, true);

      const revoked = await s.labels.changeStatus(regulator, label.id, {
        status: 'revoked',
        reason: 'False declaration',
      });
      assert.deepEqual(
        revoked.history.map((h) => [h.previous, h.status]),
        [
          ['valid', 'suspended'],
          ['suspended', 'valid'],
          ['valid', 'revoked'],
        ],
      );
      assert.equal(await listStatus(), STATUS_REVOKED);
      await assert.rejects(
        s.labels.changeStatus(regulator, label.id, { status: 'valid', reason: 'Appeal' }),
        hasCode('CONFLICT'),
      );
      assert.equal((await sellable(id, 'uk-2019-option-c')).sellable, false);
      assert.match(
        (await s.labels.verifyToken(label.token)).checks.find((c) => c.step === 'status')!.code ?? '',
        /LABEL_REVOKED/,
      );
      const types = (await s.journal.events(0, 1000)).filter(
        (e) => e.type === 'label-status-changed' && e.subjectId === label.id,
      );
      assert.equal(types.length, 3);
    });

    test('a revoked label under the voluntary scheme restricts nothing but is reported', async () => {
      const id = await product('CAM-7', '05012345671062');
      const { label } = await s.labels.issueLabel(acme.actor, id, { regime: 'uk-2019-voluntary' });
      await s.labels.changeStatus(regulator, label.id, { status: 'revoked', reason: 'Misleading' });
      const answer = await sellable(id, 'uk-2019-voluntary');
      assert.equal(answer.sellable, true);
      assert.ok(answer.reasons.some((r) => r.includes('revoked')));
    });

    test('key rotation: the old key stays published as retired and its labels keep verifying', async () => {
      const id = await product('CAM-8', '05012345671079');
      const before = (await s.labels.issueLabel(acme.actor, id, { regime: 'uk-2019-option-a' })).label;
      await assert.rejects(s.labels.keys.rotate(acme.actor), hasCode('FORBIDDEN'));
      const rotated = await s.labels.keys.rotate(operator);
      assert.deepEqual(rotated.retired, [before.kid]);
      const { jwks } = await s.labels.keys.publishedKeys();
      assert.deepEqual(
        jwks.keys.map((k) => [k.kid, k.status]),
        [
          [rotated.kid, 'active'],
          [before.kid, 'retired'],
        ],
      );
      assert.ok(!JSON.stringify(jwks).includes('"d"'), 'no private member is published');
      assert.equal(verifyLabel(before.token, { keys: jwks, at: TODAY, offline: true }).label.labelId, before.id);
      const newer = await product('CAM-9', '05012345671086');
      const after = (await s.labels.issueLabel(acme.actor, newer, { regime: 'uk-2019-option-a' })).label;
      assert.equal(after.kid, rotated.kid);
      assert.equal(verifyLabel(after.token, { keys: jwks, at: TODAY, offline: true }).label.labelId, after.id);
      const { jwks: again } = await s.labels.keys.publishedKeys();
      assert.ok(verifyStatusList((await s.labels.statusList(1)).token, { keys: again }).bits === 2);
      assert.ok(
        (await s.journal.events(0, 1000)).some((e) => e.type === 'label-key-rotated' && e.subjectId === rotated.kid),
      );
      const rows = await s.store.db.selectFrom('labelKeys').selectAll().execute();
      assert.ok(!JSON.stringify(rows).includes('"d"'));
    });

    test('a status list no label uses is not found', async () => {
      await assert.rejects(s.labels.statusList(99), hasCode('NOT_FOUND'));
    });
  });
}
