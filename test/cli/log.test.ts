// `iotlabel log verify`, in-process, against the registry listening on 127.0.0.1, on both databases. Each kind
// of damage done directly in the database (altered, deleted or reordered entry, altered node hash, checkpoint
// signed with another key, altered document, a forged history that shortens a support period) is reported
// with its code and the entries involved, and exits 1; an intact log exits 0 and the state moves forward.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { bufferIo } from '../../src/cli/io.js';
import { DIALECTS } from '../support/dialects.js';
import { openTestApp, type TestApp } from '../support/http.js';
import { TEST_LOG_KEY, declarationFor, manufacturer } from '../support/registry.js';
import { appendLogRecords } from '../../src/registry/log/batch.js';
import { encodeLogRecord, parseLogRecord } from '../../src/registry/log/entry.js';
import { generateNoteKey, parseSignerKey } from '../../src/tlog/note-key.js';
import { parseCheckpoint } from '../../src/tlog/checkpoint.js';
import { signCheckpoint } from '../../src/tlog/open-checkpoint.js';

interface Report {
  ok: boolean;
  size: number;
  newEntries: number;
  violations: { code: string; indices: number[] }[];
}

for (const dialect of DIALECTS) {
  describe(`iotlabel log verify on ${dialect}`, () => {
    let t: TestApp;
    let url: string;
    let dir: string;
    let productId: string;
    let owner: Awaited<ReturnType<typeof manufacturer>>['actor'];
    const verify = async (...extra: string[]) => {
      const io = bufferIo();
      const code = await main(
        ['log', 'verify', '--server', url, '--key', TEST_LOG_KEY.verifierKey, '--json', ...extra],
        io,
      );
      return { code, report: (io.stdout() ? JSON.parse(io.stdout()) : null) as Report, stderr: io.stderr() };
    };
    const db = () => t.services.store.db;
    const codes = (report: Report) => report.violations.map((v) => v.code);

    before(async () => {
      t = await openTestApp({}, dialect);
      dir = mkdtempSync(join(tmpdir(), 'iotlabel-logverify-'));
      const acme = await manufacturer(t.services, 'Log Test Devices');
      owner = acme.actor;
      for (const model of ['V-1', 'V-2', 'V-3']) {
        const doc = declarationFor({ brand: 'Log Test Devices', model, gtins: [] }, '2031-01-01');
        const { product } = await t.services.declarations.submitForModel(acme.actor, doc);
        await t.services.declarations.submitDeclaration(
          acme.actor,
          product.id,
          declarationFor({ brand: 'Log Test Devices', model, gtins: [] }, '2032-01-01'),
        );
        productId = product.id;
      }
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const address = t.app.server.address();
      url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    });
    after(async () => {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    });

    test('an intact log verifies; the state file moves forward and the next run checks only what is new', async () => {
      const state = join(dir, 'state.json');
      const first = await verify('--state', state);
      assert.equal(first.code, 0, JSON.stringify(first.report));
      assert.equal(first.report.size, 6);
      assert.equal(first.report.newEntries, 6);
      assert.equal(JSON.parse(readFileSync(state, 'utf8')).size, 6);
      await t.services.products.withdrawProduct(owner, productId, 'end of line');
      const second = await verify('--state', state);
      assert.equal(second.code, 0, JSON.stringify(second.report));
      assert.deepEqual([second.report.size, second.report.newEntries], [7, 1]);
      // Without --key the key saved in the state file is used.
      const io = bufferIo();
      assert.equal(await main(['log', 'verify', '--server', url, '--state', state], io), 0);
      assert.match(io.stdout(), /OK -- 7 entries verified \(0 new\)/);
    });

    test('bad usage exits 2', async () => {
      assert.equal(await main(['log', 'verify'], bufferIo()), 2);
      assert.equal(await main(['log', 'verify', '--server', 'not a url'], bufferIo()), 2);
      assert.equal(await main(['log', 'verify', '--server', url, '--key', 'nonsense+key'], bufferIo()), 2);
    });

    test('an altered entry is caught', async () => {
      const row = await db().selectFrom('logEntries').select('data').where('idx', '=', 2).executeTakeFirstOrThrow();
      const forged = parseLogRecord(row.data);
      await db()
        .updateTable('logEntries')
        .set({ data: encodeLogRecord({ ...forged, supportEnd: '2099-12-31' }) })
        .where('idx', '=', 2)
        .execute();
      try {
        const { code, report } = await verify();
        assert.equal(code, 1);
        assert.deepEqual(codes(report), ['TLOG_ENTRY_MISMATCH']);
        assert.deepEqual(report.violations[0]!.indices, [2]);
      } finally {
        await db().updateTable('logEntries').set({ data: row.data }).where('idx', '=', 2).execute();
      }
    });

    test('a deleted entry is caught', async () => {
      const row = await db().selectFrom('logEntries').selectAll().where('idx', '=', 3).executeTakeFirstOrThrow();
      await db().deleteFrom('logEntries').where('idx', '=', 3).execute();
      try {
        const { code, report } = await verify();
        assert.equal(code, 1);
        assert.deepEqual(codes(report), ['TLOG_ENTRY_MISSING']);
        assert.deepEqual(report.violations[0]!.indices, [3]);
      } finally {
        await db().insertInto('logEntries').values(row).execute();
      }
    });

    test('reordered entries are caught', async () => {
      const rows = await db()
        .selectFrom('logEntries')
        .select(['idx', 'data'])
        .where('idx', 'in', [1, 4])
        .orderBy('idx')
        .execute();
      const swap = async (a: Uint8Array, b: Uint8Array) => {
        await db().updateTable('logEntries').set({ data: a }).where('idx', '=', 1).execute();
        await db().updateTable('logEntries').set({ data: b }).where('idx', '=', 4).execute();
      };
      await swap(rows[1]!.data, rows[0]!.data);
      try {
        const { code, report } = await verify();
        assert.equal(code, 1);
        assert.deepEqual(codes(report), ['TLOG_ENTRIES_REORDERED']);
        assert.deepEqual(report.violations[0]!.indices, [1, 4]);
      } finally {
        await swap(rows[0]!.data, rows[1]!.data);
      }
    });

    test('an altered node hash is caught', async () => {
      const row = await db()
        .selectFrom('logNodes')
        .select('hash')
        .where('level', '=', 0)
        .where('idx', '=', 5)
        .executeTakeFirstOrThrow();
      await db()
        .updateTable('logNodes')
        .set({ hash: Buffer.alloc(32, 7) })
        .where('level', '=', 0)
        .where('idx', '=', 5)
        .execute();
      try {
        const { code, report } = await verify();
        assert.equal(code, 1);
        assert.deepEqual(codes(report), ['TLOG_TILE_MISMATCH']);
        assert.deepEqual(report.violations[0]!.indices, [5]);
      } finally {
        await db()
          .updateTable('logNodes')
          .set({ hash: row.hash })
          .where('level', '=', 0)
          .where('idx', '=', 5)
          .execute();
      }
    });

    test('a checkpoint signed with the wrong key is caught', async () => {
      const latest = await db()
        .selectFrom('logCheckpoints')
        .selectAll()
        .orderBy('size', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();
      const impostor = parseSignerKey(generateNoteKey('registry.test/log').signerKey);
      const text = latest.note.slice(0, latest.note.indexOf('\n\n') + 1);
      const forged = signCheckpoint(parseCheckpoint(text), [impostor]);
      await db().updateTable('logCheckpoints').set({ note: forged }).where('size', '=', latest.size).execute();
      try {
        const { code, report } = await verify();
        assert.equal(code, 1);
        assert.deepEqual(codes(report), ['TLOG_NOTE_KEY_UNKNOWN']);
      } finally {
        await db().updateTable('logCheckpoints').set({ note: latest.note }).where('size', '=', latest.size).execute();
      }
    });

    test('a served document that does not match its entry is caught', async () => {
      const entry = await db()
        .selectFrom('logEntries')
        .select(['idx', 'docSha256'])
        .where('idx', '=', 0)
        .executeTakeFirstOrThrow();
      const doc = await db()
        .selectFrom('logDocuments')
        .select('body')
        .where('sha256', '=', entry.docSha256!)
        .executeTakeFirstOrThrow();
      await db()
        .updateTable('logDocuments')
        .set({ body: doc.body.replace('2031-01-01', '2030-01-01') })
        .where('sha256', '=', entry.docSha256!)
        .execute();
      try {
        const { code, report } = await verify();
        assert.equal(code, 1);
        assert.deepEqual(codes(report), ['LOG_DOCUMENT_MISMATCH']);
        assert.deepEqual(report.violations[0]!.indices, [0]);
      } finally {
        await db().updateTable('logDocuments').set({ body: doc.body }).where('sha256', '=', entry.docSha256!).execute();
      }
    });

    test('a forged history that shortens a support period, and a label and a revocation from nowhere, are caught', async () => {
      const state = join(dir, 'forged-state.json');
      assert.equal((await verify('--state', state)).code, 0);
      const last = await db()
        .selectFrom('logEntries')
        .select(['idx', 'data'])
        .where('productId', '=', productId)
        .orderBy('idx', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();
      const base = parseLogRecord(last.data);
      const size = Number((await t.services.log.checkpoint()).size);
      const shortened = {
        ...base,
        type: 'declaration' as const,
        subject: 'dcl_forged',
        supportEnd: '2027-01-01',
        previous: Number(last.idx),
        time: '2026-11-25T00:00:00.000Z',
        sha256: null,
      };
      const label = {
        ...shortened,
        type: 'label-issued' as const,
        subject: 'lbl_forged',
        supportEnd: '2032-01-01',
        previous: size,
        declaration: 1,
        declarationSha256: 'f'.repeat(64),
      };
      const revocation = {
        ...shortened,
        type: 'label-revoked' as const,
        subject: 'lbl_never',
        supportEnd: '2032-01-01',
        previous: size + 1,
      };
      await db()
        .transaction()
        .execute(async (trx) => {
          await t.services.store.capabilities.serializeWrites(trx);
          await appendLogRecords(
            trx,
            parseSignerKey(TEST_LOG_KEY.signerKey),
            [shortened, label, revocation].map(encodeLogRecord),
            '2026-11-25T00:00:00.000Z',
          );
        });
      const { code, report } = await verify('--state', state);
      assert.equal(code, 1);
      const served = (c: string) => c.startsWith('LOG_SERVED_') || c === 'LOG_STATE_MISMATCH';
      assert.deepEqual(
        codes(report).filter((c) => !served(c)),
        ['LOG_SUPPORT_SHORTENED', 'LOG_LABEL_UNMATCHED', 'LOG_STATUS_UNKNOWN_LABEL'],
      );
      // The forged entries name a declaration and a label the registry does not hold: the registry refuses
      // to serve the product as fact, and the audit says so too.
      assert.ok(codes(report).includes('LOG_STATE_MISMATCH'), JSON.stringify(report.violations));
      // Product V-3 was promised support to 2032 by its second declaration, entry 5.
      assert.deepEqual(report.violations[0]!.indices, [5, size]);
      assert.deepEqual(report.violations[1]!.indices, [size + 1, 1]);
      assert.deepEqual(report.violations[2]!.indices, [size + 2]);
      // The tree itself is authentic, so the state moves on: the next run has nothing new to check in the log,
      // but the registry still serves answers the log contradicts, and the audit keeps saying so.
      assert.equal(report.size, size + 3);
      const next = await verify('--state', state);
      assert.equal(next.report.newEntries, 0);
      assert.ok(next.report.violations.length > 0 && codes(next.report).every(served), JSON.stringify(next.report));
    });
  });
}
