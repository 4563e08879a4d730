// Issue 19 (newcomer): a busy port is one plain line and exit 2 before anything is created or seeded; the demo
// sign-ins and keys can be had again (`admin demo-credentials`); `admin backup` into a missing folder is exit 2.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRegistry } from '../../src/registry/index.js';
import { seedDemo } from '../../src/demo/index.js';
import { runCli } from '../support/cli.js';

describe('iotlabel serve and admin, for a newcomer', () => {
  let dir: string;
  let busy: Server;
  let busyPort: number;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'iotlabel-start-'));
    busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    busyPort = (busy.address() as { port: number }).port;
  });
  after(async () => {
    await new Promise<void>((resolve) => busy.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  test('serve on a busy port exits 2 naming the port, and creates no database', async () => {
    const dataDir = join(dir, 'busy');
    const result = await runCli('serve', '--port', String(busyPort), '--host', '127.0.0.1', '--data-dir', dataDir);
    assert.equal(result.code, 2);
    assert.equal(result.err, `iotlabel: port ${busyPort} is in use; try --port\n`);
    assert.equal(existsSync(dataDir), false, 'nothing created before the port check');
  });

  test('a first start on a non-loopback bind without --public-url is exit 2: the new log would be misnamed', async () => {
    const dataDir = join(dir, 'wildcard');
    const result = await runCli('serve', '--port', '0', '--host', '0.0.0.0', '--data-dir', dataDir);
    assert.equal(result.code, 2);
    assert.match(result.err, /^iotlabel: a first start on --host 0\.0\.0\.0 needs --public-url https:\/\//);
    assert.equal(existsSync(dataDir), false);
  });

  test('admin backup into a folder that does not exist is exit 2 with a plain message', async () => {
    const dataDir = join(dir, 'backup');
    const result = await runCli('admin', 'backup', join(dir, 'nonexistent', 'x.db'), '--data-dir', dataDir);
    assert.equal(result.code, 2);
    assert.match(result.err, /^iotlabel: cannot write .*x\.db: the folder .*nonexistent does not exist\n$/);
    assert.doesNotMatch(result.err, /internal error/);
  });

  test('admin demo-credentials prints new keys and passwords that work; refused on a database without the demo', async () => {
    const dataDir = join(dir, 'demo');
    {
      const { services } = await openRegistry({ dataDir });
      try {
        await seedDemo(services);
      } finally {
        await services.close();
      }
    }
    const result = await runCli('admin', 'demo-credentials', '--json', '--data-dir', dataDir);
    assert.equal(result.code, 0, result.err);
    const renewed = JSON.parse(result.out) as {
      keys: { role: string; key: string }[];
      users: { email: string; password: string }[];
    };
    assert.equal(renewed.keys.length, 5);
    assert.equal(renewed.users.length, 5);
    const { services } = await openRegistry({ dataDir });
    try {
      for (const k of renewed.keys) assert.equal((await services.organisations.authenticate(k.key)).role, k.role);
      for (const u of renewed.users) {
        const signedIn = await services.sessions.signIn(u.email, u.password);
        assert.equal(signedIn.user.email, u.email);
      }
    } finally {
      await services.close();
    }
    const text = await runCli('admin', 'demo-credentials', '--data-dir', dataDir);
    assert.match(text.out, /Demo sign-ins for the pages at http:\/\/localhost:8080\/sign-in/);
    const none = await runCli('admin', 'demo-credentials', '--data-dir', join(dir, 'empty'));
    assert.equal(none.code, 1);
    assert.match(none.err, /none of the demo organisations/);
  });
});
