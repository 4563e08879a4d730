// Done-when of issue 15, points 3 and 4: an insider with write access to the database. A registry is set up
// and stopped; for each kind of quiet rewrite a copy of its SQLite file is edited (support date shortened,
// declaration document rewritten under its old SHA-256, newest version deleted, revoked label un-revoked,
// inner Merkle node changed), the registry is started again on the copy, and `iotlabel log verify` exits 1
// naming what disagrees with the log. The untouched copy exits 0. After the support date was edited, the
// "never shorten" rule still refuses a version shorter than the log's promise.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/index.js';
import { openRegistry } from '../../src/registry/index.js';
import type { Services } from '../../src/registry/index.js';
import { LOG_KEY_FILE, verifierKeyFor } from '../../src/registry/log/key.js';
import { bufferIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { declarationFor, fixedClock, operator } from '../support/registry.js';

const BRAND = 'Tamper Test Devices';

interface Setup {
  key: string;
  products: Record<'support' | 'document' | 'versions' | 'revoked', string>;
  revokedLabel: string;
}

interface Running {
  url: string;
  services: Services;
  app: FastifyInstance;
}

async function start(dir: string): Promise<Running> {
  const { services } = await openRegistry({ dataDir: dir, databaseUrl: '', clock: fixedClock, logKey: '' });
  const app = await buildApp(services, { logger: false });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { url, services, app };
}

async function stop(r: Running): Promise<void> {
  await r.app.close();
  await r.services.close();
}

async function logVerify(dir: string, url: string) {
  const io = bufferIo();
  const key = verifierKeyFor(readFileSync(join(dir, LOG_KEY_FILE), 'utf8').trim());
  const code = await main(['log', 'verify', '--server', url, '--key', key, '--json'], io);
  const report = JSON.parse(io.stdout() || 'null') as { violations: { code: string; message: string }[] } | null;
  return { code, report, err: io.stderr() };
}

async function checkState(dir: string) {
  const io = bufferIo();
  const code = await main(['log', 'check-state', '--data-dir', dir], io);
  return { code, out: io.stdout() + io.stderr() };
}

describe('quiet rewrites of the database are caught by the monitor', () => {
  let root: string;
  let pristine: string;
  let setup: Setup;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'iotlabel-tamper-'));
    pristine = join(root, 'pristine');
    const r = await start(pristine);
    const s = r.services;
    const org = await s.organisations.registerOrganisation(operator, { name: BRAND, kind: 'manufacturer' });
    const key = (await s.organisations.createKey(operator, org.id, {})).key;
    const actor = await s.organisations.authenticate(key);
    const declare = async (model: string, gtin: string, endDate: string) =>
      (await s.declarations.submitForModel(actor, declarationFor({ brand: BRAND, model, gtins: [gtin] }, endDate)))
        .product.id;
    const products = {
      support: await declare('T-SUPPORT', '05012345670003', '2030-12-31'),
      document: await declare('T-DOCUMENT', '05012345670010', '2030-12-31'),
      versions: await declare('T-VERSIONS', '05012345670027', '2030-12-31'),
      revoked: await declare('T-REVOKED', '05012345670034', '2030-12-31'),
    };
    await s.declarations.submitDeclaration(
      actor,
      products.versions,
      declarationFor({ brand: BRAND, model: 'T-VERSIONS', gtins: ['05012345670027'] }, '2032-12-31'),
    );
    const { label } = await s.labels.issueLabel(actor, products.revoked, { regime: 'uk-2019-option-a' });
    await s.labels.changeStatus({ kind: 'system', via: 'test' }, label.id, {
      status: 'revoked',
      reason: 'a universal default password was found',
    });
    setup = { key, products, revokedLabel: label.id };
    await stop(r);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  /** A copy of the stopped registry's folder, with `edit` applied to its SQLite file. */
  function copyWith(name: string, edit?: (db: Database.Database) => void): string {
    const dir = join(root, name);
    cpSync(pristine, dir, { recursive: true });
    if (edit) {
      const db = new Database(join(dir, 'iotlabel.db'));
      try {
        edit(db);
      } finally {
        db.close();
      }
    }
    return dir;
  }

  const newest = (db: Database.Database, productId: string) =>
    db
      .prepare(
        "SELECT id FROM declarations WHERE product_id = ? AND status = 'submitted' ORDER BY version DESC LIMIT 1",
      )
      .pluck()
      .get(productId) as string;

  test('the untouched copy verifies: exit 0', async () => {
    const dir = copyWith('untouched');
    const r = await start(dir);
    try {
      const { code, report, err } = await logVerify(dir, r.url);
      assert.equal(code, 0, JSON.stringify(report?.violations) + err);
    } finally {
      await stop(r);
    }
    const check = await checkState(dir);
    assert.equal(check.code, 0, check.out);
    assert.match(check.out, /Stored facts of 4 products: agree with the log/);
  });

  // name, edit, what the monitor names, its message, and what the operator's check-state says (null: the
  // tree is the monitor's to check, not the stored facts').
  const cases: [string, (db: Database.Database) => void, string, RegExp, RegExp | null][] = [
    [
      'a shortened support date',
      (db) =>
        db
          .prepare('UPDATE declarations SET support_end_date = ? WHERE id = ?')
          .run('2027-06-30', newest(db, setup.products.support)),
      'LOG_STATE_MISMATCH',
      /refuses to serve it as fact: .*the stored support end date is 2027-06-30, but the log promises 2030-12-31/,
      /the stored support end date is 2027-06-30, but the log promises 2030-12-31/,
    ],
    [
      'a declaration document rewritten under its old SHA-256',
      (db) => {
        const id = newest(db, setup.products.document);
        const doc = JSON.parse(db.prepare('SELECT document FROM declarations WHERE id = ?').pluck().get(id) as string);
        doc.passwords.scheme = 'universal-default';
        db.prepare('UPDATE declarations SET document = ? WHERE id = ?').run(JSON.stringify(doc), id);
      },
      'LOG_SERVED_DOCUMENT_MISMATCH',
      /served with a document hashing to [0-9a-f]{64}, not the [0-9a-f]{64} the log committed to/,
      /the stored document of declaration dcl_\w+ does not hash to the SHA-256 the log committed to/,
    ],
    [
      'the newest declaration version deleted',
      (db) => {
        const id = newest(db, setup.products.versions);
        db.prepare('DELETE FROM assessments WHERE declaration_id = ?').run(id);
        db.prepare('DELETE FROM declarations WHERE id = ?').run(id);
      },
      'LOG_STATE_MISMATCH',
      /refuses to serve it as fact: .*the stored newest declaration is dcl_\w+ version 1, but the log's is dcl_\w+ version 2/,
      /the stored newest declaration is dcl_\w+ version 1, but the log's is dcl_\w+ version 2/,
    ],
    [
      'a revoked label un-revoked',
      (db) => db.prepare("UPDATE labels SET status = 'valid' WHERE id = ?").run(setup.revokedLabel),
      // The registry refuses the label answer (and the status list the QR page reads) rather than serve it.
      'LOG_STATE_MISMATCH',
      /^\/v1\/labels\/\w+: the registry refuses to serve it as fact: .*label \w+ is stored as valid, but the log says revoked$/,
      /label \w+ is stored as valid, but the log says revoked/,
    ],
    [
      'an inner Merkle node edited',
      (db) => db.prepare('UPDATE log_nodes SET hash = ? WHERE level = 1 AND idx = 0').run(Buffer.alloc(32, 7)),
      'LOG_SERVED_PROOF_INVALID',
      /inclusion proof served for entry \d+ of product .* does not verify/,
      null,
    ],
  ];
  for (const [name, edit, code, message, stored] of cases) {
    test(`${name}: log verify exits 1 naming ${code}`, async () => {
      const dir = copyWith(name.replace(/\W+/g, '-'), edit);
      const r = await start(dir);
      try {
        const { code: exit, report, err } = await logVerify(dir, r.url);
        assert.equal(exit, 1, err);
        const found = report!.violations.filter((v) => v.code === code);
        assert.ok(found.length > 0, `no ${code} in ${JSON.stringify(report!.violations)}`);
        assert.ok(
          found.some((v) => message.test(v.message)),
          found.map((v) => v.message).join('\n'),
        );
      } finally {
        await stop(r);
      }
      const check = await checkState(dir);
      if (stored === null) assert.equal(check.code, 0, check.out);
      else {
        assert.equal(check.code, 1, check.out);
        assert.match(check.out, stored);
      }
    });
  }

  test('a product whose stored facts disagree with the log is refused as problem+json naming the disagreement', async () => {
    const r = await start(copyWith('refused', cases[0]![1]));
    try {
      for (const path of [
        `/v1/products/${setup.products.support}`,
        `/v1/sellable?gtin=05012345670003&regime=uk-2019-option-a`,
      ]) {
        const res = await fetch(`${r.url}${path}`);
        assert.equal(res.status, 500, path);
        assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
        const problem = (await res.json()) as { code: string; detail: string };
        assert.equal(problem.code, 'LOG_STATE_MISMATCH');
        assert.match(problem.detail, /support end date is 2027-06-30, but the log promises 2030-12-31/);
      }
      assert.equal((await fetch(`${r.url}/v1/products/${setup.products.document}`)).status, 200, 'others are served');
    } finally {
      await stop(r);
    }
  });

  test('after the support date was edited in the database, a shorter version is still refused', async () => {
    const dir = copyWith('never-shorten', cases[0]![1]);
    const r = await start(dir);
    try {
      const actor = await r.services.organisations.authenticate(setup.key);
      const shorter = declarationFor({ brand: BRAND, model: 'T-SUPPORT', gtins: ['05012345670003'] }, '2028-12-31');
      await assert.rejects(r.services.declarations.submitDeclaration(actor, setup.products.support, shorter), {
        code: 'SUPPORT_PERIOD_SHORTENED',
      });
    } finally {
      await stop(r);
    }
  });
});
