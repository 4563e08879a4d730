// The registry's transparency log through the write seam, on both databases: every logged change is one entry
// in the same transaction, group commit isolates failures, proofs verify against signed checkpoints, labels
// learn their entry index at emit time, and the tree stays consistent across processes and restarts.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { DIALECTS } from '../../support/dialects.js';
import {
  TEST_LOG_KEY,
  declarationFor,
  manufacturer,
  openTestRegistry,
  operator,
  type TestRegistry,
} from '../../support/registry.js';
import { parseLogRecord } from '../../../src/registry/log/entry.js';
import { hashLeaf } from '../../../src/tlog/hash.js';
import { openCheckpoint } from '../../../src/tlog/open-checkpoint.js';
import { parseVerifierKey } from '../../../src/tlog/note-key.js';
import { verifyConsistency } from '../../../src/tlog/verify-consistency.js';
import { verifyTlogProof } from '../../../src/tlog/tlog-proof.js';
import type { Services } from '../../../src/registry/index.js';

const verifier = parseVerifierKey(TEST_LOG_KEY.verifierKey);
const opened = (note: string) => openCheckpoint(note, [verifier]).checkpoint;

async function productWithDeclaration(
  services: Services,
  actor: Parameters<Services['products']['createProduct']>[0],
  model: string,
  endDate = '2031-01-01',
) {
  const product = await services.products.createProduct(actor, {
    brand: 'Acme',
    model,
    name: 'Cam',
    category: 'smart-camera',
  });
  const declaration = await services.declarations.submitDeclaration(
    actor,
    product.id,
    declarationFor({ brand: 'Acme', model, gtins: [] }, endDate),
  );
  return { product, declaration };
}

for (const dialect of DIALECTS) {
  describe(`transparency log on ${dialect}`, () => {
    let t: TestRegistry;
    let s: Services;
    let acme: Awaited<ReturnType<typeof manufacturer>>;
    before(async () => {
      t = await openTestRegistry(dialect);
      s = t.services;
      acme = await manufacturer(s, 'Acme Devices Ltd');
    });
    after(async () => {
      await t.close();
    });

    test('an empty log serves a signed checkpoint of size 0; products, drafts and keys are not logged', async () => {
      const product = await s.products.createProduct(acme.actor, {
        brand: 'Acme',
        model: 'D-1',
        name: 'Cam',
        category: 'smart-camera',
      });
      await s.declarations.submitDeclaration(
        acme.actor,
        product.id,
        declarationFor({ brand: 'Acme', model: 'D-1', gtins: [] }),
        { draft: true },
      );
      const { size, note } = await s.log.checkpoint();
      assert.equal(size, 0);
      assert.equal(opened(note).size, 0);
      assert.equal(s.log.origin, 'registry.test/log');
    });

    test('concurrent writes share a transaction; a failing one is rolled back alone and its index reused', async () => {
      const before = (await s.log.checkpoint()).size;
      const { product } = await productWithDeclaration(s, acme.actor, 'G-1', '2031-01-01');
      const ends = ['2032-01-01', '2029-01-01', '2033-01-01', '2034-01-01'];
      const results = await Promise.allSettled(
        ends.map((end) =>
          s.declarations.submitDeclaration(
            acme.actor,
            product.id,
            declarationFor({ brand: 'Acme', model: 'G-1', gtins: [] }, end),
          ),
        ),
      );
      const failed = results.filter((r) => r.status === 'rejected');
      assert.ok(failed.length >= 1);
      for (const f of failed) assert.equal((f as PromiseRejectedResult).reason.code, 'SUPPORT_PERIOD_SHORTENED');
      const kept = results.length - failed.length;
      const { size, note } = await s.log.checkpoint();
      assert.equal(size, before + 1 + kept);
      const history = await s.log.history(product.id);
      assert.equal(history.entries.length, 1 + kept);
      // The chain, the order of support end dates and every proof against the one signed checkpoint.
      let previous: number | null = null;
      let end = '';
      for (const entry of history.entries) {
        const record = parseLogRecord(Buffer.from(entry.entry));
        assert.equal(record.previous, previous);
        assert.ok(record.supportEnd! >= end);
        previous = entry.index;
        end = record.supportEnd!;
        const checked = verifyTlogProof(entry.proof, hashLeaf(Buffer.from(entry.entry)), [verifier]);
        assert.equal(checked.index, entry.index);
        assert.equal(checked.checkpoint.size, size);
      }
      assert.equal(history.checkpoint, note);
    });

    test('a batch numbers its events without gaps: a failed use case leaves no event or audit entry and its numbers are reused', async () => {
      const lastSeq = async () => (await s.journal.events(0, 100_000)).at(-1)?.seq ?? 0;
      const lastAudit = async () => (await s.journal.audit(0, 100_000)).at(-1)?.id ?? 0;
      const { product } = await productWithDeclaration(s, acme.actor, 'B-1');
      const [seqBefore, auditBefore, sizeBefore] = [
        await lastSeq(),
        await lastAudit(),
        (await s.log.checkpoint()).size,
      ];
      const write = (name: string, fail: boolean) =>
        s.writer.write(operator, async (ctx) => {
          await ctx.audit({ action: 'test.batch', subjectType: 'test', subjectId: name });
          const first = await ctx.emit({
            type: 'label-status-changed',
            subjectId: `${name}-1`,
            productId: product.id,
            organisationId: acme.org.id,
            payload: {
              labelId: `${name}-1`,
              status: 'suspended',
              previous: 'valid',
              reason: 'test',
              statusList: 0,
              statusIndex: 0,
            },
          });
          // Not a logged type: it gets a sequence number but no log index.
          const second = await ctx.emit({
            type: 'watchlist-changed',
            subjectId: `${name}-2`,
            organisationId: acme.org.id,
            payload: { added: 1, removed: 0 },
          });
          if (fail) throw new Error(`${name} fails`);
          return [first, second];
        });
      // Started in the same tick, so the three share one transaction.
      const results = await Promise.allSettled([write('a', false), write('b', true), write('c', false)]);
      assert.deepEqual(
        results.map((r) => r.status),
        ['fulfilled', 'rejected', 'fulfilled'],
      );
      const [a, c] = [results[0], results[2]].map(
        (r) => (r as PromiseFulfilledResult<{ seq: number; logIndex: number | null }[]>).value,
      );
      assert.deepEqual(
        [...a!, ...c!].map((e) => e.seq),
        [seqBefore + 1, seqBefore + 2, seqBefore + 3, seqBefore + 4],
      );
      assert.deepEqual(
        [a![0]!.logIndex, a![1]!.logIndex, c![0]!.logIndex, c![1]!.logIndex],
        [sizeBefore, null, sizeBefore + 1, null],
      );
      const events = await s.journal.events(seqBefore, 100);
      assert.deepEqual(
        events.map((e) => [e.seq, e.subjectId]),
        [
          [seqBefore + 1, 'a-1'],
          [seqBefore + 2, 'a-2'],
          [seqBefore + 3, 'c-1'],
          [seqBefore + 4, 'c-2'],
        ],
      );
      const audits = (await s.journal.audit(auditBefore, 100)).filter((e) => e.action === 'test.batch');
      assert.deepEqual(
        audits.map((e) => e.subjectId),
        ['a', 'c'],
      );
      const history = (await s.log.history(product.id)).entries.filter((e) => e.index >= sizeBefore);
      assert.deepEqual(
        history.map((e) => [e.index, parseLogRecord(Buffer.from(e.entry)).subject]),
        [
          [sizeBefore, 'a-1'],
          [sizeBefore + 1, 'c-1'],
        ],
      );
      assert.equal((await s.log.checkpoint()).size, sizeBefore + 2);
    });

    test('writes started by separate callbacks of one event-loop turn share one transaction', async () => {
      // As requests read in the same poll phase do: each starts its write from its own callback, not one tick.
      const seen = await new Promise<unknown[]>((resolve, reject) => {
        const started: Promise<unknown>[] = [];
        const one = () => started.push(s.writer.write(operator, async (ctx) => ctx.trx));
        setImmediate(one);
        setImmediate(one);
        setImmediate(() => {
          one();
          Promise.all(started).then(resolve, reject);
        });
      });
      assert.equal(seen.length, 3);
      assert.equal(new Set(seen).size, 1);
      // A write started after that batch committed gets a transaction of its own.
      const later = await s.writer.write(operator, async (ctx) => ctx.trx);
      assert.notEqual(later, seen[0]);
    });

    test('a declaration entry names the declaration by hash, and the document is served by that hash', async () => {
      const { product, declaration } = await productWithDeclaration(s, acme.actor, 'H-1');
      const [entry] = (await s.log.history(product.id)).entries;
      const record = parseLogRecord(Buffer.from(entry!.entry));
      assert.equal(record.type, 'declaration');
      assert.equal(record.sha256, declaration.sha256);
      assert.equal(record.subject, declaration.id);
      assert.equal(record.manufacturer, acme.org.id);
      assert.equal(record.supportEnd, '2031-01-01');
      assert.equal(record.verdicts['uk-psti-2023'], 'pass');
      const doc = await s.log.document(declaration.sha256);
      assert.equal(createHash('sha256').update(doc.body).digest('hex'), declaration.sha256);
      await assert.rejects(s.log.document('0'.repeat(64)), { code: 'NOT_FOUND' });
    });

    test('products created in one batch start their own chains, a second version in that batch links to the first, and every entry hashes its served document', async () => {
      const models = ['NB-1', 'NB-2', 'NB-3'];
      const doc = (model: string, end: string) => declarationFor({ brand: 'Acme', model, gtins: [] }, end);
      // One poll phase: the three new products, a second version of the first and a shortening (refused) join
      // one transaction.
      const results = await Promise.allSettled([
        ...models.map((m) => s.declarations.submitForModel(acme.actor, doc(m, '2031-01-01'))),
        s.declarations.submitForModel(acme.actor, doc('NB-1', '2033-01-01')),
        s.declarations.submitForModel(acme.actor, doc('NB-1', '2030-01-01')),
      ]);
      assert.deepEqual(
        results.map((r) => r.status),
        ['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'rejected'],
      );
      assert.equal((results[4] as PromiseRejectedResult).reason.code, 'SUPPORT_PERIOD_SHORTENED');
      const first = (results[0] as PromiseFulfilledResult<{ product: { id: string } }>).value.product.id;
      for (const [k, r] of results.slice(0, 3).entries()) {
        const { product } = (r as PromiseFulfilledResult<{ product: { id: string } }>).value;
        const { entries } = await s.log.history(product.id);
        assert.equal(entries.length, k === 0 ? 2 : 1);
        const records = entries.map((e) => parseLogRecord(Buffer.from(e.entry)));
        assert.equal(records[0]!.previous, null);
        if (k === 0) {
          assert.equal(product.id, first);
          assert.equal(records[1]!.previous, entries[0]!.index);
          assert.equal(records[1]!.supportEnd, '2033-01-01');
        }
        for (const record of records) {
          const served = await s.log.document(record.sha256!);
          assert.equal(createHash('sha256').update(served.body).digest('hex'), record.sha256);
        }
      }
    });

    test('emit resolves to the entry index; a label carries it and names its document, which is hashed into the entry', async () => {
      const { product, declaration } = await productWithDeclaration(s, acme.actor, 'L-1');
      const { logIndex, token } = await s.writer.write(operator, async (ctx) => {
        const emitted = await ctx.emit({
          type: 'label-issued',
          subjectId: 'lbl_test1',
          productId: product.id,
          organisationId: acme.org.id,
          payload: {
            labelId: 'lbl_test1',
            regime: 'uk-psti-2023',
            gtin: '00000000000000',
            shield: 'pass',
            supportEndDate: '2031-01-01',
            declarationId: declaration.id,
            declarationVersion: 1,
            statusList: 0,
            statusIndex: 0,
            kid: 'test',
            supersedes: null,
          },
        });
        const body = `token-for-${emitted.logIndex}`;
        ctx.logDocument(emitted.logIndex!, { mediaType: 'application/jwt', body });
        return { logIndex: emitted.logIndex!, token: body };
      });
      const proof = await s.log.inclusion(logIndex);
      const history = await s.log.history(product.id);
      const entry = history.entries.find((e) => e.index === logIndex)!;
      const record = parseLogRecord(Buffer.from(entry.entry));
      assert.equal(record.type, 'label-issued');
      assert.equal(record.declaration, history.entries[0]!.index);
      assert.equal(record.declarationSha256, declaration.sha256);
      assert.equal(record.sha256, createHash('sha256').update(token).digest('hex'));
      verifyTlogProof(proof, hashLeaf(Buffer.from(entry.entry)), [verifier]);
      // Not logged: an event type outside LOGGED_EVENTS gets no index.
      const other = await s.writer.write(operator, (ctx) =>
        ctx.emit({ type: 'webhook-created', subjectId: 'x', organisationId: acme.org.id, payload: {} }),
      );
      assert.equal(other.logIndex, null);
    });

    test('consistency proofs link every pair of checkpoints, also after a restart and from a second process', async () => {
      const first = await s.log.checkpoint();
      const second = await t.second();
      try {
        // Two "processes" append at once on PostgreSQL (the advisory lock keeps one tree). SQLite connections
        // in one process would block each other's thread, so there the second one writes after the first.
        if (dialect === 'postgres') {
          await Promise.all([
            productWithDeclaration(s, acme.actor, 'C-1'),
            productWithDeclaration(second, acme.actor, 'C-2'),
            productWithDeclaration(second, acme.actor, 'C-3'),
          ]);
        } else {
          await productWithDeclaration(s, acme.actor, 'C-1');
          await Promise.all([
            productWithDeclaration(second, acme.actor, 'C-2'),
            productWithDeclaration(second, acme.actor, 'C-3'),
          ]);
          await productWithDeclaration(s, acme.actor, 'C-4');
        }
        const latestHere = await s.log.checkpoint();
        const latestThere = await second.log.checkpoint();
        assert.equal(latestHere.note, latestThere.note);
        const to = opened(latestHere.note);
        const from = opened(first.note);
        const { proof } = await second.log.consistency(from.size);
        verifyConsistency(
          from.size,
          to.size,
          proof.map((p) => Buffer.from(p, 'base64')),
          from.root,
          to.root,
        );
        await assert.rejects(s.log.consistency(0), { code: 'TLOG_RANGE_INVALID' });
        await assert.rejects(s.log.consistency(1, to.size + 1), { code: 'TLOG_RANGE_INVALID' });
        await assert.rejects(s.log.inclusion(to.size), { code: 'TLOG_RANGE_INVALID' });
      } finally {
        await second.close();
      }
    });

    test('an issued label carries its log index; the entry names its declaration entry and the token; status changes and key activation are logged', async () => {
      const gtin = dialect === 'sqlite' ? '05012345678900' : '05012345678917';
      const { product } = await s.declarations.submitForModel(
        acme.actor,
        declarationFor({ brand: 'Acme', model: 'LBL-1', gtins: [gtin] }),
      );
      const { label } = await s.labels.issueLabel(acme.actor, product.id, { regime: 'uk-2019-option-a' });
      const claims = JSON.parse(Buffer.from(label.token.split('.')[1]!, 'base64url').toString('utf8')) as {
        log?: number;
      };
      assert.equal(typeof claims.log, 'number');
      const history = (await s.log.history(product.id)).entries;
      const records = history.map((e) => ({ index: e.index, record: parseLogRecord(Buffer.from(e.entry)) }));
      const issued = records.find((r) => r.record.type === 'label-issued')!;
      assert.equal(issued.index, claims.log);
      assert.equal(issued.record.subject, label.id);
      assert.equal(issued.record.sha256, createHash('sha256').update(label.token).digest('hex'));
      assert.equal(issued.record.declaration, records.find((r) => r.record.type === 'declaration')!.index);
      assert.equal((await s.log.document(issued.record.sha256!)).body, label.token);
      await s.labels.changeStatus(operator, label.id, { status: 'suspended', reason: 'checking' });
      await s.labels.changeStatus(operator, label.id, { status: 'valid', reason: 'fine' });
      await s.labels.changeStatus(operator, label.id, { status: 'revoked', reason: 'withdrawn' });
      const types = (await s.log.history(product.id)).entries.map((e) => parseLogRecord(Buffer.from(e.entry)).type);
      assert.deepEqual(types, ['declaration', 'label-issued', 'label-suspended', 'label-reinstated', 'label-revoked']);
      const keyEntries = await s.store.db
        .selectFrom('logEntries')
        .select('type')
        .where('type', 'in', ['key-activated', 'key-rotated'])
        .execute();
      assert.equal(keyEntries.length, 1);
    });

    test('withdrawal is logged with the product and its promised support end', async () => {
      const { product } = await productWithDeclaration(s, acme.actor, 'W-1', '2035-05-05');
      await s.products.withdrawProduct(acme.actor, product.id, 'end of line');
      const entries = (await s.log.history(product.id)).entries.map((e) => parseLogRecord(Buffer.from(e.entry)));
      assert.deepEqual(
        entries.map((e) => e.type),
        ['declaration', 'product-withdrawn'],
      );
      assert.equal(entries[1]!.supportEnd, '2035-05-05');
      await assert.rejects(s.log.history('prd_nope'), { code: 'NOT_FOUND' });
    });
  });
}
