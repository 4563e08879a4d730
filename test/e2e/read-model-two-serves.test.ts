// Two real `iotlabel serve` processes on one PostgreSQL database, as a registry behind a load balancer runs:
// a declaration written through one is answered by the other within a second, by GET /v1/sellable and by
// its kept QR landing page alike, and a GTIN registered through one stops being unknown on the other.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { openRegistry } from '../../src/registry/index.js';
import { ensureBuilt } from '../support/build.js';
import { createPostgresDatabase, DIALECTS } from '../support/dialects.js';
import { withCheckDigit } from '../support/gtin.js';
import { freePort } from '../support/postgres-server.js';
import { declarationFor, example, operator } from '../support/registry.js';
import { startServe, type ServeProcess } from '../support/serve-process.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const REGIME = 'uk-psti-2023';

async function within<T>(ms: number, what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const start = Date.now();
  for (;;) {
    const seen = await probe();
    if (seen !== undefined) return seen;
    if (Date.now() - start > ms) assert.fail(`${what}: not seen within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

for (const dialect of DIALECTS.filter((d) => d === 'postgres')) {
  describe(`two serve processes on one ${dialect} database`, { timeout: 180_000 }, () => {
    const serves: ServeProcess[] = [];
    let writer: string;
    let reader: string;
    let key: string;

    before(async () => {
      ensureBuilt();
      const databaseUrl = await createPostgresDatabase();
      const { services } = await openRegistry({ databaseUrl });
      const org = await services.organisations.registerOrganisation(operator, {
        name: 'Two Serves Ltd',
        kind: 'manufacturer',
      });
      key = (await services.organisations.createKey(operator, org.id, {})).key;
      await services.close();
      const env = { ...process.env, LOG_LEVEL: 'warn', DATABASE_URL: databaseUrl, IOTLABEL_LOG_KEY: '' };
      for (let i = 0; i < 2; i++) {
        const port = await freePort();
        const argv = [
          join(ROOT, 'bin', 'iotlabel.js'),
          'serve',
          '--no-demo',
          '--port',
          String(port),
          '--host',
          '127.0.0.1',
        ];
        serves.push(await startServe(argv, { cwd: ROOT, env }));
      }
      [writer, reader] = serves.map((s) => /listening on (http:\/\/\S+)/.exec(s.output())![1]!.replace(/\/$/, '')) as [
        string,
        string,
      ];
    });
    after(async () => {
      for (const s of serves) {
        s.child.kill('SIGTERM');
        await s.exited;
      }
    });

    const declare = (doc: unknown) =>
      fetch(`${writer}/v1/declarations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify(doc),
      });
    const outcomeOn = async (base: string, gtin: string) => {
      const res = await fetch(`${base}/v1/sellable?gtin=${gtin}&regime=${REGIME}`);
      return res.status === 200 ? ((await res.json()) as { outcome: string }).outcome : `HTTP ${res.status}`;
    };

    test('a write through one process is answered by the other within a second, API and page alike', async () => {
      const gtin = withCheckDigit('507777000001');
      const ids = { brand: 'Two', model: 'T-1', gtins: [gtin] };
      assert.equal(await outcomeOn(reader, gtin), 'HTTP 404', 'unknown before');
      assert.equal((await declare(declarationFor(ids))).status, 201);
      await within(1000, 'the new GTIN on the other process', async () =>
        (await outcomeOn(reader, gtin)) === 'pass' ? true : undefined,
      );
      // The other process keeps the answer and the landing page; a new version must replace both.
      const page = async () => {
        const res = await fetch(`${reader}/01/${gtin}`);
        assert.equal(res.status, 200);
        return { etag: res.headers.get('etag'), html: await res.text() };
      };
      const before = await page();
      assert.equal((await page()).etag, before.etag, 'kept');
      const failing = declarationFor(ids);
      failing.passwords = example('universal-default-password').passwords;
      assert.equal((await declare(failing)).status, 201);
      const ms = Date.now();
      await within(1000, 'the failing version on the other process', async () =>
        (await outcomeOn(reader, gtin)) === 'fail' ? true : undefined,
      );
      const after = await within(1000, 'a new landing page', async () => {
        const p = await page();
        return p.etag !== before.etag ? p : undefined;
      });
      assert.notEqual(after.html, before.html);
      assert.ok(Date.now() - ms <= 2000);
    });
  });
}
