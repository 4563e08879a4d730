// The retail routes over HTTP: who may call each (deny by default), POST /v1/checks's contract and limits,
// conditional GETs (ETag / If-None-Match -> 304) on the hot reads, watch-list uploads and the feeds.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { bearer, openTestApp, type TestApp } from '../support/http.js';
import { declarationFor, TODAY } from '../support/registry.js';
import { RETAIL_ROUTES } from './retail-routes.js';
import { unclosedQuoteCsv } from '../catalogue/fixture.js';
import { openApiChecker, type OpenApiDocument } from '../support/openapi.js';

type Caller = 'none' | 'revoked' | 'acme' | 'brightly' | 'retailer' | 'regulator' | 'admin';
const CALLERS: Caller[] = ['none', 'revoked', 'acme', 'brightly', 'retailer', 'regulator', 'admin'];
const gtin = '05012345678900';

describe('retail routes', () => {
  let t: TestApp;
  let productId: string;
  before(async () => {
    t = await openTestApp({ checks: { maxBytes: 64 * 1024, maxRows: 50 } });
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/declarations',
      headers: bearer(t.keys.acme),
      payload: declarationFor({ brand: 'Acme', model: 'CAM-200', gtins: [gtin] }),
    });
    productId = res.json().product.id;
  });
  after(async () => {
    await t.close();
  });

  const csv = (body: string) => ({ headers: { 'content-type': 'text/csv' }, payload: body });
  const newHook = async () =>
    (
      await t.app.inject({
        method: 'POST',
        url: '/v1/webhooks',
        headers: bearer(t.keys.retailer),
        payload: { url: 'https://1.1.1.1/hook' },
      })
    ).json().id as string;
  let hookId = '';
  const request: Record<
    string,
    (caller: Caller) => Promise<{ url: string; payload?: unknown; headers?: Record<string, string> }>
  > = {
    'POST /v1/checks': async () => ({ url: `/v1/checks?regime=uk-psti-2023&at=${TODAY}`, ...csv(`gtin\n${gtin}\n`) }),
    'GET /v1/snapshots/latest': async () => ({ url: '/v1/snapshots/latest' }),
    'GET /v1/snapshots/delta': async () => {
      // From the snapshot served now: the body hash in its signed header (second line).
      const full = await t.app.inject('/v1/snapshots/latest');
      const { bodySha256 } = JSON.parse(full.rawPayload.toString('utf8').split('\n')[1]!) as { bodySha256: string };
      return { url: `/v1/snapshots/delta?since=${bodySha256}` };
    },
    'PUT /v1/watchlist': async () => ({ url: '/v1/watchlist', payload: { gtins: [gtin] } }),
    'GET /v1/watchlist': async () => ({ url: '/v1/watchlist' }),
    'POST /v1/watchlist/gtins': async () => ({ url: '/v1/watchlist/gtins', payload: { gtins: [gtin] } }),
    'DELETE /v1/watchlist/gtins/{gtin}': async (caller) => {
      if (caller === 'retailer')
        await t.app.inject({
          method: 'POST',
          url: '/v1/watchlist/gtins',
          headers: bearer(t.keys.retailer),
          payload: { gtins: ['00000002345673'] },
        });
      return { url: '/v1/watchlist/gtins/00000002345673' };
    },
    'GET /v1/feeds/retailer.atom': async () => ({ url: '/v1/feeds/retailer.atom' }),
    'GET /v1/feeds/retailer.json': async () => ({ url: '/v1/feeds/retailer.json' }),
    'POST /v1/webhooks': async () => ({ url: '/v1/webhooks', payload: { url: 'https://1.1.1.1/hook' } }),
    'GET /v1/webhooks': async () => ({ url: '/v1/webhooks' }),
    'DELETE /v1/webhooks/{webhookId}': async (caller) => ({
      url: `/v1/webhooks/${caller === 'retailer' ? await newHook() : 'whk_none'}`,
    }),
    'GET /v1/webhooks/{webhookId}/deliveries': async () => ({
      url: `/v1/webhooks/${(hookId ||= await newHook())}/deliveries`,
    }),
  };

  let documented: ReturnType<typeof openApiChecker> | undefined;
  for (const route of RETAIL_ROUTES) {
    test(`access: ${route.method} ${route.route}`, async () => {
      const got: Record<string, number> = {};
      for (const caller of CALLERS) {
        const { url, payload, headers } = await request[`${route.method} ${route.route}`]!(caller);
        const key = caller === 'none' ? undefined : t.keys[caller];
        const res = await t.app.inject({
          method: route.method,
          url,
          headers: { ...bearer(key), ...headers },
          ...(payload === undefined ? {} : { payload: payload as string }),
        });
        got[caller] = res.statusCode;
        if (res.statusCode >= 400)
          assert.match(res.headers['content-type'] as string, /^application\/problem\+json/, `${caller}: ${res.body}`);
        // Each answer is one the OpenAPI document lists for the route.
        documented ??= openApiChecker((await t.app.inject('/openapi.json')).json() as OpenApiDocument);
        assert.deepEqual(documented.problems(`${route.method} ${route.route}`, res), [], caller);
      }
      assert.deepEqual(got, route.expect);
    });
  }

  const check = (body: string, type: string, query = `regime=uk-psti-2023&at=${TODAY}`, key = t.keys.retailer) =>
    t.app.inject({
      method: 'POST',
      url: `/v1/checks?${query}`,
      headers: { ...bearer(key), 'content-type': type },
      payload: body,
    });
  const lines = (body: string) =>
    body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);

  test('POST /v1/checks takes CSV, NDJSON and JSON arrays and answers NDJSON rows in input order, then the summary', async () => {
    for (const [type, body] of [
      ['text/csv; charset=utf-8', `sku,gtin,brand,model\na,${gtin},,\nb,,acme,cam-200\nc,09999999999994,,\n`],
      [
        'application/x-ndjson',
        `{"sku":"a","gtin":"${gtin}"}\n{"sku":"b","brand":"acme","model":"cam-200"}\n{"sku":"c","gtin":9999999999994}\n`,
      ],
      [
        'application/json',
        `[{"sku":"a","gtin":"${gtin}"},{"sku":"b","brand":"acme","model":"cam-200"},{"sku":"c","gtin":"09999999999994"}]`,
      ],
    ] as const) {
      const res = await check(body, type);
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.headers['content-type'], 'application/x-ndjson');
      const out = lines(res.body);
      assert.deepEqual(
        out.slice(0, 3).map((r) => [r.sku, r.outcome]),
        [
          ['a', 'pass'],
          ['b', 'pass'],
          ['c', 'unknown-product'],
        ],
        type,
      );
      assert.deepEqual(out[3], {
        summary: {
          regime: 'uk-psti-2023',
          at: TODAY,
          rows: 3,
          sellable: 2,
          notSellable: 0,
          unknownProduct: 1,
          unreadable: 0,
          unreadableByKind: (out[3]!.summary as { unreadableByKind: unknown }).unreadableByKind,
        },
      });
    }
  });

  test('POST /v1/checks: a quote never closed on line 3 loses only line 3; the summary counts every line', async () => {
    const res = await check(unclosedQuoteCsv(40), 'text/csv');
    assert.equal(res.statusCode, 200, res.body);
    const out = lines(res.body);
    const summary = out.pop()!.summary as { rows: number; unreadable: number; sellable: number };
    assert.deepEqual(
      out.map((r) => r.line),
      Array.from({ length: 40 }, (_, i) => i + 2),
    );
    assert.deepEqual([out[1]!.outcome, out[1]!.problem], ['unreadable', 'csv-malformed']);
    assert.deepEqual([summary.rows, summary.unreadable, summary.sellable], [40, 1, 39]);
  });

  test('POST /v1/checks refuses before streaming with problem documents; fails after with an error line and no summary', async () => {
    const problem = async (res: Awaited<ReturnType<typeof check>>, status: number, code: string) => {
      assert.equal(res.statusCode, status, res.body);
      assert.match(res.headers['content-type'] as string, /^application\/problem\+json/);
      assert.equal(res.json().code, code);
    };
    await problem(await check('gtin\n', 'text/csv', 'regime=uk-2099'), 404, 'REGIME_UNKNOWN');
    await problem(await check('gtin\n', 'text/csv', 'regime=uk-psti-2023&at=2026-02-30'), 400, 'INPUT_INVALID');
    await problem(await check('gtin\n', 'text/plain'), 415, 'MEDIA_TYPE_UNSUPPORTED');
    await problem(await check('gtin\n', 'text/csv', undefined, t.keys.acme), 403, 'FORBIDDEN');
    await problem(await check(`gtin\n${'0'.repeat(70 * 1024)}\n`, 'text/csv'), 413, 'PAYLOAD_TOO_LARGE');
    const unclosed = lines((await check(`[{"gtin":"${gtin}"}`, 'application/json')).body);
    assert.equal((unclosed.at(-1)!.error as { code: string }).code, 'INPUT_UNREADABLE');
    assert.ok(!unclosed.some((l) => 'summary' in l));
    const many = lines((await check(`gtin\n${`${gtin}\n`.repeat(60)}`, 'text/csv')).body);
    assert.equal((many.at(-1)!.error as { code: string }).code, 'PAYLOAD_TOO_LARGE');
    assert.ok(!many.some((l) => 'summary' in l));
  });

  test('GET /v1/sellable and the snapshot: ETag, If-None-Match -> 304, a new ETag after a change', async () => {
    for (const url of [`/v1/sellable?gtin=${gtin}&regime=uk-2019-option-a&at=${TODAY}`, '/v1/snapshots/latest']) {
      if (url === '/v1/snapshots/latest') {
        await t.app.inject(url); // brings the snapshot up to date with the earlier tests' writes
        await t.services.snapshots.settled();
      }
      const first = await t.app.inject(url);
      if (url === '/v1/snapshots/latest') assert.equal(first.headers['x-snapshot-stale'], 'false');
      assert.equal(first.statusCode, 200);
      assert.match(first.headers['cache-control'] as string, /max-age=\d+/);
      const etag = first.headers.etag as string;
      const again = await t.app.inject({ url, headers: { 'if-none-match': etag } });
      assert.equal(again.statusCode, 304);
      assert.equal(again.body, '');
      assert.equal(again.headers.etag, etag);
      await t.app.inject({
        method: 'POST',
        url: `/v1/products/${productId}/labels`,
        headers: bearer(t.keys.acme),
        payload: { regime: 'uk-2019-option-a' },
      });
      await t.app.inject({
        method: 'POST',
        url: '/v1/products',
        headers: bearer(t.keys.acme),
        payload: { brand: 'Acme', model: `ETAG-${url.length}`, name: 'x', category: 'hub' },
      });
      if (url === '/v1/snapshots/latest') {
        // The snapshot is rebuilt behind the reader: the previous one answers (marked stale) until it is ready.
        const previous = await t.app.inject({ url, headers: { 'if-none-match': etag } });
        assert.equal(previous.statusCode, 304);
        assert.equal(previous.headers['x-snapshot-stale'], 'true');
        assert.equal(previous.headers['last-modified'], new Date(`${TODAY}T10:00:00.000Z`).toUTCString());
        await t.services.snapshots.settled();
      }
      const changed = await t.app.inject({ url, headers: { 'if-none-match': etag } });
      assert.equal(changed.statusCode, 200, url);
      assert.notEqual(changed.headers.etag, etag);
    }
  });

  test('watch list upload as CSV; bad GTINs are refused with their lines; feeds carry notices with stable ids', async () => {
    const put = await t.app.inject({
      method: 'PUT',
      url: '/v1/watchlist',
      headers: { ...bearer(t.keys.retailer), 'content-type': 'text/csv' },
      payload: `EAN,Title\n${gtin.slice(1)},camera\n`,
    });
    assert.equal(put.statusCode, 200, put.body);
    assert.deepEqual(put.json(), { count: 1, gtins: [gtin] });
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/v1/watchlist',
      headers: { ...bearer(t.keys.retailer), 'content-type': 'text/csv' },
      payload: 'gtin\n05012345678900\n05012345678901\n',
    });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(
      bad.json().errors.map((e: { pointer: string }) => e.pointer),
      ['/body/line/3'],
    );
    const badJson = await t.app.inject({
      method: 'PUT',
      url: '/v1/watchlist',
      headers: bearer(t.keys.retailer),
      payload: ['05012345678901'],
    });
    assert.equal(badJson.json().code, 'GTIN_INVALID');
    assert.equal((await t.app.inject({ url: '/v1/watchlist', headers: bearer(t.keys.retailer) })).json().count, 1);

    await t.app.inject({
      method: 'POST',
      url: `/v1/products/${productId}/withdraw`,
      headers: bearer(t.keys.acme),
      payload: { reason: 'recall' },
    });
    await t.services.retail.notices.followEvents();
    const json = await t.app.inject({ url: '/v1/feeds/retailer.json', headers: bearer(t.keys.retailer) });
    assert.equal(json.statusCode, 200);
    assert.match(json.headers['content-type'] as string, /^application\/feed\+json/);
    const items = json.json().items as { id: string; tags: string[] }[];
    assert.deepEqual(
      items.map((i) => i.tags[0]),
      ['product-withdrawn'],
    );
    const atom = await t.app.inject({ url: '/v1/feeds/retailer.atom', headers: bearer(t.keys.retailer) });
    assert.match(atom.headers['content-type'] as string, /^application\/atom\+xml/);
    assert.ok(atom.body.includes(`<id>${items[0]!.id}</id>`));
    assert.match(atom.body, /<title>Acme CAM-200: withdrawn<\/title>/);
    const again = await t.app.inject({
      url: '/v1/feeds/retailer.json',
      headers: { ...bearer(t.keys.retailer), 'if-none-match': json.headers.etag as string },
    });
    assert.equal(again.statusCode, 304);
    const other = await t.app.inject({ url: '/v1/feeds/retailer.json', headers: bearer(t.keys.retailer) });
    assert.deepEqual(
      other.json().items.map((i: { id: string }) => i.id),
      items.map((i) => i.id),
      'entry ids are stable',
    );
  });

  test('webhooks: the secret is shown once, never listed; private addresses are refused', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/v1/webhooks',
      headers: bearer(t.keys.retailer),
      payload: { url: 'https://1.1.1.1/other' },
    });
    assert.equal(created.statusCode, 201);
    assert.match(created.json().secret, /^whsec_/);
    const listed = await t.app.inject({ url: '/v1/webhooks', headers: bearer(t.keys.retailer) });
    assert.ok(!listed.body.includes(created.json().secret));
    const refused = await t.app.inject({
      method: 'POST',
      url: '/v1/webhooks',
      headers: bearer(t.keys.retailer),
      payload: { url: 'https://192.168.1.1/hook' },
    });
    assert.equal(refused.statusCode, 400);
    assert.equal(refused.json().code, 'URL_NOT_ALLOWED');
    assert.equal(refused.json().errors[0].pointer, '/body/url');
  });
});
