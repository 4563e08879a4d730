// `iotlabel admin`: organisations and keys from the command line, backup while the database is open,
// restore that refuses to run under a live server and keeps the file it replaces.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRegistry } from '../../src/registry/index.js';
import { createPostgresDatabase, DIALECTS } from '../support/dialects.js';
import { runCli } from '../support/cli.js';

const run = runCli;

describe('iotlabel admin (SQLite)', () => {
  let dir: string;
  let dataDir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'iotlabel-admin-'));
    dataDir = join(dir, 'data');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const orgCount = async () => {
    const { services } = await openRegistry({ dataDir });
    try {
      return (await services.organisations.listOrganisations({ limit: 100 })).length;
    } finally {
      await services.close();
    }
  };

  test('create-organisation --key, create-key and revoke-key', async () => {
    const created = await run(
      'admin',
      'create-organisation',
      '--name',
      'Acme Devices Ltd',
      '--kind',
      'manufacturer',
      '--key',
      '--json',
      '--data-dir',
      dataDir,
    );
    assert.equal(created.code, 0, created.err);
    const { organisation, key } = JSON.parse(created.out);
    assert.equal(organisation.kind, 'manufacturer');
    assert.match(key.key, /^iotl_/);
    const second = await run(
      'admin',
      'create-key',
      '--organisation',
      organisation.id,
      '--name',
      'ci',
      '--data-dir',
      dataDir,
    );
    assert.equal(second.code, 0);
    assert.match(second.out, /shown once/);
    const revoked = await run('admin', 'revoke-key', key.id, '--data-dir', dataDir);
    assert.equal(revoked.code, 0);
    assert.match(revoked.out, /revoked at/);
    const listed = await run('admin', 'organisations', '--data-dir', dataDir);
    assert.match(listed.out, /Acme Devices Ltd/);
  });

  test('bad usage exits 2 with one line and no stack trace', async () => {
    const bad = await run('admin', 'create-organisation', '--name', 'X', '--kind', 'wizard', '--data-dir', dataDir);
    assert.equal(bad.code, 2);
    assert.equal(bad.err.trim().split('\n').length, 1);
    assert.doesNotMatch(bad.err, /\n\s+at /);
    const dup = await run(
      'admin',
      'create-organisation',
      '--name',
      'acme devices ltd',
      '--kind',
      'retailer',
      '--data-dir',
      dataDir,
    );
    assert.equal(dup.code, 1);
    assert.match(dup.err, /already exists/);
    const missing = await run('admin', 'revoke-key', 'key_nope', '--data-dir', dataDir);
    assert.equal(missing.code, 1);
  });

  test('backup, then restore brings the backed-up state back and keeps the replaced file', async () => {
    const file = join(dir, 'backup.db');
    const backup = await run('admin', 'backup', file, '--data-dir', dataDir);
    assert.equal(backup.code, 0, backup.err);
    assert.equal(
      (await run('admin', 'backup', file, '--data-dir', dataDir)).code,
      2,
      'an existing file is not overwritten',
    );
    const before = await orgCount();
    assert.equal(
      (await run('admin', 'create-organisation', '--name', 'Late Ltd', '--kind', 'retailer', '--data-dir', dataDir))
        .code,
      0,
    );
    assert.equal(await orgCount(), before + 1);
    const restored = await run('admin', 'restore', file, '--data-dir', dataDir);
    assert.equal(restored.code, 0, restored.err);
    assert.equal(await orgCount(), before);
    assert.ok(
      readdirSync(dataDir).some((f) => f.startsWith('iotlabel.db.before-restore-')),
      'the replaced database is kept',
    );
  });

  test('restore refuses while a server uses the folder, and refuses a file that is not a backup', async () => {
    const file = join(dir, 'backup2.db');
    assert.equal((await run('admin', 'backup', file, '--data-dir', dataDir)).code, 0);
    writeFileSync(join(dataDir, 'iotlabel.pid'), `${process.pid}\n`);
    try {
      const refused = await run('admin', 'restore', file, '--data-dir', dataDir);
      assert.equal(refused.code, 1);
      assert.match(refused.err, /stop it before restoring/);
    } finally {
      rmSync(join(dataDir, 'iotlabel.pid'));
    }
    const junk = join(dir, 'junk.db');
    writeFileSync(junk, 'not a database');
    const bad = await run('admin', 'restore', junk, '--data-dir', dataDir);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /not an iotlabel SQLite database/);
    assert.ok(existsSync(join(dataDir, 'iotlabel.db')));
  });
});

if (DIALECTS.includes('postgres')) {
  describe('iotlabel admin (PostgreSQL)', () => {
    test('organisations and keys go to the database named by --database-url; backup points to pg_dump', async () => {
      const url = await createPostgresDatabase();
      const created = await run(
        'admin',
        'create-organisation',
        '--name',
        'PG Maker',
        '--kind',
        'manufacturer',
        '--key',
        '--json',
        '--database-url',
        url,
      );
      assert.equal(created.code, 0, created.err);
      const listed = await run('admin', 'organisations', '--database-url', url);
      assert.match(listed.out, /PG Maker/);
      const backup = await run('admin', 'backup', '/tmp/never.db', '--database-url', url);
      assert.equal(backup.code, 2);
      assert.match(backup.err, /pg_dump/);
    });
  });
}
