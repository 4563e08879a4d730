// Operation: graceful shutdown finishes requests in flight; /readyz turns 503 when the database is gone.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { buildApp, startServer } from '../../src/server/index.js';
import { openTestRegistry } from '../support/registry.js';

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('operation', () => {
  test('stop() lets a request in flight finish, then refuses new connections and closes the store', async () => {
    const t = await openTestRegistry('sqlite');
    const app = await buildApp(t.services, { logger: false });
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    app.get('/slow', async () => {
      entered();
      await new Promise((r) => setTimeout(r, 300));
      return { done: true };
    });
    const server = await startServer(app, t.services, { port: 0, host: '127.0.0.1' }, []);
    const inFlight = get(`${server.url}/slow`);
    await inside;
    const stopping = server.stop();
    const answer = await inFlight;
    assert.equal(answer.status, 200);
    assert.deepEqual(JSON.parse(answer.body), { done: true });
    await stopping;
    await server.stopped;
    await assert.rejects(get(`${server.url}/healthz`), /ECONNREFUSED/);
    await assert.rejects(t.services.store.ping(), (e: { code?: string }) => e.code === 'SERVICE_UNAVAILABLE');
  });

  test('/readyz answers 503 problem+json when the database does not answer', async () => {
    const t = await openTestRegistry('sqlite');
    const app = await buildApp(t.services, { logger: false });
    assert.equal((await app.inject('/readyz')).statusCode, 200);
    await t.services.store.db.destroy();
    const res = await app.inject('/readyz');
    assert.equal(res.statusCode, 503);
    assert.equal(res.json().code, 'SERVICE_UNAVAILABLE');
    assert.equal((await app.inject('/healthz')).statusCode, 200, 'the process itself is alive');
    await app.close();
  });
});
