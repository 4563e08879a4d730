// Labels end to end through the API on both databases: issue, verify the token with jose (an independent
// JOSE implementation) against the published JWKS, decode the PNG's QR code, revoke and check with the
// status list and `iotlabel verify` offline, suspend and reinstate, refusals, key rotation, statements.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalJWKSet, jwtVerify, decodeProtectedHeader } from 'jose';
import { PNG } from 'pngjs';
import jsQRModule from 'jsqr';
import { bearer, openTestApp, type TestApp } from '../support/http.js';
import { declarationFor, TODAY } from '../support/registry.js';
import { DIALECTS } from '../support/dialects.js';
import { main } from '../../src/cli/main.js';
import { bufferIo } from '../../src/cli/io.js';
import { createServices } from '../../src/registry/index.js';
import { parseLabelLink } from '../../src/labels/label-link.js';

const jsQR = (jsQRModule as unknown as { default: typeof jsQRModule.default }).default;
const ISSUER = 'http://localhost:8080';

for (const dialect of DIALECTS) {
  describe(`labels over HTTP on ${dialect}`, () => {
    let t: TestApp;
    let dir: string;
    before(async () => {
      t = await openTestApp({}, dialect);
      dir = mkdtempSync(join(tmpdir(), 'iotlabel-labels-http-'));
    });
    after(async () => {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    });

    const post = (url: string, key: string | undefined, payload: unknown) =>
      t.app.inject({ method: 'POST', url, headers: bearer(key), payload: payload as Record<string, unknown> });
    const declare = async (model: string, gtin: string, edit?: (d: Record<string, unknown>) => void) => {
      const doc = declarationFor({ brand: 'Acme', model, gtins: [gtin] });
      edit?.(doc);
      const res = await post('/v1/declarations', t.keys.acme, doc);
      assert.equal(res.statusCode, 201, res.body);
      return res.json() as { product: { id: string }; declaration: { id: string } };
    };
    const issue = async (productId: string, regime: string) => {
      const res = await post(`/v1/products/${productId}/labels`, t.keys.acme, { regime });
      assert.equal(res.statusCode, 201, res.body);
      return res.json();
    };
    const keysOf = async () => (await t.app.inject('/.well-known/iotlabel/keys')).json();
    const verifyCli = async (token: string, keys: unknown, list: string) => {
      const keysFile = join(dir, `keys-${Math.random().toString(36).slice(2)}.json`);
      const listFile = `${keysFile}.jwt`;
      writeFileSync(keysFile, JSON.stringify(keys));
      writeFileSync(listFile, list);
      const io = bufferIo();
      const exit = await main(['verify', token, '--keys', keysFile, '--status', listFile, '--at', TODAY], io);
      return { exit, out: io.stdout() + io.stderr() };
    };

    test('issue, fetch, verify with jose against the JWKS, and decode the QR code of the PNG', async () => {
      const { product } = await declare('CAM-1', '05012345678900');
      const issued = await issue(product.id, 'uk-2019-option-a');
      const fetched = (await t.app.inject(`/v1/labels/${issued.id}`)).json();
      assert.equal(fetched.token, issued.token);
      assert.equal(fetched.status.status, 'valid');

      const jwksRes = await t.app.inject('/.well-known/iotlabel/keys');
      assert.match(jwksRes.headers['cache-control'] as string, /max-age=\d+/);
      assert.ok(jwksRes.headers.etag);
      const JWKS = createLocalJWKSet(jwksRes.json());
      const { payload, protectedHeader } = await jwtVerify(fetched.token, JWKS, {
        issuer: ISSUER,
        algorithms: ['EdDSA'],
      });
      assert.equal(payload.sub, issued.id);
      assert.equal(payload.gtin, '05012345678900');
      assert.equal(protectedHeader.kid, fetched.kid);
      const altered = fetched.token.slice(0, -2) + (fetched.token.at(-2) === 'A' ? 'B' : 'A') + fetched.token.at(-1);
      await assert.rejects(jwtVerify(altered, JWKS, { algorithms: ['EdDSA'] }));

      const png = await t.app.inject(`/v1/labels/${issued.id}.png?width=1200`);
      assert.equal(png.statusCode, 200);
      assert.equal(png.headers['content-type'], 'image/png');
      assert.equal(png.headers['cross-origin-resource-policy'], 'cross-origin', 'retailers may embed the face');
      const image = PNG.sync.read(png.rawPayload);
      const qr = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
      assert.ok(qr, 'the QR code decodes');
      assert.equal(qr.data, `${ISSUER}/01/05012345678900?label=${issued.token}`);
      const fromQr = parseLabelLink(qr.data).token;
      assert.equal((await jwtVerify(fromQr, JWKS, { issuer: ISSUER })).payload.sub, issued.id);

      const svg = await t.app.inject(`/v1/labels/${issued.id}.svg`);
      assert.match(svg.headers['content-type'] as string, /^image\/svg\+xml/);
      assert.match(svg.body, /Security updates until/);
      assert.match(svg.body, /<text [^>]*>UK IoT security label<\/text>/, 'the face names its scheme');
      assert.match(svg.body, new RegExp(`<text [^>]*>Issued by ${new URL(ISSUER).host}</text>`), 'and its issuer');
      for (const [size, width] of [
        ['small', '50mm'],
        ['large', '70mm'],
        ['packaging', '70mm'],
      ] as const) {
        const sized = await t.app.inject(`/v1/labels/${issued.id}.svg?size=${size}`);
        assert.match(sized.body, new RegExp(`<svg [^>]*width="${width}"`), size);
        assert.notEqual(sized.headers.etag, svg.headers.etag, 'each size has its own ETag');
      }
      assert.equal((await t.app.inject(`/v1/labels/${issued.id}.svg?size=huge`)).statusCode, 400);
      assert.equal(
        (
          await t.app.inject({
            url: `/v1/labels/${issued.id}.svg`,
            headers: { 'if-none-match': svg.headers.etag as string },
          })
        ).statusCode,
        304,
      );
      const history = (await t.app.inject(`/v1/products/${product.id}/labels`)).json();
      assert.deepEqual(
        history.labels.map((l: { id: string }) => l.id),
        [issued.id],
      );
      const sellable = (await t.app.inject('/v1/sellable?gtin=05012345678900&regime=uk-2019-option-a')).json();
      assert.equal(sellable.sellable, true);
      assert.equal(sellable.labelId, issued.id);
    });

    test('revoke: the status list, the label, the face, sellability and `iotlabel verify` all say revoked', async () => {
      const { product } = await declare('CAM-2', '05012345671000');
      const label = await issue(product.id, 'uk-2019-option-c');
      const before = await t.app.inject(`/v1/status-lists/${label.statusList.number}`);
      assert.equal(before.statusCode, 200);
      assert.equal(before.headers['content-type'], 'application/statuslist+jwt');
      assert.equal(before.headers['cache-control'], 'public, max-age=300');
      assert.equal(
        (
          await t.app.inject({
            url: `/v1/status-lists/${label.statusList.number}`,
            headers: { 'if-none-match': before.headers.etag as string },
          })
        ).statusCode,
        304,
      );
      const keys = await keysOf();
      const ok = await verifyCli(label.token, keys, before.body);
      assert.equal(ok.exit, 0, ok.out);

      assert.equal(
        (await post(`/v1/labels/${label.id}/status`, t.keys.acme, { status: 'revoked', reason: 'x' })).statusCode,
        403,
      );
      const revoked = await post(`/v1/labels/${label.id}/status`, t.keys.regulator, {
        status: 'revoked',
        reason: 'False declaration of unique passwords',
      });
      assert.equal(revoked.statusCode, 200, revoked.body);
      assert.equal(revoked.json().status.status, 'revoked');

      const list = await t.app.inject(`/v1/status-lists/${label.statusList.number}`);
      assert.notEqual(list.headers.etag, before.headers.etag);
      const { payload: listClaims } = await jwtVerify(list.body, createLocalJWKSet(keys), { typ: 'statuslist+jwt' });
      assert.equal(listClaims.sub, label.statusList.uri);
      const result = await verifyCli(label.token, keys, list.body);
      assert.equal(result.exit, 1);
      assert.match(result.out, /NOT VALID/);
      assert.match(result.out, /revoked.*\[LABEL_REVOKED\]/);

      assert.equal(
        (await t.app.inject(`/v1/labels/${label.id}`)).json().status.reason,
        'False declaration of unique passwords',
      );
      assert.match((await t.app.inject(`/v1/labels/${label.id}.svg`)).body, /REVOKED/);
      const sellable = (await t.app.inject(`/v1/sellable?product=${product.id}&regime=uk-2019-option-c`)).json();
      assert.equal(sellable.sellable, false);
      assert.ok(sellable.reasons.some((r: string) => r.includes('revoked')));
      const report = (await post('/v1/labels/verify', undefined, { token: label.token })).json();
      assert.equal(report.genuine, false);
      assert.equal(report.checks.find((c: { step: string }) => c.step === 'status').code, 'LABEL_REVOKED');

      const again = await post(`/v1/labels/${label.id}/status`, t.keys.regulator, {
        status: 'valid',
        reason: 'Appeal upheld',
      });
      assert.equal(again.statusCode, 409);
      assert.equal(again.json().code, 'CONFLICT');
    });

    test('suspend and reinstate', async () => {
      const { product } = await declare('CAM-3', '05012345671017');
      const label = await issue(product.id, 'uk-2019-option-a');
      const suspended = await post(`/v1/labels/${label.id}/status`, t.keys.regulator, {
        status: 'suspended',
        reason: 'Under investigation',
      });
      assert.equal(suspended.json().status.status, 'suspended');
      assert.match((await t.app.inject(`/v1/labels/${label.id}.svg`)).body, /SUSPENDED/);
      const list = (await t.app.inject(`/v1/status-lists/${label.statusList.number}`)).body;
      const held = await verifyCli(label.token, await keysOf(), list);
      assert.equal(held.exit, 1);
      assert.match(held.out, /\[LABEL_SUSPENDED\]/);
      const reinstated = await post(`/v1/labels/${label.id}/status`, t.keys.regulator, {
        status: 'valid',
        reason: 'Investigation closed',
      });
      assert.equal(reinstated.statusCode, 200);
      assert.deepEqual(
        reinstated.json().history.map((h: { status: string }) => h.status),
        ['suspended', 'valid'],
      );
      const report = (await post('/v1/labels/verify', undefined, { token: label.token, gtin: '5012345671017' })).json();
      assert.equal(report.genuine, true, JSON.stringify(report.checks));
    });

    test('refusals carry their codes', async () => {
      const { product } = await declare('CAM-4', '05012345671024', (d) => void delete d.supportPeriod);
      const cases: [string | undefined, unknown, number, string][] = [
        [undefined, { regime: 'uk-2019-option-a' }, 401, 'UNAUTHENTICATED'],
        [t.keys.retailer, { regime: 'uk-2019-option-a' }, 403, 'FORBIDDEN'],
        [t.keys.brightly, { regime: 'uk-2019-option-a' }, 403, 'FORBIDDEN'],
        [t.keys.acme, { regime: 'uk-psti-2023' }, 400, 'INPUT_INVALID'],
        [t.keys.acme, { regime: 'uk-2019-option-a' }, 409, 'LABEL_NOT_ISSUABLE'],
      ];
      for (const [key, body, status, code] of cases) {
        const res = await post(`/v1/products/${product.id}/labels`, key, body);
        assert.equal(res.statusCode, status, `${code}: ${res.body}`);
        assert.equal(res.json().code, code);
        assert.match(res.headers['content-type'] as string, /^application\/problem\+json/);
      }
      const refused = await post(`/v1/products/${product.id}/labels`, t.keys.acme, { regime: 'uk-2019-option-a' });
      assert.ok(refused.json().errors.length > 0, 'the reasons are listed');
      assert.equal((await t.app.inject('/v1/labels/NOSUCHLABEL')).json().code, 'NOT_FOUND');
      assert.equal((await t.app.inject('/v1/status-lists/999')).statusCode, 404);
      assert.equal(
        (await post('/v1/labels/NOSUCHLABEL/status', t.keys.regulator, { status: 'revoked', reason: 'x' })).statusCode,
        404,
      );
      const tampered = (await post('/v1/labels/verify', undefined, { token: 'a.b.c' })).json();
      assert.equal(tampered.genuine, false);
      assert.equal(tampered.checks[0].code, 'TOKEN_MALFORMED');
    });

    test('key rotation keeps old tokens verifiable; only admins rotate', async () => {
      const { product } = await declare('CAM-5', '05012345671031');
      const old = await issue(product.id, 'uk-2019-voluntary');
      assert.equal((await post('/v1/admin/label-keys/rotate', t.keys.regulator, {})).statusCode, 403);
      const rotated = await post('/v1/admin/label-keys/rotate', t.keys.admin, {});
      assert.equal(rotated.statusCode, 200, rotated.body);
      assert.deepEqual(rotated.json().retired, [old.kid]);
      const keys = await keysOf();
      assert.deepEqual(keys.keys.map((k: { status: string }) => k.status).slice(0, 2), ['active', 'retired']);
      assert.ok(!JSON.stringify(keys).includes('"d"'));
      assert.equal((await jwtVerify(old.token, createLocalJWKSet(keys), { issuer: ISSUER })).payload.sub, old.id);
      const list = (await t.app.inject(`/v1/status-lists/${old.statusList.number}`)).body;
      assert.equal(decodeProtectedHeader(list).kid, rotated.json().kid, 'lists are signed with the new key');
      const result = await verifyCli(old.token, keys, list);
      assert.equal(result.exit, 0, result.out);
      const { product: next } = await declare('CAM-6', '05012345671048');
      const fresh = await issue(next.id, 'uk-2019-voluntary');
      assert.equal(fresh.kid, rotated.json().kid);
    });

    test('statement of compliance per declaration version, HTML and PDF; missing items are named', async () => {
      const { declaration } = await declare('CAM-7', '05012345671055');
      const html = await t.app.inject(`/v1/declarations/${declaration.id}/statement.html`);
      assert.equal(html.statusCode, 200);
      assert.match(html.headers['content-type'] as string, /^text\/html/);
      assert.match(html.body, /Statement of compliance/);
      const pdf = await t.app.inject(`/v1/declarations/${declaration.id}/statement.pdf`);
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
      const { declaration: lacking } = await declare('CAM-8', '05012345671062', (d) => {
        delete (d.product as Record<string, unknown>).batch;
        delete d.signatory;
      });
      const incomplete = await t.app.inject(`/v1/declarations/${lacking.id}/statement.html`);
      assert.equal(incomplete.statusCode, 422);
      assert.equal(incomplete.json().code, 'STATEMENT_INCOMPLETE');
      const pointers = incomplete.json().errors.map((e: { pointer: string }) => e.pointer);
      assert.ok(pointers.includes('/document/product/batch'), pointers.join(', '));
      assert.ok(pointers.includes('/document/signatory/name'), pointers.join(', '));
      assert.equal((await t.app.inject('/v1/declarations/dcl_missing/statement.pdf')).statusCode, 404);
    });

    test('a label rendered after its support end date says so', async () => {
      const { product } = await declare('CAM-9', '05012345671079');
      const label = await issue(product.id, 'uk-2019-option-a');
      const later = createServices({ store: t.services.store, clock: () => new Date('2031-06-01T00:00:00Z') });
      const { body } = await later.labels.labelSvg(label.id);
      assert.match(body, /Security updates ended on/);
      assert.match(body, /The support period has ended/);
    });
  });
}
