// Done-when of issue 6: a webhook receiver on 127.0.0.1, the registry as a child process (`serve` on a
// temporary SQLite folder). Events are triggered; the registry is killed (SIGKILL) while a delivery is in
// flight and restarted; more events follow. Every notice still arrives, in order, each with a unique id that
// the receiver uses to drop repeats, every signature verifies, and nothing is lost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openRegistry, systemActor } from '../../src/registry/index.js';
import { freePort } from '../support/postgres-server.js';
import { declarationFor } from '../support/registry.js';
import { startServe } from '../support/serve-process.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SECRET = 'receiver-shared-secret-0123456789';
const A = '05012345678900';
const B = '00000002345673';

async function serve(dataDir: string, port: number): Promise<ChildProcess> {
  const argv = [
    '--import',
    'tsx',
    join(ROOT, 'test', 'e2e', 'run-cli.ts'),
    'serve',
    '--port',
    String(port),
    '--host',
    '127.0.0.1',
    '--data-dir',
    dataDir,
    '--no-demo',
    '--allow-loopback-webhooks',
    '--webhook-retry-base-ms',
    '200',
  ];
  const env = { ...process.env, LOG_LEVEL: 'error', DATABASE_URL: '' };
  return (await startServe(argv, { cwd: ROOT, env })).child;
}

async function until(what: string, ok: () => boolean, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

test(
  'webhooks survive kill -9 mid-delivery: every notice arrives once for the receiver, in order, signed',
  { timeout: 120_000 },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iotlabel-hooks-'));
    // The receiver: answers 503 once to the second notice, holds the third one unanswered (the registry is
    // killed meanwhile), and otherwise answers 204. It keeps the first arrival of each id and counts repeats.
    const firstSeen: string[] = [];
    const bodies = new Map<string, string>();
    let requests = 0;
    let repeats = 0;
    let badSignatures = 0;
    let held: ServerResponse | undefined;
    const refused = new Set<string>();
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        requests++;
        const id = String(req.headers['iotlabel-event-id']);
        const [, t, v1] = /^t=(\d+),v1=([0-9a-f]+)$/.exec(String(req.headers['iotlabel-signature'])) ?? [];
        if (createHmac('sha256', SECRET).update(`${t}.${body}`).digest('hex') !== v1) badSignatures++;
        if (bodies.has(id)) repeats++;
        else {
          if (firstSeen.length === 1 && !refused.has(id)) {
            refused.add(id);
            res.writeHead(503).end();
            return;
          }
          firstSeen.push(id);
          bodies.set(id, body);
          if (firstSeen.length === 3 && held === undefined) {
            held = res;
            return;
          }
        }
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

    // Organisations and keys, made by the operator before the registry starts.
    const { services: setup } = await openRegistry({ dataDir: dir });
    const keyFor = async (name: string, kind: 'manufacturer' | 'retailer' | 'regulator') => {
      const org = await setup.organisations.registerOrganisation(systemActor('test'), { name, kind });
      return (await setup.organisations.createKey(systemActor('test'), org.id, {})).key;
    };
    const keys = {
      acme: await keyFor('Acme', 'manufacturer'),
      shop: await keyFor('Shop', 'retailer'),
      regulator: await keyFor('Regulator', 'regulator'),
    };
    await setup.close();

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const call = async (key: string, method: string, path: string, body?: unknown) => {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${key}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      assert.ok(res.ok, `${method} ${path}: ${res.status} ${text}`);
      return text === '' ? undefined : JSON.parse(text);
    };

    let child = await serve(dir, port);
    try {
      await call(keys.shop, 'PUT', '/v1/watchlist', { gtins: [A, B] });
      const hook = await call(keys.shop, 'POST', '/v1/webhooks', { url: hookUrl, secret: SECRET });
      const a = (
        await call(
          keys.acme,
          'POST',
          '/v1/declarations',
          declarationFor({ brand: 'Acme', model: 'A-1', gtins: [A] }, '2030-01-31'),
        )
      ).product.id;
      const b = (
        await call(
          keys.acme,
          'POST',
          '/v1/declarations',
          declarationFor({ brand: 'Acme', model: 'B-1', gtins: [B] }, '2030-01-31'),
        )
      ).product.id;
      await call(
        keys.acme,
        'POST',
        `/v1/products/${a}/declarations`,
        declarationFor({ brand: 'Acme', model: 'A-1', gtins: [A] }, '2031-01-31'),
      );
      await call(
        keys.acme,
        'POST',
        `/v1/products/${a}/declarations`,
        declarationFor({ brand: 'Acme', model: 'A-1', gtins: [A] }, '2032-01-31'),
      );

      await until('the third notice to be in flight', () => held !== undefined);
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      held!.destroy();

      child = await serve(dir, port);
      const label = (await call(keys.acme, 'POST', `/v1/products/${a}/labels`, { regime: 'uk-2019-option-a' })).id;
      await call(keys.regulator, 'POST', `/v1/labels/${label}/status`, {
        status: 'suspended',
        reason: 'investigation',
      });
      await call(keys.regulator, 'POST', `/v1/labels/${label}/status`, {
        status: 'revoked',
        reason: 'false declaration',
      });
      await call(keys.acme, 'POST', `/v1/products/${b}/withdraw`, { reason: 'recall' });

      const feed = async () =>
        (
          (await call(keys.shop, 'GET', '/v1/feeds/retailer.json')).items as {
            id: string;
            _iotlabel: { id: string; type: string };
          }[]
        )
          .map((i) => i._iotlabel)
          .reverse();
      const expected = [
        'declaration-changed',
        'declaration-changed',
        'declaration-changed',
        'declaration-changed',
        'label-suspended',
        'label-revoked',
        'product-withdrawn',
      ];
      let notices = await feed();
      for (
        const deadline = Date.now() + 20_000;
        notices.length < expected.length && Date.now() < deadline;
        notices = await feed()
      )
        await new Promise((r) => setTimeout(r, 100));
      assert.deepEqual(
        notices.map((n) => n.type),
        expected,
      );
      await until('every notice at the receiver', () => firstSeen.length === notices.length);

      assert.deepEqual(
        firstSeen,
        notices.map((n) => n.id),
        'every notice arrived, in order',
      );
      assert.equal(new Set(firstSeen).size, firstSeen.length, 'ids are unique');
      assert.ok(repeats >= 1, 'the delivery in flight at the kill was sent again and dropped as a repeat');
      assert.equal(requests, firstSeen.length + repeats + refused.size);
      assert.equal(badSignatures, 0);
      for (const [id, body] of bodies) assert.equal((JSON.parse(body) as { id: string }).id, id);
      const log = (await call(keys.shop, 'GET', `/v1/webhooks/${hook.id}/deliveries?limit=100`)).deliveries as {
        status: string;
        log: { statusCode: number | null }[];
      }[];
      assert.equal(log.length, notices.length);
      assert.ok(log.every((d) => d.status === 'delivered'));
      assert.ok(
        log.some((d) => d.log.some((l) => l.statusCode === 503)),
        'the refused attempt is in the log',
      );
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(undefined) : child.once('exit', r)));
      receiver.closeAllConnections();
      receiver.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
