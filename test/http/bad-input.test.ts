// Bad input gets a 4xx problem document that names the field, and changes nothing (no event, no row).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { bearer, openTestApp, type TestApp } from '../support/http.js';
import { declarationFor } from '../support/registry.js';

describe('bad input', () => {
  let t: TestApp;
  let productId: string;
  before(async () => {
    t = await openTestApp({ bodyLimit: 64 * 1024 });
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/declarations',
      headers: bearer(t.keys.acme),
      payload: declarationFor({ brand: 'Acme', model: 'CAM-200', gtins: ['05012345678900'] }),
    });
    productId = res.json().product.id;
  });
  after(async () => {
    await t.close();
  });

  const lastSeq = async () => (await t.services.journal.events(0, 10_000)).at(-1)?.seq ?? 0;

  /** Sends the request, checks status, code and that a field is named, and that nothing was written. */
  async function refused(
    request: { method?: 'GET' | 'POST'; url: string; payload?: string | object; headers?: Record<string, string> },
    status: number,
    code: string,
    pointer?: RegExp,
  ) {
    const before = await lastSeq();
    const res = await t.app.inject({
      method: request.method ?? 'POST',
      url: request.url,
      headers: { ...bearer(t.keys.acme), ...request.headers },
      ...(request.payload === undefined ? {} : { payload: request.payload }),
    });
    assert.equal(res.statusCode, status, res.body);
    assert.match(res.headers['content-type'] as string, /^application\/problem\+json/);
    const p = res.json();
    assert.equal(p.code, code);
    assert.equal(p.status, status);
    assert.equal(typeof p.title, 'string');
    assert.equal(typeof p.detail, 'string');
    assert.ok(p.type.startsWith('urn:iotlabel:problem:'));
    if (pointer)
      assert.ok(
        p.errors?.some((e: { pointer: string }) => pointer.test(e.pointer)),
        `a field matching ${pointer} is named: ${res.body}`,
      );
    assert.equal(await lastSeq(), before, 'nothing was written');
    return p;
  }

  const json = { 'content-type': 'application/json' };

  test('malformed JSON', async () => {
    await refused(
      { url: '/v1/products', payload: '{"brand": "Acme",', headers: json },
      400,
      'INPUT_UNREADABLE',
      /^\/body$/,
    );
    await refused(
      { url: `/v1/products/${productId}/declarations`, payload: '{not json', headers: json },
      400,
      'INPUT_UNREADABLE',
      /^\/body$/,
    );
  });

  test('wrong types and missing or unknown fields, each named', async () => {
    const p = await refused(
      { url: '/v1/products', payload: { brand: 42, model: 'M', category: 'hub', colour: 'red' } },
      400,
      'INPUT_INVALID',
    );
    const pointers = p.errors.map((e: { pointer: string }) => e.pointer).sort();
    assert.deepEqual(pointers, ['/body/brand', '/body/colour', '/body/name']);
    await refused(
      { url: '/v1/products', payload: { brand: 'A', model: 'M', name: 'N', category: 'toaster' } },
      400,
      'INPUT_INVALID',
      /^\/body\/category$/,
    );
    await refused({ method: 'GET', url: '/v1/products?limit=many' }, 400, 'INPUT_INVALID', /^\/query\/limit$/);
    await refused({ url: '/v1/products', payload: [1, 2] }, 400, 'INPUT_INVALID', /^\/body$/);
  });

  test('a GTIN with a bad check digit', async () => {
    const p = await refused(
      {
        url: '/v1/products',
        payload: { brand: 'A', model: 'G', name: 'N', category: 'hub', gtins: ['05012345678901'] },
      },
      400,
      'GTIN_INVALID',
      /^\/body\/gtins\/0$/,
    );
    assert.match(p.detail, /check digit 1; expected 0/);
    await refused(
      { url: '/v1/products', payload: { brand: 'A', model: 'G', name: 'N', category: 'hub', gtins: ['12345'] } },
      400,
      'INPUT_INVALID',
      /^\/body\/gtins\/0$/,
    );
    await refused({ method: 'GET', url: '/v1/sellable?gtin=05012345678901&regime=uk-psti-2023' }, 400, 'GTIN_INVALID');
    await refused({ method: 'GET', url: '/v1/gtins/05012345678901' }, 400, 'GTIN_INVALID');
    const decl = declarationFor({ brand: 'Acme', model: 'CAM-200', gtins: ['05012345678901'] });
    await refused(
      { url: `/v1/products/${productId}/declarations`, payload: decl },
      422,
      'DECLARATION_INVALID',
      /^\/body\/product\/gtins\/0$/,
    );
  });

  test('a declaration that does not follow the schema lists every problem with its JSON pointer', async () => {
    const decl = declarationFor({ brand: 'Acme', model: 'CAM-200', gtins: [] });
    decl.passwords.scheme = 'hunter2';
    delete decl.vulnerabilityDisclosure;
    const p = await refused(
      { url: `/v1/products/${productId}/declarations`, payload: decl },
      422,
      'DECLARATION_INVALID',
      /^\/body\/passwords\/scheme$/,
    );
    assert.ok(p.errors.length >= 2);
  });

  test('a huge body', async () => {
    const decl = declarationFor({ brand: 'Acme', model: 'CAM-200', gtins: [] });
    decl.manufacturer.address = 'x'.repeat(100 * 1024);
    await refused(
      { url: `/v1/products/${productId}/declarations`, payload: decl },
      413,
      'PAYLOAD_TOO_LARGE',
      /^\/body$/,
    );
  });

  test('an unknown regime, a bad date, a wrong combination of look-up keys', async () => {
    const p = await refused(
      { method: 'GET', url: '/v1/sellable?gtin=05012345678900&regime=uk-2099' },
      404,
      'REGIME_UNKNOWN',
      /^\/query\/regime$/,
    );
    assert.match(p.detail, /uk-2099/);
    await refused(
      { method: 'GET', url: '/v1/sellable?gtin=05012345678900&regime=uk-psti-2023&at=2026-02-30' },
      400,
      'INPUT_INVALID',
      /^\/query\/at$/,
    );
    await refused(
      { method: 'GET', url: '/v1/sellable?gtin=05012345678900&regime=uk-psti-2023&at=tomorrow' },
      400,
      'INPUT_INVALID',
      /^\/query\/at$/,
    );
    await refused({ method: 'GET', url: '/v1/sellable?regime=uk-psti-2023' }, 400, 'INPUT_INVALID', /^\/query\/gtin$/);
    await refused(
      { method: 'GET', url: '/v1/sellable?gtin=05012345678900' },
      400,
      'INPUT_INVALID',
      /^\/query\/regime$/,
    );
    await refused(
      { method: 'GET', url: '/v1/sellable?brand=Acme&regime=uk-psti-2023' },
      400,
      'INPUT_INVALID',
      /^\/query\/model$/,
    );
    await refused({ method: 'GET', url: '/v1/sellable?gtin=05012345678917&regime=uk-psti-2023' }, 404, 'NOT_FOUND');
  });

  test('a body that is not JSON', async () => {
    await refused(
      { url: '/v1/products', payload: 'brand=Acme', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      415,
      'MEDIA_TYPE_UNSUPPORTED',
    );
  });

  test('a malformed Authorization header', async () => {
    await refused(
      {
        url: '/v1/products',
        payload: { brand: 'A', model: 'M', name: 'N', category: 'hub' },
        headers: { authorization: 'Basic dXNlcjpwYXNz' },
      },
      401,
      'UNAUTHENTICATED',
    );
    await refused(
      { method: 'GET', url: '/v1/regimes', headers: { authorization: 'Bearer not-a-key' } },
      401,
      'UNAUTHENTICATED',
    );
  });
});
