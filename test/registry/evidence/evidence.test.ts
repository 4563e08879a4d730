// Evidence in the registry on both databases: a password analysis or a security.txt that contradicts the
// declaration makes the requirement not met (the finding is the reason) and sellability follows, on the
// day of upload and on later days; good evidence keeps it met; bad documents are refused and leave nothing.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS } from '../../support/dialects.js';
import { declarationFor, manufacturer, openTestRegistry, type TestRegistry } from '../../support/registry.js';
import { canonicalJson, sha256Hex, type Services } from '../../../src/registry/index.js';
import { CAMERA_CONTACTS, failingPasswords, goodPasswords, securityTxt } from './fixtures.js';
import { hasCode } from '../../support/assert.js';
import { withCheckDigit } from '../../support/gtin.js';

const PSTI = 'uk-psti-2023';

for (const dialect of DIALECTS) {
  describe(`evidence on ${dialect}`, () => {
    let t: TestRegistry;
    let s: Services;
    let acme: Awaited<ReturnType<typeof manufacturer>>;
    let other: Awaited<ReturnType<typeof manufacturer>>;
    let n = 0;
    before(async () => {
      t = await openTestRegistry(dialect);
      s = t.services;
      acme = await manufacturer(s, 'Acme Devices Ltd');
      other = await manufacturer(s, 'Other Maker Ltd');
    });
    after(async () => {
      await t.close();
    });

    /** A fresh product with one submitted declaration (the good camera): id of the declaration and its GTIN. */
    async function declared(options: { draft?: boolean } = {}) {
      const g = withCheckDigit(`05012345${String(10000 + n++).slice(-5)}`);
      const result = await s.declarations.submitForModel(
        acme.actor,
        declarationFor({ brand: 'Acme', model: `EV-${n}`, gtins: [g] }),
        { draft: options.draft ?? false },
      );
      return { id: result.declaration.id, gtin: g };
    }
    const requirement = (
      d: { assessments: { regime: string; requirements: { id: string; status: string; reasons: string[] }[] }[] },
      id: string,
    ) => d.assessments.find((a) => a.regime === PSTI)!.requirements.find((r) => r.id === id)!;
    const sellable = async (gtin: string, at?: string) =>
      (await s.sellability.checkSellable({ gtin, regime: PSTI, ...(at ? { at } : {}) })).answer;

    test('a failing password analysis flips the password requirement to not met, with the finding as the reason; sellability follows', async () => {
      const { id, gtin } = await declared();
      assert.equal((await sellable(gtin)).sellable, true);
      const doc = await failingPasswords();
      const finding = doc.findings.find((f) => f.severity === 'fail')!;
      const { evidence, declaration } = await s.evidence.attachEvidence(acme.actor, id, {
        kind: 'passwords',
        document: doc,
      });
      assert.equal(evidence.kind, 'passwords');
      assert.equal(evidence.sha256, sha256Hex(canonicalJson(doc)));
      const req = requirement(declaration, 'psti-sch1-para1');
      assert.equal(req.status, 'not-met');
      assert.ok(
        req.reasons.some((r) => r.includes(finding.message) && r.includes(finding.code)),
        req.reasons.join(' | '),
      );
      assert.equal(
        requirement(declaration, 'psti-sch1-para2').status,
        'met',
        'the disclosure requirement is untouched',
      );
      // Stored: a new read of the declaration and the sellability answer see it, today and on a later day.
      const stored = await s.declarations.getDeclaration(null, id);
      assert.equal(requirement(stored, 'psti-sch1-para1').status, 'not-met');
      const answer = await sellable(gtin);
      assert.equal(answer.sellable, false);
      assert.ok(
        answer.reasons.some((r) => r.includes(finding.message)),
        answer.reasons.join(' | '),
      );
      assert.equal(
        (await sellable(gtin, '2027-03-01')).sellable,
        false,
        'a re-assessment on another day keeps the evidence',
      );
      // The newest of a kind counts: a good analysis uploaded later makes it met again.
      const again = await s.evidence.attachEvidence(acme.actor, id, {
        kind: 'passwords',
        document: await goodPasswords(),
      });
      assert.equal(requirement(again.declaration, 'psti-sch1-para1').status, 'met');
      assert.equal((await sellable(gtin)).sellable, true);
      const listed = await s.evidence.listEvidence(null, id);
      assert.deepEqual(
        listed.evidence.map((e) => e.current),
        [true, false],
      );
    });

    test('a good password analysis keeps the requirement met', async () => {
      const { id, gtin } = await declared();
      const { declaration } = await s.evidence.attachEvidence(acme.actor, id, {
        kind: 'passwords',
        document: await goodPasswords(),
      });
      assert.equal(requirement(declaration, 'psti-sch1-para1').status, 'met');
      assert.equal(declaration.assessments.find((a) => a.regime === PSTI)!.outcome, 'pass');
      assert.equal((await sellable(gtin)).sellable, true);
    });

    test('a security.txt without a declared contact fails the disclosure requirement', async () => {
      const { id, gtin } = await declared();
      const { declaration, evidence } = await s.evidence.attachEvidence(acme.actor, id, {
        kind: 'security-txt',
        text: securityTxt([CAMERA_CONTACTS[0]!]),
      });
      assert.deepEqual(evidence.securityTxt?.contacts, [CAMERA_CONTACTS[0]]);
      const req = requirement(declaration, 'psti-sch1-para2');
      assert.equal(req.status, 'not-met');
      assert.ok(
        req.reasons.some((r) => r.includes(`The contact ${CAMERA_CONTACTS[1]} is not listed in the security.txt`)),
        req.reasons.join(' | '),
      );
      assert.equal((await sellable(gtin)).sellable, false);
    });

    test('an expired security.txt fails the disclosure requirement; one listing every contact keeps it met until it expires', async () => {
      const expired = await declared();
      const { declaration } = await s.evidence.attachEvidence(acme.actor, expired.id, {
        kind: 'security-txt',
        text: securityTxt(CAMERA_CONTACTS, '2025-01-01T00:00:00.000Z'),
      });
      const req = requirement(declaration, 'psti-sch1-para2');
      assert.equal(req.status, 'not-met');
      assert.ok(
        req.reasons.some((r) => r.includes('has expired')),
        req.reasons.join(' | '),
      );
      assert.equal((await sellable(expired.gtin)).sellable, false);

      const good = await declared();
      const ok = await s.evidence.attachEvidence(acme.actor, good.id, {
        kind: 'security-txt',
        text: securityTxt(CAMERA_CONTACTS),
      });
      assert.equal(requirement(ok.declaration, 'psti-sch1-para2').status, 'met');
      assert.equal((await sellable(good.gtin)).sellable, true);
      assert.equal(
        (await sellable(good.gtin, '2027-07-01')).sellable,
        false,
        'after its Expires date the same file counts as expired',
      );
    });

    test('bad documents are refused naming the field, and nothing is stored', async () => {
      const { id } = await declared();
      const before = (await s.journal.events(0, 10_000)).length;
      const withPassword = await goodPasswords();
      withPassword.findings.push({
        ...(withPassword.findings[0] ?? (await failingPasswords()).findings[0]!),
        redactedExamples: ['hunter2hunter2'],
      });
      const cases: [unknown, RegExp][] = [
        [{ ...(await goodPasswords()), schemaVersion: 'iotlabel.password-evidence/v2' }, /\/document\/schemaVersion/],
        [{ ...(await goodPasswords()), passwords: ['x'] }, /\/document\/passwords: is not a field/],
        [withPassword, /\/document\/findings\/\d+\/redactedExamples\/0: is not redacted/],
        [
          await (async () => {
            const d = await failingPasswords();
            d.findings[0]!.evidence = { password: 'password17' };
            return d;
          })(),
          /\/document\/findings\/0\/evidence\/password: looks like a raw password/,
        ],
        [
          await (async () => {
            const d = await failingPasswords();
            d.verdict = 'pass';
            return d;
          })(),
          /\/document\/verdict/,
        ],
        [
          await (async () => {
            const d = await goodPasswords();
            d.fingerprints.duplicates.push({ fingerprint: 'not-hex', count: 2, firstLine: 3 });
            return d;
          })(),
          /\/document\/fingerprints\/duplicates\/\d+\/fingerprint/,
        ],
        ['not an object', /\/document/],
      ];
      for (const [document, path] of cases) {
        await assert.rejects(
          s.evidence.attachEvidence(acme.actor, id, { kind: 'passwords', document }),
          (error: unknown) => hasCode('EVIDENCE_INVALID')(error) && path.test((error as Error).message),
        );
      }
      await assert.rejects(
        s.evidence.attachEvidence(acme.actor, id, { kind: 'security-txt', text: '  \n' }),
        hasCode('EVIDENCE_INVALID'),
      );
      await assert.rejects(
        s.evidence.attachEvidence(acme.actor, id, {
          kind: 'security-txt',
          text: `Contact: mailto:a@b.example\n${'#'.repeat(40_000)}\n`,
        }),
        hasCode('EVIDENCE_INVALID'),
      );
      assert.equal((await s.evidence.listEvidence(acme.actor, id)).evidence.length, 0);
      assert.equal((await s.journal.events(0, 10_000)).length, before, 'no event');
      assert.equal(requirement(await s.declarations.getDeclaration(null, id), 'psti-sch1-para1').status, 'met');
    });

    test('only the owner attaches; a draft is invisible to others; every upload is audited and evented', async () => {
      const { id } = await declared();
      await assert.rejects(
        s.evidence.attachEvidence(other.actor, id, { kind: 'passwords', document: await goodPasswords() }),
        hasCode('FORBIDDEN'),
      );
      const draft = await declared({ draft: true });
      await assert.rejects(
        s.evidence.attachEvidence(other.actor, draft.id, { kind: 'passwords', document: await goodPasswords() }),
        hasCode('NOT_FOUND'),
      );
      await assert.rejects(s.evidence.listEvidence(null, draft.id), hasCode('NOT_FOUND'));
      const attached = await s.evidence.attachEvidence(acme.actor, draft.id, {
        kind: 'passwords',
        document: await failingPasswords(),
      });
      assert.equal((await s.evidence.listEvidence(acme.actor, draft.id)).evidence[0]!.id, attached.evidence.id);
      const event = (await s.journal.events(0, 10_000)).find((e) => e.subjectId === attached.evidence.id)!;
      assert.equal(event.type, 'evidence-attached');
      assert.equal((event.payload as { sha256: string }).sha256, attached.evidence.sha256);
      assert.ok(
        (await s.journal.audit(0, 10_000)).some(
          (a) => a.action === 'evidence.attach' && a.subjectId === attached.evidence.id,
        ),
      );
      // The public sees findings and statistics, never the stored document or its fingerprint section.
      await s.evidence.attachEvidence(acme.actor, id, { kind: 'passwords', document: await failingPasswords() });
      const pub = (await s.evidence.listEvidence(null, id)).evidence[0]!;
      assert.ok(pub.passwords && pub.passwords.findings.length > 0 && pub.passwords.statistics.rows === 300);
      assert.equal(pub.document, undefined);
      assert.ok(!JSON.stringify(pub).includes('"fingerprints"'));
      assert.ok((await s.evidence.listEvidence(acme.actor, id)).evidence[0]!.document, 'the owner sees the document');
    });
  });
}
