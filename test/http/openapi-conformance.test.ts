// The OpenAPI document says what is served: every operation of /openapi.json is called on a seeded registry,
// answering successfully and with errors, and each real answer must be documented there: its status, its media
// type (problem+json for errors, SVG, PNG, PDF, HTML, status-list JWT, snapshot, feeds, NDJSON as themselves)
// and, for JSON, a body valid against the schema. response-schemas.test.ts checks the other direction (a view
// keeps every field through its schema); this one checks the document against the wire.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS } from '../support/dialects.js';
import { bearer, openTestApp, type TestApp } from '../support/http.js';
import { declarationFor, TODAY } from '../support/registry.js';
import { openApiChecker, type OpenApiDocument } from '../support/openapi.js';
import { gs1CheckDigit } from '../../src/gs1/gtin.js';

type Role = 'acme' | 'retailer' | 'regulator' | 'admin';
interface Call {
  url: string;
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  key?: Role | 'revoked';
  payload?: unknown;
  headers?: Record<string, string>;
}

const gtin = '05012345678900';
const SECURITY_TXT = 'Contact: mailto:security@acme.example\nExpires: 2027-06-30T00:00:00.000Z\n';

for (const dialect of DIALECTS) {
  describe(`every answer is the one /openapi.json documents (${dialect})`, () => {
    let t: TestApp;
    let check: ReturnType<typeof openApiChecker>;
    const seen = new Map<string, Set<number>>();
    const ids = { product: '', declaration: '', draft: '', label: '', hook: '', sha256: '', size: 0 };
    let serial = 0;

    const send = (c: Call) =>
      t.app.inject({
        method: c.method ?? 'GET',
        url: c.url,
        headers: { ...bearer(c.key === undefined ? undefined : t.keys[c.key]), ...c.headers },
        ...(c.payload === undefined ? {} : { payload: c.payload as string }),
      });
    const json = async (c: Call) => {
      const res = await send(c);
      assert.ok(res.statusCode < 300, `${c.url}: ${res.body}`);
      return res.json();
    };
    /** A product of Acme with a published declaration and a GTIN of its own. */
    const declaredProduct = async () => {
      const base = `5012346${String(++serial).padStart(5, '0')}`;
      const payload = declarationFor({
        brand: 'Acme',
        model: `OA-${serial}`,
        gtins: [`${base}${gs1CheckDigit(base)}`],
      });
      return (await json({ method: 'POST', url: '/v1/declarations', key: 'acme', payload })).product.id as string;
    };
    const freshDraft = async () =>
      (
        await json({
          method: 'POST',
          url: '/v1/declarations?draft=true',
          key: 'acme',
          payload: declarationFor({ brand: 'Acme', model: `DRAFT-${++serial}`, gtins: [] }),
        })
      ).declaration.id as string;
    const freshKey = async () =>
      (await json({ method: 'POST', url: `/v1/organisations/${t.orgs.retailer}/keys`, key: 'admin', payload: {} }))
        .id as string;
    const freshHook = async () =>
      (await json({ method: 'POST', url: '/v1/webhooks', key: 'retailer', payload: { url: 'https://1.1.1.1/h' } }))
        .id as string;

    before(async () => {
      t = await openTestApp({}, dialect);
      check = openApiChecker((await t.app.inject('/openapi.json')).json() as OpenApiDocument);
      const created = await json({
        method: 'POST',
        url: '/v1/declarations',
        key: 'acme',
        payload: declarationFor({ brand: 'Acme', model: 'CAM-200', gtins: [gtin] }),
      });
      ids.product = created.product.id;
      ids.declaration = created.declaration.id;
      ids.draft = await freshDraft();
      ids.label = (
        await json({
          method: 'POST',
          url: `/v1/products/${ids.product}/labels`,
          key: 'acme',
          payload: { regime: 'uk-2019-option-a' },
        })
      ).id;
      await json({
        method: 'POST',
        url: `/v1/declarations/${ids.declaration}/evidence`,
        key: 'acme',
        payload: { kind: 'security-txt', text: SECURITY_TXT },
      });
      await json({ method: 'PUT', url: '/v1/watchlist', key: 'retailer', payload: { gtins: [gtin] } });
      ids.hook = await freshHook();
      // A notice for the feeds: a watched product's label is suspended.
      await json({
        method: 'POST',
        url: `/v1/labels/${ids.label}/status`,
        key: 'regulator',
        payload: { status: 'suspended', reason: 'under review' },
      });
      await t.services.retail.notices.followEvents();
      const history = await json({ url: `/v1/products/${ids.product}/history` });
      ids.sha256 = JSON.parse(history.entries[0].entry).sha256;
      ids.size = history.size;
    });
    after(async () => {
      await t.close();
    });

    /** Sends the call and checks its answer against the document; returns the answer. */
    const conform = async (operation: string, c: Call) => {
      const res = await send(c);
      assert.deepEqual(check.problems(operation, res), [], `${operation} (${c.method ?? 'GET'} ${c.url})`);
      const statuses = seen.get(operation) ?? new Set<number>();
      seen.set(operation, statuses.add(res.statusCode));
      return res;
    };

    // One successful call per operation; the expected status is asserted too, so a call that fails for a
    // reason the document happens to list does not pass as a success.
    const successes: [operation: string, status: number, call: () => Promise<Call>][] = [
      ['GET /healthz', 200, async () => ({ url: '/healthz' })],
      ['GET /readyz', 200, async () => ({ url: '/readyz' })],
      ['GET /v1/regimes', 200, async () => ({ url: '/v1/regimes' })],
      ['GET /v1/schemas/declaration', 200, async () => ({ url: '/v1/schemas/declaration' })],
      ['GET /v1/sellable', 200, async () => ({ url: `/v1/sellable?gtin=${gtin}&regime=uk-psti-2023` })],
      ['GET /v1/sellable', 200, async () => ({ url: `/v1/sellable?gtin=${gtin}&market=DE&at=2028-01-15` })],
      ['GET /v1/me', 200, async () => ({ url: '/v1/me', key: 'acme' })],
      [
        'POST /v1/organisations',
        201,
        async () => ({
          method: 'POST',
          url: '/v1/organisations',
          key: 'admin',
          payload: { name: `Org ${++serial}`, kind: 'retailer' },
        }),
      ],
      ['GET /v1/organisations', 200, async () => ({ url: '/v1/organisations', key: 'regulator' })],
      [
        'GET /v1/organisations/{organisationId}',
        200,
        async () => ({ url: `/v1/organisations/${t.orgs.acme}`, key: 'regulator' }),
      ],
      [
        'POST /v1/organisations/{organisationId}/keys',
        201,
        async () => ({ method: 'POST', url: `/v1/organisations/${t.orgs.retailer}/keys`, key: 'admin', payload: {} }),
      ],
      [
        'GET /v1/organisations/{organisationId}/keys',
        200,
        async () => ({ url: `/v1/organisations/${t.orgs.acme}/keys`, key: 'admin' }),
      ],
      [
        'POST /v1/keys/{keyId}/revoke',
        200,
        async () => ({ method: 'POST', url: `/v1/keys/${await freshKey()}/revoke`, key: 'admin' }),
      ],
      [
        'POST /v1/products',
        201,
        async () => ({
          method: 'POST',
          url: '/v1/products',
          key: 'acme',
          payload: { brand: 'Acme', model: `P-${++serial}`, name: 'Thing', category: 'hub' },
        }),
      ],
      ['GET /v1/products', 200, async () => ({ url: '/v1/products?q=acme' })],
      ['GET /v1/products/{productId}', 200, async () => ({ url: `/v1/products/${ids.product}` })],
      [
        'GET /v1/products/{productId}/markets',
        200,
        async () => ({ url: `/v1/products/${ids.product}/markets?market=UK,EU,JP&at=2026-12-02` }),
      ],
      ['GET /v1/gtins/{gtin}', 200, async () => ({ url: `/v1/gtins/${gtin}` })],
      [
        'POST /v1/products/{productId}/withdraw',
        200,
        async () => ({
          method: 'POST',
          url: `/v1/products/${await declaredProduct()}/withdraw`,
          key: 'acme',
          payload: { reason: 'end of line' },
        }),
      ],
      [
        'POST /v1/declarations',
        201,
        async () => ({
          method: 'POST',
          url: '/v1/declarations',
          key: 'acme',
          payload: declarationFor({ brand: 'Acme', model: `D-${++serial}`, gtins: [] }),
        }),
      ],
      [
        'POST /v1/products/{productId}/declarations',
        201,
        async () => ({
          method: 'POST',
          url: `/v1/products/${ids.product}/declarations`,
          key: 'acme',
          payload: declarationFor({ brand: 'Acme', model: 'CAM-200', gtins: [gtin] }),
        }),
      ],
      [
        'GET /v1/products/{productId}/declarations',
        200,
        async () => ({ url: `/v1/products/${ids.product}/declarations`, key: 'acme' }),
      ],
      ['GET /v1/declarations/{declarationId}', 200, async () => ({ url: `/v1/declarations/${ids.declaration}` })],
      [
        'POST /v1/declarations/{declarationId}/submit',
        201,
        async () => ({ method: 'POST', url: `/v1/declarations/${await freshDraft()}/submit`, key: 'acme' }),
      ],
      ['GET /v1/events', 200, async () => ({ url: '/v1/events', key: 'regulator' })],
      ['GET /v1/audit', 200, async () => ({ url: '/v1/audit', key: 'regulator' })],
      [
        'POST /v1/products/{productId}/labels',
        201,
        async () => ({
          method: 'POST',
          url: `/v1/products/${await declaredProduct()}/labels`,
          key: 'acme',
          payload: { regime: 'uk-2019-option-a' },
        }),
      ],
      ['GET /v1/products/{productId}/labels', 200, async () => ({ url: `/v1/products/${ids.product}/labels` })],
      ['GET /v1/labels/{labelId}', 200, async () => ({ url: `/v1/labels/${ids.label}` })],
      ['GET /v1/labels/{labelId}.svg', 200, async () => ({ url: `/v1/labels/${ids.label}.svg` })],
      ['GET /v1/labels/{labelId}.png', 200, async () => ({ url: `/v1/labels/${ids.label}.png?width=200` })],
      [
        'POST /v1/labels/{labelId}/status',
        200,
        async () => ({
          method: 'POST',
          url: `/v1/labels/${ids.label}/status`,
          key: 'regulator',
          payload: { status: 'valid', reason: 'review closed' },
        }),
      ],
      [
        'POST /v1/labels/verify',
        200,
        async () => ({ method: 'POST', url: '/v1/labels/verify', payload: { token: 'a.b.c' } }),
      ],
      ['GET /.well-known/iotlabel/keys', 200, async () => ({ url: '/.well-known/iotlabel/keys' })],
      ['GET /v1/status-lists/{list}', 200, async () => ({ url: '/v1/status-lists/1' })],
      [
        'POST /v1/admin/label-keys/rotate',
        200,
        async () => ({ method: 'POST', url: '/v1/admin/label-keys/rotate', key: 'admin' }),
      ],
      [
        'GET /v1/declarations/{declarationId}/statement.html',
        200,
        async () => ({ url: `/v1/declarations/${ids.declaration}/statement.html` }),
      ],
      [
        'POST /v1/products',
        415,
        async () => ({
          method: 'POST',
          url: '/v1/products',
          key: 'acme',
          headers: { 'content-type': 'application/xml' },
          payload: '<product/>',
        }),
      ],
      [
        'POST /v1/declarations',
        413,
        async () => ({
          method: 'POST',
          url: '/v1/declarations',
          key: 'acme',
          headers: { 'content-type': 'application/json' },
          payload: JSON.stringify({ pad: 'x'.repeat(2 * 1024 * 1024) }),
        }),
      ],
      [
        'GET /v1/declarations/{declarationId}/statement.pdf',
        200,
        async () => ({ url: `/v1/declarations/${ids.declaration}/statement.pdf` }),
      ],
      [
        'POST /v1/declarations/{declarationId}/evidence',
        201,
        async () => ({
          method: 'POST',
          url: `/v1/declarations/${ids.declaration}/evidence`,
          key: 'acme',
          payload: { kind: 'security-txt', text: SECURITY_TXT },
        }),
      ],
      [
        'POST /v1/declarations/{declarationId}/evidence/{evidenceId}/withdraw',
        201,
        async () => {
          // Its own piece, attached just before, so the other calls keep the evidence they expect.
          const attached = await json({
            method: 'POST',
            url: `/v1/declarations/${ids.declaration}/evidence`,
            key: 'acme',
            payload: { kind: 'security-txt', text: SECURITY_TXT },
          });
          return {
            method: 'POST',
            url: `/v1/declarations/${ids.declaration}/evidence/${attached.evidence.id}/withdraw`,
            key: 'acme',
            payload: { reason: 'replaced by a corrected file' },
          };
        },
      ],
      [
        'GET /v1/declarations/{declarationId}/evidence',
        200,
        async () => ({ url: `/v1/declarations/${ids.declaration}/evidence` }),
      ],
      [
        'POST /v1/checks',
        200,
        async () => ({
          method: 'POST',
          url: `/v1/checks?regime=uk-psti-2023&at=${TODAY}`,
          key: 'retailer',
          headers: { 'content-type': 'text/csv' },
          payload: `sku,gtin\na,${gtin}\nb,09999999999994\nc,123\n`,
        }),
      ],
      ['GET /v1/snapshots/latest', 200, async () => ({ url: '/v1/snapshots/latest' })],
      [
        'GET /v1/snapshots/delta',
        200,
        async () => {
          const full = await send({ url: '/v1/snapshots/latest' });
          const header = JSON.parse(full.rawPayload.toString('utf8').split('\n')[1]!) as { bodySha256: string };
          return { url: `/v1/snapshots/delta?since=${header.bodySha256}` };
        },
      ],
      ['GET /v1/snapshots/delta', 410, async () => ({ url: `/v1/snapshots/delta?since=${'A'.repeat(43)}` })],
      [
        'POST /v1/declarations/bulk',
        200,
        async () => ({
          method: 'POST',
          url: '/v1/declarations/bulk',
          key: 'acme',
          headers: { 'content-type': 'application/x-ndjson' },
          payload: [
            JSON.stringify(declarationFor({ brand: 'Acme', model: `BULK-${++serial}`, gtins: [] })),
            '{"schemaVersion": "iotlabel.declaration/v1"}',
            'not json',
          ].join('\n'),
        }),
      ],
      [
        'PUT /v1/watchlist',
        200,
        async () => ({ method: 'PUT', url: '/v1/watchlist', key: 'retailer', payload: { gtins: [gtin] } }),
      ],
      ['GET /v1/watchlist', 200, async () => ({ url: '/v1/watchlist', key: 'retailer' })],
      [
        'POST /v1/watchlist/gtins',
        200,
        async () => ({
          method: 'POST',
          url: '/v1/watchlist/gtins',
          key: 'retailer',
          payload: { gtins: ['00000002345673'] },
        }),
      ],
      [
        'DELETE /v1/watchlist/gtins/{gtin}',
        204,
        async () => ({ method: 'DELETE', url: '/v1/watchlist/gtins/00000002345673', key: 'retailer' }),
      ],
      ['GET /v1/feeds/retailer.atom', 200, async () => ({ url: '/v1/feeds/retailer.atom', key: 'retailer' })],
      ['GET /v1/feeds/retailer.json', 200, async () => ({ url: '/v1/feeds/retailer.json', key: 'retailer' })],
      [
        'POST /v1/webhooks',
        201,
        async () => ({ method: 'POST', url: '/v1/webhooks', key: 'retailer', payload: { url: 'https://1.1.1.1/x' } }),
      ],
      ['GET /v1/webhooks', 200, async () => ({ url: '/v1/webhooks', key: 'retailer' })],
      [
        'DELETE /v1/webhooks/{webhookId}',
        204,
        async () => ({ method: 'DELETE', url: `/v1/webhooks/${await freshHook()}`, key: 'retailer' }),
      ],
      [
        'GET /v1/webhooks/{webhookId}/deliveries',
        200,
        async () => ({ url: `/v1/webhooks/${ids.hook}/deliveries`, key: 'retailer' }),
      ],
      ['GET /log/checkpoint', 200, async () => ({ url: '/log/checkpoint' })],
      ['GET /log/key', 200, async () => ({ url: '/log/key' })],
      ['GET /log/tile/{*}', 200, async () => ({ url: `/log/tile/0/000.p/${ids.size}` })],
      ['GET /log/documents/{sha256}', 200, async () => ({ url: `/log/documents/${ids.sha256}` })],
      ['GET /log/proof/inclusion', 200, async () => ({ url: '/log/proof/inclusion?index=0' })],
      ['GET /log/proof/consistency', 200, async () => ({ url: '/log/proof/consistency?from=1' })],
      ['GET /v1/products/{productId}/history', 200, async () => ({ url: `/v1/products/${ids.product}/history` })],
    ];

    test('every documented operation is called here', () => {
      const called = new Set(successes.map(([operation]) => operation));
      assert.deepEqual(
        check.operations.filter((o) => !called.has(o)),
        [],
      );
    });

    for (const [operation, status, call] of successes) {
      test(`${operation} answers as documented`, async () => {
        const c = await call();
        const res = await conform(operation, c);
        assert.equal(res.statusCode, status, res.body.slice(0, 300));
        // A revoked key is refused on every /v1 route, public ones included, as a documented 401.
        if (c.url.startsWith('/v1/')) {
          const refused = await conform(operation, { ...c, key: 'revoked' });
          assert.equal(refused.statusCode, 401);
        }
      });
    }

    // Errors and the other documented answers: conditional GETs, wrong roles, missing things, bad input.
    const others: [operation: string, status: number, call: () => Promise<Call>][] = [
      ['GET /v1/products/{productId}', 404, async () => ({ url: '/v1/products/prd_missing' })],
      ['GET /v1/products/{productId}/markets', 404, async () => ({ url: '/v1/products/prd_missing/markets' })],
      [
        'GET /v1/products/{productId}/markets',
        404,
        async () => ({ url: `/v1/products/${ids.product}/markets?market=XX` }),
      ],
      ['GET /v1/sellable', 404, async () => ({ url: `/v1/sellable?gtin=${gtin}&market=XX` })],
      ['GET /v1/products', 400, async () => ({ url: '/v1/products?limit=0' })],
      ['GET /v1/gtins/{gtin}', 400, async () => ({ url: '/v1/gtins/123' })],
      ['GET /v1/declarations/{declarationId}', 404, async () => ({ url: `/v1/declarations/${ids.draft}` })],
      ['GET /v1/labels/{labelId}.png', 404, async () => ({ url: '/v1/labels/NOPE.png' })],
      ['GET /v1/labels/{labelId}.svg', 404, async () => ({ url: '/v1/labels/NOPE.svg' })],
      ['GET /v1/status-lists/{list}', 404, async () => ({ url: '/v1/status-lists/999' })],
      ['GET /v1/organisations', 403, async () => ({ url: '/v1/organisations', key: 'acme' })],
      ['GET /v1/watchlist', 401, async () => ({ url: '/v1/watchlist' })],
      ['GET /v1/feeds/retailer.json', 403, async () => ({ url: '/v1/feeds/retailer.json', key: 'acme' })],
      [
        'POST /v1/products',
        400,
        async () => ({ method: 'POST', url: '/v1/products', key: 'acme', payload: { brand: 1 } }),
      ],
      [
        'POST /v1/checks',
        415,
        async () => ({
          method: 'POST',
          url: '/v1/checks',
          key: 'retailer',
          headers: { 'content-type': 'text/plain' },
          payload: 'x',
        }),
      ],
      [
        'POST /v1/declarations/bulk',
        415,
        async () => ({
          method: 'POST',
          url: '/v1/declarations/bulk',
          key: 'acme',
          headers: { 'content-type': 'application/json' },
          payload: '{}',
        }),
      ],
      [
        'POST /v1/declarations/bulk',
        403,
        async () => ({
          method: 'POST',
          url: '/v1/declarations/bulk',
          key: 'retailer',
          headers: { 'content-type': 'application/x-ndjson' },
          payload: '{}',
        }),
      ],
      [
        'GET /v1/declarations/{declarationId}/statement.pdf',
        404,
        async () => ({ url: '/v1/declarations/dec_missing/statement.pdf' }),
      ],
      ['GET /log/tile/{*}', 404, async () => ({ url: '/log/tile/0/000.p/999' })],
      ['GET /log/documents/{sha256}', 404, async () => ({ url: `/log/documents/${'0'.repeat(64)}` })],
      ['GET /log/proof/inclusion', 400, async () => ({ url: '/log/proof/inclusion' })],
    ];
    for (const [operation, status, call] of others) {
      test(`${operation} ${status} is documented`, async () => {
        const res = await conform(operation, await call());
        assert.equal(res.statusCode, status, res.body.slice(0, 300));
      });
    }

    test("a security.txt warning reaches the API, with internet.nl's finding beside ours", async () => {
      const res = await conform('POST /v1/declarations/{declarationId}/evidence', {
        method: 'POST',
        url: `/v1/declarations/${ids.declaration}/evidence`,
        key: 'acme',
        payload: { kind: 'security-txt', text: SECURITY_TXT.replace('T00:00:00.000Z', ' 00:00:00Z') },
      });
      assert.equal(res.statusCode, 201, res.body);
      const txt = res.json().evidence.securityTxt;
      assert.equal(txt.valid, true);
      assert.deepEqual(
        txt.warnings.map((w: { code: string; internetNl: string | null }) => [w.code, w.internetNl]),
        [['expiry_space', null]],
      );
    });

    test('conditional GETs answer 304 with no body, as documented', async () => {
      const cases: [string, Call][] = [
        ['GET /v1/sellable', { url: `/v1/sellable?gtin=${gtin}&regime=uk-psti-2023` }],
        ['GET /v1/labels/{labelId}.svg', { url: `/v1/labels/${ids.label}.svg` }],
        ['GET /v1/labels/{labelId}.png', { url: `/v1/labels/${ids.label}.png?width=200` }],
        ['GET /v1/status-lists/{list}', { url: '/v1/status-lists/1' }],
        ['GET /.well-known/iotlabel/keys', { url: '/.well-known/iotlabel/keys' }],
        ['GET /v1/snapshots/latest', { url: '/v1/snapshots/latest' }],
        ['GET /v1/feeds/retailer.json', { url: '/v1/feeds/retailer.json', key: 'retailer' }],
        ['GET /v1/feeds/retailer.atom', { url: '/v1/feeds/retailer.atom', key: 'retailer' }],
      ];
      // The snapshot is rebuilt behind readers after writes: bring it up to date so its ETag holds still.
      await send({ url: '/v1/snapshots/latest' });
      await t.services.snapshots.settled();
      for (const [operation, c] of cases) {
        const first = await send(c);
        const etag = first.headers.etag;
        assert.equal(typeof etag, 'string', `${operation} sends an ETag`);
        const again = await conform(operation, { ...c, headers: { 'if-none-match': etag as string } });
        assert.equal(again.statusCode, 304, operation);
      }
    });

    test('the JSON Feed has items, and each error answer is a problem document', async () => {
      const feed = (await send({ url: '/v1/feeds/retailer.json', key: 'retailer' })).json();
      assert.ok(feed.items.length > 0, 'the seeded suspension is in the feed');
      const errors = [...seen.entries()].filter(([, statuses]) => [...statuses].some((s) => s >= 400));
      assert.ok(errors.length >= check.operations.filter((o) => / \/v1\//.test(o)).length);
    });
  });
}
