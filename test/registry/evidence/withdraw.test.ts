// Issue 18, point 4: a manufacturer withdraws a piece of evidence. The withdrawal is a new row (with its audit
// entry and event), the withdrawn row stays in the history, the declaration is re-assessed without it, and only
// the owner may withdraw, only the current evidence of its kind, once.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS } from '../../support/dialects.js';
import { declarationFor, manufacturer, openTestRegistry, type TestRegistry } from '../../support/registry.js';
import type { Services } from '../../../src/registry/index.js';
import { CAMERA_CONTACTS, failingPasswords, goodPasswords, securityTxt } from './fixtures.js';
import { hasCode } from '../../support/assert.js';
import { withCheckDigit } from '../../support/gtin.js';

const PSTI = 'uk-psti-2023';

for (const dialect of DIALECTS) {
  describe(`withdrawing evidence on ${dialect}`, () => {
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
    const para1 = (d: { assessments: { regime: string; requirements: { id: string; status: string }[] }[] }) =>
      d.assessments.find((a) => a.regime === PSTI)!.requirements.find((r) => r.id === 'psti-sch1-para1')!.status;

    test('a withdrawn analysis no longer counts, stays in the history, and is audited and evented', async () => {
      const gtin = withCheckDigit('0501234599001');
      const { declaration } = await s.declarations.submitForModel(
        acme.actor,
        declarationFor({ brand: 'Acme', model: 'WD-1', gtins: [gtin] }),
      );
      const id = declaration.id;
      const failing = await s.evidence.attachEvidence(acme.actor, id, {
        kind: 'passwords',
        document: await failingPasswords(),
      });
      await s.evidence.attachEvidence(acme.actor, id, { kind: 'security-txt', text: securityTxt(CAMERA_CONTACTS) });
      assert.equal(para1(failing.declaration), 'not-met');
      assert.equal((await s.sellability.checkSellable({ gtin, regime: PSTI })).answer.sellable, false);
      const before = (await s.journal.events(0, 10_000)).length;

      await assert.rejects(
        s.evidence.withdrawEvidence(other.actor, id, failing.evidence.id, 'not mine'),
        hasCode('FORBIDDEN'),
      );
      await assert.rejects(
        s.evidence.withdrawEvidence(acme.actor, id, failing.evidence.id, '  '),
        hasCode('INPUT_INVALID'),
      );
      await assert.rejects(s.evidence.withdrawEvidence(acme.actor, id, 'evd_nope', 'x'), hasCode('NOT_FOUND'));

      const withdrawn = await s.evidence.withdrawEvidence(acme.actor, id, failing.evidence.id, 'wrong batch uploaded');
      assert.deepEqual(withdrawn.evidence.withdraws, {
        evidenceId: failing.evidence.id,
        reason: 'wrong batch uploaded',
      });
      assert.equal(para1(withdrawn.declaration), 'met', 'assessed without the withdrawn analysis');
      assert.equal(para1(await s.declarations.getDeclaration(null, id)), 'met');
      assert.equal((await s.sellability.checkSellable({ gtin, regime: PSTI })).answer.sellable, true);

      const listed = (await s.evidence.listEvidence(null, id)).evidence;
      assert.deepEqual(
        listed.map((e) => [e.kind, e.current, e.withdraws?.evidenceId ?? null]),
        [
          ['passwords', false, failing.evidence.id],
          ['security-txt', true, null],
          ['passwords', false, null],
        ],
      );
      const old = listed.find((e) => e.id === failing.evidence.id)!;
      assert.equal(old.withdrawn?.by, withdrawn.evidence.id);
      assert.equal(old.withdrawn?.reason, 'wrong batch uploaded');
      assert.ok(old.passwords, 'the withdrawn analysis is still shown in the history');

      const events = await s.journal.events(0, 10_000);
      assert.equal(events.length, before + 1);
      const event = events.at(-1)!;
      assert.equal(event.type, 'evidence-withdrawn');
      const audit = await s.journal.audit(0, 10_000);
      assert.equal(audit.at(-1)!.action, 'evidence.withdraw');

      await assert.rejects(
        s.evidence.withdrawEvidence(acme.actor, id, failing.evidence.id, 'again'),
        (error: Error & { code?: string }) => error.code === 'CONFLICT' && /was withdrawn/.test(error.message),
      );
      // A new upload after a withdrawal counts again; an older, replaced one cannot be withdrawn.
      const good = await s.evidence.attachEvidence(acme.actor, id, {
        kind: 'passwords',
        document: await goodPasswords(),
      });
      const failingAgain = await s.evidence.attachEvidence(acme.actor, id, {
        kind: 'passwords',
        document: await failingPasswords(),
      });
      assert.equal(para1(failingAgain.declaration), 'not-met');
      await assert.rejects(
        s.evidence.withdrawEvidence(acme.actor, id, good.evidence.id, 'old'),
        (error: Error & { code?: string }) => error.code === 'CONFLICT' && /is not current/.test(error.message),
      );
    });
  });
}
