// Issue 18, point 5: the SQLite database holds password hashes, drafts and evidence, so its folder is 0700 and
// the database, its -wal and -shm files and `admin backup` copies are 0600; a looser existing folder is named
// in a warning at start.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loosePaths, migrateToLatest, openStore } from '../../src/store/index.js';
import { warnIfReadableByOthers } from '../../src/cli/commands/serve.js';

const modeOf = (path: string) => statSync(path).mode & 0o777;

test('a new data folder is 0700; the database, its WAL and shared-memory files and a backup are 0600', async () => {
  const root = mkdtempSync(join(tmpdir(), 'iotlabel-modes-'));
  try {
    const dataDir = join(root, 'data');
    const store = await openStore({ kind: 'sqlite', file: join(dataDir, 'iotlabel.db') });
    await migrateToLatest(store);
    const backup = join(root, 'backup.db');
    await store.backup(backup);
    assert.equal(modeOf(dataDir), 0o700);
    for (const name of ['iotlabel.db', 'iotlabel.db-wal', 'iotlabel.db-shm'])
      assert.equal(modeOf(join(dataDir, name)), 0o600, name);
    assert.equal(modeOf(backup), 0o600, 'backup');
    assert.deepEqual(loosePaths(dataDir), []);
    await store.close();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('an existing folder or database others can read is named in the start-up warning', async () => {
  const root = mkdtempSync(join(tmpdir(), 'iotlabel-modes-'));
  try {
    const dataDir = join(root, 'data');
    mkdirSync(dataDir);
    chmodSync(dataDir, 0o755);
    const store = await openStore({ kind: 'sqlite', file: join(dataDir, 'iotlabel.db') });
    await store.close();
    chmodSync(join(dataDir, 'iotlabel.db'), 0o644);
    assert.deepEqual(loosePaths(dataDir), [dataDir, join(dataDir, 'iotlabel.db')]);
    const lines: string[] = [];
    warnIfReadableByOthers({ err: (text) => lines.push(text) }, dataDir);
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, /can be read by other users/);
    assert.match(lines[0]!, new RegExp(`chmod 700 ${dataDir}`));

    chmodSync(dataDir, 0o700);
    chmodSync(join(dataDir, 'iotlabel.db'), 0o600);
    const none: string[] = [];
    warnIfReadableByOthers({ err: (text) => none.push(text) }, dataDir);
    assert.deepEqual(none, []);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
