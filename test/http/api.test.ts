// The API as a client sees it: happy paths, documents, caching headers and the problem format.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { bearer, openTestApp, type TestApp } from '../support/http.js';
import { declarationFor, TODAY } from '../support/registry.js';

describe('HTTP API v1', () => {
  let t: TestApp;
  before(async () => {
    t = await openTestApp();
  });
  after(async () => {
    await t.close();
  });

  test('health and readiness', async () => {
    assert.deepEqual((await t.app.inject('/healthz')).json(), { status: 'ok' });
    const ready = await t.app.inject('/readyz');
    assert.equal(ready.statusCode, 200);
    assert.deepEqual(ready.json(), { status: 'ready' });
  });

  test('regimes and the declaration schema are public', async () => {
    const regimes = await t.app.inject('/v1/regimes');
    assert.equal(regimes.statusCode, 200);
    assert.ok(regimes.json().regimes.some((r: { id: string }) => r.id === 'uk-psti-2023'));
    // The territory regimes, with the market, nature and dates a market selection needs (territories.md).
    const cra = regimes.json().regimes.find((r: { id: string }) => r.id === 'eu-cra');
    assert.deepEqual(
      [cra.territory, cra.nature, cra.effectiveFrom, cra.versions.map((v: { from: string }) => v.from)],
      ['EU', 'law', '2026-09-11', ['2026-09-11', '2027-12-11']],
    );
    const schema = await t.app.inject('/v1/schemas/declaration');
    assert.equal(schema.statusCode, 200);
    assert.match(schema.headers['content-type'] as string, /^application\/schema\+json/);
    assert.deepEqual(schema.json(), JSON.parse(JSON.stringify(t.services.engine.declarationJsonSchema)));
  });

  test('a manufacturer registers a product, submits a declaration, and anyone can ask if it may be sold', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/v1/products',
      headers: bearer(t.keys.acme),
      payload: {
        brand: 'Acme',
        model: 'CAM-200',
        name: 'Indoor Camera',
        category: 'smart-camera',
        gtins: ['5012345678900'],
      },
    });
    assert.equal(created.statusCode, 201, created.body);
    const product = created.json();
    assert.deepEqual(product.gtins, ['05012345678900']);
    assert.equal(product.manufacturer.id, t.orgs.acme);
    const submitted = await t.app.inject({
      method: 'POST',
      url: `/v1/products/${product.id}/declarations`,
      headers: bearer(t.keys.acme),
      payload: declarationFor({ brand: 'Acme', model: 'CAM-200', gtins: ['05012345678900'] }),
    });
    assert.equal(submitted.statusCode, 201, submitted.body);
    const declaration = submitted.json();
    assert.equal(declaration.version, 1);
    assert.equal(declaration.assessments.length, t.services.engine.listRegimes().length);
    assert.equal(declaration.document.product.model, 'CAM-200');

    const sellable = await t.app.inject('/v1/sellable?gtin=05012345678900&regime=uk-psti-2023');
    assert.equal(sellable.statusCode, 200, sellable.body);
    const answer = sellable.json();
    assert.equal(answer.sellable, true);
    assert.equal(answer.outcome, 'pass');
    assert.equal(answer.at, TODAY);
    assert.equal(answer.supportEndDate, '2030-12-31');
    assert.equal(answer.labelUrl, null);
    assert.deepEqual(answer.declaration, { id: declaration.id, version: 1, sha256: declaration.sha256 });
    assert.match(sellable.headers.etag as string, /^W\/"/);
    assert.match(sellable.headers['cache-control'] as string, /max-age=\d+/);
    // The API's own security headers (OWASP's REST set), not helmet's page headers, on answers and errors.
    const apiHeaders = {
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
    };
    const unknown = await t.app.inject('/v1/sellable?gtin=05012345678917&regime=uk-psti-2023');
    assert.equal(unknown.statusCode, 404, unknown.body);
    const problem = await t.app.inject('/v1/sellable?gtin=05012345678901&regime=uk-psti-2023');
    assert.equal(problem.statusCode, 400, problem.body);
    for (const [res, what] of [
      [sellable, 'an answer'],
      [unknown, 'an unknown GTIN'],
      [problem, 'a bad query'],
    ] as const) {
      for (const [name, value] of Object.entries(apiHeaders))
        assert.equal(res.headers[name], value, `${what}: ${name}`);
      assert.equal(res.headers['cross-origin-opener-policy'], undefined, `${what}: no page-only headers`);
      assert.ok(res.headers['x-request-id'], `${what}: x-request-id`);
    }
    const health = await t.app.inject('/healthz');
    assert.match(String(health.headers['content-security-policy']), /script-src/, 'other routes keep helmet');
    const again = await t.app.inject({
      url: '/v1/sellable?gtin=05012345678900&regime=uk-psti-2023',
      headers: { 'if-none-match': sellable.headers.etag as string },
    });
    assert.equal(again.statusCode, 304);
    assert.equal(again.body, '');

    // By product id and by brand+model the answer is the same; after the support end date it changes.
    const byId = await t.app.inject(`/v1/sellable?product=${product.id}&regime=uk-psti-2023`);
    assert.equal(byId.json().sellable, true);
    const byModel = await t.app.inject('/v1/sellable?brand=acme&model=cam-200&regime=uk-psti-2023');
    assert.equal(byModel.json().product.id, product.id);
    const later = await t.app.inject('/v1/sellable?gtin=05012345678900&regime=uk-psti-2023&at=2031-01-02');
    assert.equal(later.statusCode, 200);
    assert.equal(later.json().at, '2031-01-02');
    assert.notEqual(later.headers.etag, sellable.headers.etag);
  });

  test('an amendment changes the sellability answer at once (the cache is invalidated)', async () => {
    const doc = declarationFor({ brand: 'Acme', model: 'CAM-300', gtins: ['05012345671086'] });
    doc.passwords = { usesPasswords: true, scheme: 'universal-default', resettableToUniversalDefault: true };
    delete doc.provisions;
    const first = await t.app.inject({
      method: 'POST',
      url: '/v1/declarations',
      headers: bearer(t.keys.acme),
      payload: doc,
    });
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(first.json().productCreated, true);
    const before = (await t.app.inject('/v1/sellable?gtin=05012345671086&regime=uk-psti-2023')).json();
    assert.equal(before.sellable, false);
    assert.ok(before.reasons.length > 0);
    const fixed = declarationFor({ brand: 'Acme', model: 'CAM-300', gtins: ['05012345671086'] });
    const second = await t.app.inject({
      method: 'POST',
      url: '/v1/declarations',
      headers: bearer(t.keys.acme),
      payload: fixed,
    });
    assert.equal(second.statusCode, 201, second.body);
    assert.equal(second.json().declaration.version, 2);
    const after = (await t.app.inject('/v1/sellable?gtin=05012345671086&regime=uk-psti-2023')).json();
    assert.equal(after.sellable, true);
    assert.equal(after.declaration.version, 2);
  });

  test('shortening the support period is a 409 problem naming both dates', async () => {
    const ids = { brand: 'Acme', model: 'CAM-400', gtins: [] };
    assert.equal(
      (
        await t.app.inject({
          method: 'POST',
          url: '/v1/declarations',
          headers: bearer(t.keys.acme),
          payload: declarationFor(ids, '2031-12-31'),
        })
      ).statusCode,
      201,
    );
    const refused = await t.app.inject({
      method: 'POST',
      url: '/v1/declarations',
      headers: bearer(t.keys.acme),
      payload: declarationFor(ids, '2029-01-01'),
    });
    assert.equal(refused.statusCode, 409);
    assert.match(refused.headers['content-type'] as string, /^application\/problem\+json/);
    const p = refused.json();
    assert.equal(p.code, 'SUPPORT_PERIOD_SHORTENED');
    assert.match(p.detail, /2031-12-31/);
    assert.match(p.detail, /2029-01-01/);
    assert.deepEqual(p.errors, [{ pointer: '/body/supportPeriod/endDate', detail: 'must be 2031-12-31 or later' }]);
  });

  test('search, look-up by GTIN and the declarations list', async () => {
    const found = await t.app.inject('/v1/products?q=acme%20cam-200');
    assert.equal(found.json().products.length, 1);
    const product = found.json().products[0];
    assert.equal((await t.app.inject('/v1/gtins/5012345678900')).json().id, product.id);
    assert.equal((await t.app.inject(`/v1/products?brand=Acme&model=CAM-200`)).json().products[0].id, product.id);
    const list = await t.app.inject(`/v1/products/${product.id}/declarations`);
    assert.equal(list.json().declarations.length, 1);
    const paged = await t.app.inject('/v1/products?limit=1');
    assert.equal(paged.json().products.length, 1);
    const next = await t.app.inject(`/v1/products?limit=1&after=${paged.json().products[0].id}`);
    assert.notEqual(next.json().products[0]?.id, paged.json().products[0].id);
  });

  test('admins register organisations and issue keys that work at once; revoked keys stop at once', async () => {
    const org = await t.app.inject({
      method: 'POST',
      url: '/v1/organisations',
      headers: bearer(t.keys.admin),
      payload: { name: 'New Maker', kind: 'manufacturer' },
    });
    assert.equal(org.statusCode, 201, org.body);
    const key = await t.app.inject({
      method: 'POST',
      url: `/v1/organisations/${org.json().id}/keys`,
      headers: bearer(t.keys.admin),
      payload: { name: 'ci' },
    });
    assert.equal(key.statusCode, 201);
    const secret = key.json().key as string;
    assert.match(secret, /^iotl_[a-z2-9]{8}_[a-z2-9]{32}$/);
    const me = await t.app.inject({ url: '/v1/me', headers: bearer(secret) });
    assert.equal(me.json().organisation.name, 'New Maker');
    assert.equal(me.json().role, 'manufacturer');
    const listed = await t.app.inject({
      url: `/v1/organisations/${org.json().id}/keys`,
      headers: bearer(t.keys.admin),
    });
    assert.equal(listed.json().keys.length, 1);
    assert.equal(listed.json().keys[0].key, undefined, 'listings never show the secret');
    assert.ok(!listed.body.includes(secret.slice(14)));
    assert.equal(
      (await t.app.inject({ method: 'POST', url: `/v1/keys/${key.json().id}/revoke`, headers: bearer(t.keys.admin) }))
        .statusCode,
      200,
    );
    const after = await t.app.inject({ url: '/v1/me', headers: bearer(secret) });
    assert.equal(after.statusCode, 401);
    assert.equal(after.json().code, 'UNAUTHENTICATED');
    assert.match(after.headers['www-authenticate'] as string, /^Bearer/);
  });

  test('OpenAPI 3.1 describes every route with its responses; /docs serves the reader', async () => {
    const doc = (await t.app.inject('/openapi.json')).json();
    assert.equal(doc.openapi, '3.1.0');
    assert.ok(doc.paths['/v1/sellable'].get.responses['200']);
    assert.ok(doc.paths['/v1/products'].post.security);
    assert.ok(doc.components.schemas.Problem);
    for (const [path, methods] of Object.entries(
      doc.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>,
    )) {
      for (const [method, op] of Object.entries(methods)) {
        assert.ok(
          Object.keys(op.responses).some((s) => s.startsWith('2')),
          `${method} ${path} documents a success response`,
        );
        if (path.startsWith('/v1/')) assert.ok(op.responses['400'], `${method} ${path} documents its problems`);
      }
    }
    const docs = await t.app.inject('/docs/');
    assert.equal(docs.statusCode, 200);
    assert.match(docs.body, /swagger/i);
  });

  test('unknown routes, security headers and request ids', async () => {
    const missing = await t.app.inject('/v1/nothing-here');
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().code, 'NOT_FOUND');
    assert.equal(missing.json().type, 'urn:iotlabel:problem:not-found');
    assert.equal(missing.headers['x-content-type-options'], 'nosniff');
    assert.ok(missing.headers['x-request-id']);
    const echoed = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'abc-123' } });
    assert.equal(echoed.headers['x-request-id'], 'abc-123');
  });

  test('writes are rate limited per key with a problem document', async () => {
    const limited = await openTestApp({ writesPerMinute: 2 });
    try {
      const post = (model: string) =>
        limited.app.inject({
          method: 'POST',
          url: '/v1/products',
          headers: bearer(limited.keys.acme),
          payload: { brand: 'Acme', model, name: 'n', category: 'hub' },
        });
      assert.equal((await post('R-1')).statusCode, 201);
      assert.equal((await post('R-2')).statusCode, 201);
      const third = await post('R-3');
      assert.equal(third.statusCode, 429);
      assert.equal(third.json().code, 'RATE_LIMITED');
      assert.ok(third.headers['retry-after']);
      // Another key has its own budget, and reads are not limited.
      assert.equal(
        (
          await limited.app.inject({
            method: 'POST',
            url: '/v1/products',
            headers: bearer(limited.keys.brightly),
            payload: { brand: 'B', model: 'R-1', name: 'n', category: 'hub' },
          })
        ).statusCode,
        201,
      );
      assert.equal((await limited.app.inject('/v1/products')).statusCode, 200);
    } finally {
      await limited.close();
    }
  });
});
