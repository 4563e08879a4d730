// Tried as a new user would: the built `iotlabel serve` on a free port with an empty data folder prints
// its URL and demo keys; the quick-start curl commands of docs/api.md (run as written) register a
// product and submit a declaration; GET /v1/sellable answers; after kill -9 and a restart everything
// acknowledged is still there; SIGTERM ends the server cleanly.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from '../support/build.js';
import { freePort } from '../support/postgres-server.js';
import { startServe, type ServeProcess } from '../support/serve-process.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

type Server = ServeProcess;

async function serve(dataDir: string, port: number): Promise<Server> {
  const argv = [join(ROOT, 'bin', 'iotlabel.js'), 'serve', '--port', String(port), '--host', '127.0.0.1'];
  const env = { ...process.env, LOG_LEVEL: 'warn', DATABASE_URL: '' };
  const server = await startServe([...argv, '--data-dir', dataDir], { cwd: ROOT, env });
  // The banner is written in one go after listening; give it a moment to arrive whole.
  await new Promise((r) => setTimeout(r, 200));
  return server;
}

function quickstartBlock(): string {
  const doc = readFileSync(join(ROOT, 'docs', 'api.md'), 'utf8');
  const match = /<!-- quickstart[^>]*-->\s*```sh\n([\s\S]*?)```/.exec(doc);
  assert.ok(match, 'docs/api.md has a quickstart block');
  // BASE and KEY are the reader's to fill in; the test supplies them.
  return match[1]!
    .split('\n')
    .filter((line) => !/^export (BASE|KEY)=/.test(line))
    .join('\n');
}

describe('a new user runs the built CLI', { timeout: 180_000 }, () => {
  let dir: string;
  let base: string;
  let port: number;
  let server: Server | undefined;
  before(async () => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'iotlabel-newuser-'));
    port = await freePort();
    base = `http://127.0.0.1:${port}`;
  });
  after(() => {
    if (server && server.child.exitCode === null) server.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  const get = async (path: string, key?: string) => {
    const res = await fetch(`${base}${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
    return { status: res.status, body: (await res.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };

  let acmeKey = '';

  test('first start: creates the database, seeds demo data, prints the URL and one key per role', async () => {
    server = await serve(join(dir, 'data'), port);
    const out = server.output();
    assert.match(out, new RegExp(`listening on ${base.replace(/\./g, '\\.')}`));
    const keys = [...out.matchAll(/^\s+(manufacturer|retailer|regulator|admin)\s+(.+?)\s+(iotl_\S+)$/gm)].map((m) => ({
      role: m[1],
      org: m[2],
      key: m[3]!,
    }));
    assert.deepEqual([...new Set(keys.map((k) => k.role))].sort(), ['admin', 'manufacturer', 'regulator', 'retailer']);
    acmeKey = keys.find((k) => k.org === 'Acme Devices Ltd')!.key;
    assert.ok(existsSync(join(dir, 'data', 'iotlabel.db')));
    assert.equal((await get('/readyz')).status, 200);
    const demo = await get('/v1/sellable?gtin=05012345678900&regime=uk-psti-2023');
    assert.equal(demo.body.sellable, true);
  });

  test("docs/api.md's quick start works as written", async () => {
    const result = spawnSync('bash', ['-euo', 'pipefail', '-c', quickstartBlock()], {
      cwd: ROOT,
      env: { ...process.env, BASE: base, KEY: acmeKey },
      encoding: 'utf8',
    });
    assert.equal(result.status, 0, result.stderr);
    assert.doesNotMatch(result.stdout, /application\/problem|"code":"/, `no request failed: ${result.stdout}`);
    const found = await get('/v1/products?brand=Acme&model=LOCK-2');
    assert.equal(found.body.products.length, 1);
    const product = found.body.products[0];
    assert.deepEqual(product.gtins, ['05012345678962']);
    assert.equal(product.latestDeclaration.version, 1);
    const answer = await get('/v1/sellable?gtin=05012345678962&regime=uk-psti-2023');
    assert.equal(answer.status, 200);
    assert.equal(answer.body.sellable, false);
    assert.equal(answer.body.outcome, 'fail');
    assert.ok(
      answer.body.reasons.some((r: string) => /acknowledgement/i.test(r)),
      answer.body.reasons.join('\n'),
    );
    assert.match(result.stdout, /"sellable":false/);
    assert.match(result.stdout, /"sellable":true/);
  });

  test('after kill -9 and a restart, everything acknowledged is still there and no demo data is added', async () => {
    server!.child.kill('SIGKILL');
    await server!.exited;
    server = await serve(join(dir, 'data'), port);
    assert.doesNotMatch(server.output(), /Demo API keys/);
    assert.equal((await get('/v1/me', acmeKey)).body.organisation.name, 'Acme Devices Ltd');
    const found = await get('/v1/products?brand=Acme&model=LOCK-2');
    assert.equal(found.body.products[0].latestDeclaration.version, 1);
    assert.equal((await get('/v1/sellable?gtin=05012345678962&regime=uk-psti-2023')).body.outcome, 'fail');
    assert.equal(
      (await get('/v1/products?q=acme&limit=100')).body.products.filter((p: { model: string }) => p.model === 'CAM-200')
        .length,
      1,
    );
  });

  test('SIGTERM stops the server cleanly (exit 0, pid file removed)', async () => {
    assert.ok(existsSync(join(dir, 'data', 'iotlabel.pid')));
    server!.child.kill('SIGTERM');
    assert.equal(await server!.exited, 0, server!.output());
    assert.ok(!existsSync(join(dir, 'data', 'iotlabel.pid')));
  });
});
