// Deny by default, proven route by route: every route of the OpenAPI document x every caller (no key, a
// revoked key, each role, the owning manufacturer and another one) gives the expected status, and no
// answer to anyone but the owner and regulators mentions the owner's draft.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { bearer, openTestApp, type TestApp } from '../support/http.js';
import { declarationFor } from '../support/registry.js';
import { buildApp } from '../../src/server/index.js';
import { RETAIL_ROUTES } from './retail-routes.js';
import { gs1CheckDigit } from '../../src/gs1/gtin.js';
import { openApiChecker, type OpenApiDocument } from '../support/openapi.js';

type Caller = 'none' | 'revoked' | 'acme' | 'brightly' | 'retailer' | 'regulator' | 'admin';
const CALLERS: Caller[] = ['none', 'revoked', 'acme', 'brightly', 'retailer', 'regulator', 'admin'];

interface Case {
  method: 'GET' | 'POST';
  /** The route as OpenAPI writes it. */
  route: string;
  /** Builds a fresh request per caller (writes must not collide). */
  request(caller: Caller, n: number): Promise<{ url: string; payload?: unknown }>;
  expect: Record<Caller, number>;
}

const PUBLIC = { none: 200, revoked: 401, acme: 200, brightly: 200, retailer: 200, regulator: 200, admin: 200 };
const ADMIN_ONLY = (ok: number) => ({
  none: 401,
  revoked: 401,
  acme: 403,
  brightly: 403,
  retailer: 403,
  regulator: 403,
  admin: ok,
});
const OVERSIGHT = { none: 401, revoked: 401, acme: 403, brightly: 403, retailer: 403, regulator: 200, admin: 200 };
const OWNER_WRITE = (ok: number) => ({
  none: 401,
  revoked: 401,
  acme: ok,
  brightly: 403,
  retailer: 403,
  regulator: 403,
  admin: 403,
});
const MANUFACTURERS = (ok: number) => ({
  none: 401,
  revoked: 401,
  acme: ok,
  brightly: ok,
  retailer: 403,
  regulator: 403,
  admin: 403,
});

describe('access control matrix', () => {
  let t: TestApp;
  let productId: string;
  let declarationId: string;
  let draftId: string;
  let labelId: string;
  let statusLabelId: string;
  const gtin = '05012345678900';

  before(async () => {
    t = await openTestApp();
    const post = async (url: string, payload: unknown) => {
      const res = await t.app.inject({ method: 'POST', url, headers: bearer(t.keys.acme), payload: payload as object });
      assert.ok(res.statusCode < 300, res.body);
      return res.json();
    };
    const created = await post('/v1/declarations', declarationFor({ brand: 'Acme', model: 'CAM-200', gtins: [gtin] }));
    productId = created.product.id;
    declarationId = created.declaration.id;
    draftId = (
      await post(
        `/v1/products/${productId}/declarations?draft=true`,
        declarationFor({ brand: 'Acme', model: 'CAM-200', gtins: [gtin] }, '2033-03-03'),
      )
    ).id;
    labelId = (await post(`/v1/products/${productId}/labels`, { regime: 'uk-2019-option-a' })).id;
    statusLabelId = (await post(`/v1/products/${await declaredProduct(9999)}/labels`, { regime: 'uk-2019-voluntary' }))
      .id;
  });
  after(async () => {
    await t.close();
  });

  const freshProduct = async (n: number) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/products',
      headers: bearer(t.keys.acme),
      payload: { brand: 'Acme', model: `FRESH-${n}`, name: 'Fresh', category: 'hub' },
    });
    return res.json().id as string;
  };
  const freshDraft = async (n: number) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/declarations?draft=true',
      headers: bearer(t.keys.acme),
      payload: declarationFor({ brand: 'Acme', model: `DRAFT-${n}`, gtins: [] }),
    });
    return res.json().declaration.id as string;
  };
  /** A product of Acme with a published declaration and a GTIN, ready for a label. */
  const declaredProduct = async (n: number) => {
    const base = `5012345${String(n).padStart(5, '0')}`;
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/declarations',
      headers: bearer(t.keys.acme),
      payload: declarationFor({ brand: 'Acme', model: `LBL-${n}`, gtins: [`${base}${gs1CheckDigit(base)}`] }),
    });
    return res.json().product.id as string;
  };
  const freshKey = async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/organisations/${t.orgs.retailer}/keys`,
      headers: bearer(t.keys.admin),
      payload: {},
    });
    return res.json().id as string;
  };

  /** A new current security.txt on the declaration, for a withdrawal to withdraw. */
  const freshEvidence = async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/declarations/${declarationId}/evidence`,
      headers: bearer(t.keys.acme),
      payload: { kind: 'security-txt', text: 'Contact: mailto:security@acme.example\n' },
    });
    return res.json().evidence.id as string;
  };

  const cases: Case[] = [
    { method: 'GET', route: '/v1/regimes', request: async () => ({ url: '/v1/regimes' }), expect: PUBLIC },
    {
      method: 'GET',
      route: '/v1/schemas/declaration',
      request: async () => ({ url: '/v1/schemas/declaration' }),
      expect: PUBLIC,
    },
    {
      method: 'GET',
      route: '/v1/sellable',
      request: async () => ({ url: `/v1/sellable?gtin=${gtin}&regime=uk-psti-2023` }),
      expect: PUBLIC,
    },
    { method: 'GET', route: '/v1/products', request: async () => ({ url: '/v1/products?q=acme' }), expect: PUBLIC },
    {
      method: 'GET',
      route: '/v1/products/{productId}',
      request: async () => ({ url: `/v1/products/${productId}` }),
      expect: PUBLIC,
    },
    { method: 'GET', route: '/v1/gtins/{gtin}', request: async () => ({ url: `/v1/gtins/${gtin}` }), expect: PUBLIC },
    {
      method: 'GET',
      route: '/v1/products/{productId}/markets',
      request: async () => ({ url: `/v1/products/${productId}/markets?market=UK` }),
      expect: PUBLIC,
    },
    {
      method: 'GET',
      route: '/v1/products/{productId}/declarations',
      request: async () => ({ url: `/v1/products/${productId}/declarations` }),
      expect: PUBLIC,
    },
    {
      method: 'GET',
      route: '/v1/declarations/{declarationId}',
      request: async () => ({ url: `/v1/declarations/${declarationId}` }),
      expect: PUBLIC,
    },
    {
      method: 'GET',
      route: '/v1/products/{productId}/history',
      request: async () => ({ url: `/v1/products/${productId}/history` }),
      expect: PUBLIC,
    },
    {
      method: 'GET',
      route: '/v1/declarations/{declarationId} (a draft)',
      request: async () => ({ url: `/v1/declarations/${draftId}` }),
      expect: { none: 404, revoked: 401, acme: 200, brightly: 404, retailer: 404, regulator: 200, admin: 404 },
    },
    {
      method: 'POST',
      route: '/v1/products',
      request: async (_c, n) => ({
        url: '/v1/products',
        payload: { brand: 'Any', model: `M-${n}`, name: 'Thing', category: 'hub' },
      }),
      expect: MANUFACTURERS(201),
    },
    {
      method: 'POST',
      route: '/v1/declarations',
      request: async (_c, n) => ({
        url: '/v1/declarations',
        payload: declarationFor({ brand: 'Any', model: `D-${n}`, gtins: [] }),
      }),
      expect: MANUFACTURERS(201),
    },
    {
      method: 'POST',
      route: '/v1/products/{productId}/declarations',
      request: async () => ({
        url: `/v1/products/${productId}/declarations`,
        payload: declarationFor({ brand: 'Acme', model: 'CAM-200', gtins: [gtin] }),
      }),
      expect: OWNER_WRITE(201),
    },
    {
      method: 'POST',
      route: '/v1/declarations/{declarationId}/submit',
      request: async (_c, n) => ({ url: `/v1/declarations/${await freshDraft(n)}/submit` }),
      // Another manufacturer cannot even see the draft.
      expect: { none: 401, revoked: 401, acme: 201, brightly: 404, retailer: 403, regulator: 403, admin: 403 },
    },
    {
      method: 'POST',
      route: '/v1/products/{productId}/withdraw',
      request: async (_c, n) => ({
        url: `/v1/products/${await freshProduct(n)}/withdraw`,
        payload: { reason: 'end of line' },
      }),
      expect: OWNER_WRITE(200),
    },
    {
      method: 'GET',
      route: '/v1/me',
      request: async () => ({ url: '/v1/me' }),
      expect: { none: 401, revoked: 401, acme: 200, brightly: 200, retailer: 200, regulator: 200, admin: 200 },
    },
    {
      method: 'POST',
      route: '/v1/organisations',
      request: async (_c, n) => ({ url: '/v1/organisations', payload: { name: `Org ${n}`, kind: 'retailer' } }),
      expect: ADMIN_ONLY(201),
    },
    {
      method: 'GET',
      route: '/v1/organisations',
      request: async () => ({ url: '/v1/organisations' }),
      expect: OVERSIGHT,
    },
    {
      method: 'GET',
      route: '/v1/organisations/{organisationId}',
      request: async () => ({ url: `/v1/organisations/${t.orgs.acme}` }),
      expect: OVERSIGHT,
    },
    {
      method: 'POST',
      route: '/v1/organisations/{organisationId}/keys',
      request: async () => ({ url: `/v1/organisations/${t.orgs.retailer}/keys`, payload: {} }),
      expect: ADMIN_ONLY(201),
    },
    {
      method: 'GET',
      route: '/v1/organisations/{organisationId}/keys',
      request: async () => ({ url: `/v1/organisations/${t.orgs.acme}/keys` }),
      expect: ADMIN_ONLY(200),
    },
    {
      method: 'POST',
      route: '/v1/keys/{keyId}/revoke',
      request: async () => ({ url: `/v1/keys/${await freshKey()}/revoke` }),
      expect: ADMIN_ONLY(200),
    },
    {
      method: 'GET',
      route: '/v1/declarations/{declarationId}/evidence',
      request: async () => ({ url: `/v1/declarations/${declarationId}/evidence` }),
      expect: PUBLIC,
    },
    {
      method: 'GET',
      route: '/v1/declarations/{declarationId}/evidence (a draft)',
      request: async () => ({ url: `/v1/declarations/${draftId}/evidence` }),
      expect: { none: 404, revoked: 401, acme: 200, brightly: 404, retailer: 404, regulator: 200, admin: 404 },
    },
    {
      method: 'POST',
      route: '/v1/declarations/{declarationId}/evidence',
      request: async () => ({
        url: `/v1/declarations/${declarationId}/evidence`,
        payload: {
          kind: 'security-txt',
          text: 'Contact: mailto:security@acme.example\nContact: https://acme.example/security/report\nExpires: 2027-06-30T00:00:00.000Z\n',
        },
      }),
      expect: OWNER_WRITE(201),
    },
    {
      method: 'POST',
      route: '/v1/declarations/{declarationId}/evidence (a draft)',
      request: async () => ({
        url: `/v1/declarations/${draftId}/evidence`,
        payload: {
          kind: 'security-txt',
          text: 'Contact: mailto:security@acme.example\nExpires: 2027-06-30T00:00:00.000Z\n',
        },
      }),
      // Another manufacturer cannot even see the draft.
      expect: { none: 401, revoked: 401, acme: 201, brightly: 404, retailer: 403, regulator: 403, admin: 403 },
    },
    {
      method: 'POST',
      route: '/v1/declarations/{declarationId}/evidence/{evidenceId}/withdraw',
      request: async () => ({
        url: `/v1/declarations/${declarationId}/evidence/${await freshEvidence()}/withdraw`,
        payload: { reason: 'uploaded by mistake' },
      }),
      expect: OWNER_WRITE(201),
    },
    { method: 'GET', route: '/v1/events', request: async () => ({ url: '/v1/events' }), expect: OVERSIGHT },
    { method: 'GET', route: '/v1/audit', request: async () => ({ url: '/v1/audit' }), expect: OVERSIGHT },
    {
      method: 'POST',
      route: '/v1/products/{productId}/labels',
      request: async (_c, n) => ({
        url: `/v1/products/${await declaredProduct(n)}/labels`,
        payload: { regime: 'uk-2019-option-a' },
      }),
      expect: OWNER_WRITE(201),
    },
    {
      method: 'GET',
      route: '/v1/products/{productId}/labels',
      request: async () => ({ url: `/v1/products/${productId}/labels` }),
      expect: PUBLIC,
    },
    {
      method: 'GET',
      route: '/v1/labels/{labelId}',
      request: async () => ({ url: `/v1/labels/${labelId}` }),
      expect: PUBLIC,
    },
    {
      method: 'GET',
      route: '/v1/labels/{labelId}.svg',
      request: async () => ({ url: `/v1/labels/${labelId}.svg` }),
      expect: PUBLIC,
    },
    {
      method: 'GET',
      route: '/v1/labels/{labelId}.png',
      request: async () => ({ url: `/v1/labels/${labelId}.png?width=200` }),
      expect: PUBLIC,
    },
    {
      method: 'POST',
      route: '/v1/labels/{labelId}/status',
      request: async () => ({
        url: `/v1/labels/${statusLabelId}/status`,
        payload: { status: 'suspended', reason: 'test' },
      }),
      expect: { none: 401, revoked: 401, acme: 403, brightly: 403, retailer: 403, regulator: 200, admin: 403 },
    },
    {
      method: 'POST',
      route: '/v1/labels/verify',
      request: async () => ({ url: '/v1/labels/verify', payload: { token: 'a.b.c' } }),
      expect: PUBLIC,
    },
    {
      method: 'GET',
      route: '/v1/status-lists/{list}',
      request: async () => ({ url: '/v1/status-lists/1' }),
      expect: PUBLIC,
    },
    {
      method: 'POST',
      route: '/v1/admin/label-keys/rotate',
      request: async () => ({ url: '/v1/admin/label-keys/rotate' }),
      expect: ADMIN_ONLY(200),
    },
    {
      method: 'GET',
      route: '/v1/declarations/{declarationId}/statement.html',
      request: async () => ({ url: `/v1/declarations/${declarationId}/statement.html` }),
      expect: PUBLIC,
    },
    {
      method: 'GET',
      route: '/v1/declarations/{declarationId}/statement.pdf',
      request: async () => ({ url: `/v1/declarations/${declarationId}/statement.pdf` }),
      expect: PUBLIC,
    },
    {
      method: 'GET',
      route: '/v1/declarations/{declarationId}/statement.html (a draft)',
      request: async () => ({ url: `/v1/declarations/${draftId}/statement.html` }),
      expect: { none: 404, revoked: 401, acme: 200, brightly: 404, retailer: 404, regulator: 200, admin: 404 },
    },
  ];

  test('the matrix covers every /v1 route in the OpenAPI document', async () => {
    const doc = (await t.app.inject('/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths)
      .filter(([p]) => p.startsWith('/v1/'))
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    const covered = new Set(cases.map((c) => `${c.method} ${c.route.replace(/ \(.*\)$/, '')}`));
    // The retail routes have their own matrix (retail-access.test.ts).
    for (const r of RETAIL_ROUTES) covered.add(`${r.method} ${r.route}`);
    // Bulk declarations take NDJSON, not JSON: their matrix is in bulk-declarations.test.ts.
    covered.add('POST /v1/declarations/bulk');
    assert.deepEqual(
      documented.filter((r) => !covered.has(r)),
      [],
    );
  });

  let check: ReturnType<typeof openApiChecker>;
  before(async () => {
    check = openApiChecker((await t.app.inject('/openapi.json')).json() as OpenApiDocument);
  });
  let n = 0;
  for (const c of cases) {
    test(`${c.method} ${c.route}`, async () => {
      const got: Record<string, number> = {};
      for (const caller of CALLERS) {
        const { url, payload } = await c.request(caller, n++);
        const key = caller === 'none' ? undefined : t.keys[caller];
        const res = await t.app.inject({
          method: c.method,
          url,
          headers: bearer(key),
          ...(payload === undefined ? {} : { payload: payload as object }),
        });
        got[caller] = res.statusCode;
        if (res.statusCode >= 400)
          assert.match(res.headers['content-type'] as string, /^application\/problem\+json/, `${caller}: ${res.body}`);
        // Each refusal (and each success) is one the OpenAPI document lists for the route.
        assert.deepEqual(check.problems(`${c.method} ${c.route.replace(/ \(.*\)$/, '')}`, res), [], caller);
      }
      assert.deepEqual(got, c.expect);
    });
  }

  test("no answer to another manufacturer, a retailer or the public mentions the owner's draft", async () => {
    const reads = [
      '/v1/products?q=acme',
      `/v1/products/${productId}`,
      `/v1/gtins/${gtin}`,
      `/v1/products/${productId}/declarations`,
      `/v1/sellable?gtin=${gtin}&regime=uk-psti-2023`,
      `/v1/declarations/${draftId}`,
    ];
    for (const caller of ['none', 'brightly', 'retailer', 'admin'] as const) {
      for (const url of reads) {
        const res = await t.app.inject({ url, headers: bearer(caller === 'none' ? undefined : t.keys[caller]) });
        // Asking for the draft by id gets the same 404 as a missing id (which echoes the id asked for).
        if (!url.includes(draftId)) assert.ok(!res.body.includes(draftId), `${caller} ${url} leaks the draft id`);
        else assert.equal(res.statusCode, 404);
        assert.ok(!res.body.includes('2033-03-03'), `${caller} ${url} leaks the draft's content`);
      }
    }
    const own = await t.app.inject({ url: `/v1/products/${productId}/declarations`, headers: bearer(t.keys.acme) });
    assert.ok(own.body.includes(draftId), 'the owner sees its draft');
    const regulator = await t.app.inject({
      url: `/v1/products/${productId}/declarations`,
      headers: bearer(t.keys.regulator),
    });
    assert.ok(regulator.body.includes(draftId), 'a regulator sees the draft');
  });

  test('a /v1 route that does not declare who may call it cannot be registered', async () => {
    const app = Fastify({ logger: false });
    const { installAccessControl } = await import('../../src/http/access.js');
    installAccessControl(app, t.services);
    assert.throws(() => app.get('/v1/undeclared', async () => 'open'), /does not declare config.access/);
    await app.close();
    assert.equal(typeof buildApp, 'function');
  });
});
