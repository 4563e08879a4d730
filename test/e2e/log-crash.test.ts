// Crash test: `iotlabel serve` on a temporary SQLite folder takes concurrent declaration submissions; the test
// notes every one the server acknowledged, sends SIGKILL in the middle of the load, restarts the server on the
// same folder and checks that every acknowledged declaration is there, with its log entry, and that
// `iotlabel log verify` passes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openRegistry } from '../../src/registry/index.js';
import { LOG_KEY_FILE, verifierKeyFor } from '../../src/registry/log/key.js';
import { main } from '../../src/cli/main.js';
import { bufferIo } from '../../src/cli/io.js';
import { ensureBuilt } from '../support/build.js';
import { freePort } from '../support/postgres-server.js';
import { declarationFor, operator } from '../support/registry.js';
import { startServe } from '../support/serve-process.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WORKERS = 12;
const KEYS = 8;

async function serve(dataDir: string, port: number): Promise<ChildProcess> {
  const argv = [join(ROOT, 'bin', 'iotlabel.js'), 'serve', '--no-demo', '--port', String(port), '--host', '127.0.0.1'];
  const env = { ...process.env, LOG_LEVEL: 'warn', DATABASE_URL: '', IOTLABEL_LOG_KEY: '' };
  return (await startServe([...argv, '--data-dir', dataDir], { cwd: ROOT, env })).child;
}

test(
  'every acknowledged write survives kill -9 and the log still verifies',
  { timeout: 180_000 /* includes a one-off build of dist/ when src/ changed */ },
  async () => {
    ensureBuilt();
    const dir = mkdtempSync(join(tmpdir(), 'iotlabel-crash-'));
    let child: ChildProcess | undefined;
    try {
      // Set up a manufacturer with a few keys (the write rate limit is per key) before the server starts.
      const { services } = await openRegistry({ dataDir: dir, databaseUrl: '' });
      const org = await services.organisations.registerOrganisation(operator, {
        name: 'Crash Test Devices',
        kind: 'manufacturer',
      });
      const keys: string[] = [];
      for (let k = 0; k < KEYS; k++)
        keys.push((await services.organisations.createKey(operator, org.id, { name: `loader ${k}` })).key);
      await services.close();

      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      child = await serve(dir, port);
      const acknowledged: { declarationId: string; productId: string }[] = [];
      let stop = false;
      let n = 0;
      const worker = async (w: number) => {
        while (!stop) {
          const model = `K-${w}-${n++}`;
          try {
            const res = await fetch(`${url}/v1/declarations`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${keys[w % KEYS]}` },
              body: JSON.stringify(declarationFor({ brand: 'Crash Test Devices', model, gtins: [] })),
            });
            const body = (await res.json()) as { product: { id: string }; declaration: { id: string } };
            if (res.status === 201)
              acknowledged.push({ declarationId: body.declaration.id, productId: body.product.id });
          } catch {
            // The connection died with the server: not acknowledged, so nothing is promised.
          }
        }
      };
      const load = Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));
      const deadline = Date.now() + 8_000;
      while (acknowledged.length < 30 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      child.kill('SIGKILL');
      await new Promise((r) => child!.once('exit', r));
      stop = true;
      await load;
      assert.ok(acknowledged.length >= 10, `only ${acknowledged.length} writes were acknowledged before the kill`);

      child = await serve(dir, port);
      for (const { declarationId, productId } of acknowledged) {
        const res = await fetch(`${url}/v1/declarations/${declarationId}`);
        assert.equal(res.status, 200, `acknowledged declaration ${declarationId} is gone`);
        const history = (await (await fetch(`${url}/v1/products/${productId}/history`)).json()) as {
          entries: { entry: string }[];
        };
        assert.ok(
          history.entries.some((e) => JSON.parse(e.entry).subject === declarationId),
          `declaration ${declarationId} has no log entry`,
        );
      }
      const io = bufferIo();
      const key = verifierKeyFor(readFileSync(join(dir, LOG_KEY_FILE), 'utf8').trim());
      const code = await main(
        ['log', 'verify', '--server', url, '--key', key, '--state', join(dir, 'monitor.json')],
        io,
      );
      assert.equal(code, 0, io.stdout() + io.stderr());
      assert.match(io.stdout(), /OK -- \d+ entries verified/);
    } finally {
      if (child && child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child!.once('exit', r));
      }
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
