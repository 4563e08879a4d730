import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetchLimited, type FetchFunction } from '../../src/net/fetch-limited.js';

// A real server on the loopback address only, for the timeout and the streamed size cap.
let server: Server;
let base = '';
before(async () => {
  server = createServer((req, res) => {
    if (req.url === '/slow') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('starting');
      return; // never ends: only the timeout can stop the client
    }
    if (req.url === '/big') {
      // No Content-Length: the cap must hold while streaming.
      res.writeHead(200, { 'content-type': 'text/plain', 'transfer-encoding': 'chunked' });
      const chunk = 'x'.repeat(4096);
      let sent = 0;
      const push = () => {
        while (sent < 1_000_000 && res.write(chunk)) sent += chunk.length;
        if (sent < 1_000_000) res.once('drain', push);
        else res.end();
      };
      push();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('hello');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

const limits = { maxBytes: 10_000, timeoutMs: 2_000, maxRedirects: 2, allowHttp: true };

test('a small answer from a local server is read whole', async () => {
  const r = await fetchLimited(`${base}/`, limits);
  assert.equal(r.status, 200);
  assert.equal(new TextDecoder().decode(r.body), 'hello');
  assert.deepEqual(r.chain, [`${base}/`]);
});

test('a body that never ends is stopped by the timeout (NETWORK_TIMEOUT)', async () => {
  const started = Date.now();
  await assert.rejects(fetchLimited(`${base}/slow`, { ...limits, timeoutMs: 300 }), { code: 'NETWORK_TIMEOUT' });
  assert.ok(Date.now() - started < 2_000);
});

test('a streamed body over the cap is cut off (RESPONSE_TOO_LARGE)', async () => {
  await assert.rejects(fetchLimited(`${base}/big`, limits), { code: 'RESPONSE_TOO_LARGE' });
});

test('plain http is refused unless allowed, and so are other schemes and credentials', async () => {
  await assert.rejects(fetchLimited(`${base}/`, { ...limits, allowHttp: false }), { code: 'URL_NOT_ALLOWED' });
  await assert.rejects(fetchLimited('file:///etc/passwd', limits), { code: 'URL_NOT_ALLOWED' });
  await assert.rejects(fetchLimited('https://user:pw@example.com/', limits), { code: 'URL_NOT_ALLOWED' });
  await assert.rejects(fetchLimited('not a url', limits), { code: 'URL_NOT_ALLOWED' });
});

function fake(routes: Record<string, () => Response>): FetchFunction {
  return async (url) => {
    const route = routes[url];
    if (!route) throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    return route();
  };
}
const redirect = (to: string) => () => new Response(null, { status: 301, headers: { location: to } });
const ok =
  (body: string, headers: Record<string, string> = {}) =>
  () =>
    new Response(new TextEncoder().encode(body), { status: 200, headers });
const https = { maxBytes: 100, timeoutMs: 1_000, maxRedirects: 2 };

test('redirects are followed by hand and recorded; relative locations resolve', async () => {
  const r = await fetchLimited('https://a.example/x', {
    ...https,
    fetch: fake({ 'https://a.example/x': redirect('/y'), 'https://a.example/y': ok('done') }),
  });
  assert.deepEqual(r.chain, ['https://a.example/x', 'https://a.example/y']);
  assert.equal(r.url, 'https://a.example/y');
});

test('a redirect to plain http is refused; too many redirects fail', async () => {
  await assert.rejects(
    fetchLimited('https://a.example/x', {
      ...https,
      fetch: fake({ 'https://a.example/x': redirect('http://a.example/y') }),
    }),
    { code: 'URL_NOT_ALLOWED' },
  );
  const loop = fake({ 'https://a.example/x': redirect('/y'), 'https://a.example/y': redirect('/x') });
  await assert.rejects(fetchLimited('https://a.example/x', { ...https, fetch: loop }), { code: 'TOO_MANY_REDIRECTS' });
});

test('an announced Content-Length over the cap fails before reading', async () => {
  const big = () => new Response(new Uint8Array(10), { status: 200, headers: { 'content-length': '1000000' } });
  await assert.rejects(fetchLimited('https://a.example/x', { ...https, fetch: fake({ 'https://a.example/x': big }) }), {
    code: 'RESPONSE_TOO_LARGE',
  });
});

test('network failures map to their codes', async () => {
  const failing =
    (code: string): FetchFunction =>
    async () => {
      throw new TypeError('fetch failed', { cause: { code } });
    };
  const cases: [string, string][] = [
    ['ECONNREFUSED', 'NETWORK_FAILED'],
    ['UND_ERR_CONNECT_TIMEOUT', 'NETWORK_TIMEOUT'],
    ['CERT_HAS_EXPIRED', 'TLS_CERTIFICATE_INVALID'],
  ];
  for (const [cause, code] of cases) {
    await assert.rejects(fetchLimited('https://a.example/', { ...https, fetch: failing(cause) }), { code }, cause);
  }
});
