// POST /v1/declarations/bulk on both databases: one result line per document in input order, bad documents
// reported by line with nothing of them written, the same access as single submission, and a rate limit
// counted in documents.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS } from '../support/dialects.js';
import { bearer, openTestApp, type TestApp } from '../support/http.js';
import { declarationFor } from '../support/registry.js';
import { withCheckDigit } from '../support/gtin.js';

const lines = (body: string) =>
  body
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as Record<string, any>); // eslint-disable-line @typescript-eslint/no-explicit-any

const ndjson = (...docs: (object | string)[]) =>
  docs.map((d) => (typeof d === 'string' ? d : JSON.stringify(d))).join('\n') + '\n';

for (const dialect of DIALECTS) {
  describe(`bulk declarations on ${dialect}`, () => {
    let t: TestApp;
    const bulk = (body: string, key: string | undefined, query = '') =>
      t.app.inject({
        method: 'POST',
        url: `/v1/declarations/bulk${query}`,
        headers: { ...bearer(key), 'content-type': 'application/x-ndjson' },
        payload: body,
      });
    const productsNamed = async (model: string) => {
      const res = await t.app.inject(`/v1/products?brand=Bulk&model=${encodeURIComponent(model)}`);
      assert.equal(res.statusCode, 200, res.body);
      return (res.json() as { products: { id: string }[] }).products;
    };

    before(async () => {
      t = await openTestApp({ bulk: { documentsPerMinute: 11, maxBytes: 2 * 1024 * 1024 } }, dialect);
    });
    after(() => t.close());

    test('one result line per document, in input order; bad ones by line, with nothing of them written', async () => {
      const taken = withCheckDigit('502000000001');
      const other = await t.app.inject({
        method: 'POST',
        url: '/v1/declarations',
        headers: bearer(t.keys.brightly),
        payload: declarationFor({ brand: 'Brightly', model: 'B-1', gtins: [taken] }),
      });
      assert.equal(other.statusCode, 201, other.body);
      const shorter = declarationFor({ brand: 'Bulk', model: 'M-1', gtins: [] }, '2027-01-01');
      const invalid = declarationFor({ brand: 'Bulk', model: 'M-bad', gtins: [] });
      invalid.passwords = { usesPasswords: 'perhaps' };
      const body = ndjson(
        declarationFor({ brand: 'Bulk', model: 'M-1', gtins: [withCheckDigit('502000000002')] }, '2030-12-31'),
        '{"schemaVersion": ',
        '',
        invalid,
        declarationFor({ brand: 'Bulk', model: 'M-taken', gtins: [taken] }),
        declarationFor({ brand: 'Bulk', model: 'M-1', gtins: [] }, '2031-06-30'),
        shorter,
        declarationFor({ brand: 'Bulk', model: 'M-2', gtins: [] }),
      );
      const res = await bulk(body, t.keys.acme);
      assert.equal(res.statusCode, 200, res.body);
      assert.match(res.headers['content-type'] as string, /^application\/x-ndjson/);
      const out = lines(res.body);
      assert.deepEqual(
        out.map((l) => l.line ?? 'summary'),
        [1, 2, 4, 5, 6, 7, 8, 'summary'],
      );
      const [first, unreadable, bad, gtin, second, shortened, m2, summary] = out;
      assert.equal(first!.productCreated, true);
      assert.equal(first!.version, 1);
      assert.match(first!.declarationId, /^dcl_/);
      assert.equal(unreadable!.error.code, 'INPUT_UNREADABLE');
      assert.match(unreadable!.error.detail, /line 2/);
      assert.equal(bad!.error.code, 'DECLARATION_INVALID');
      assert.ok(bad!.error.problems.some((p: { path: string }) => p.path.startsWith('/passwords')));
      assert.equal(gtin!.error.code, 'GTIN_TAKEN');
      assert.equal(second!.productId, first!.productId, 'the same model: a new version of the same product');
      assert.equal(second!.productCreated, false);
      assert.equal(second!.version, 2);
      assert.equal(shortened!.error.code, 'SUPPORT_PERIOD_SHORTENED');
      assert.equal(m2!.productCreated, true);
      assert.deepEqual(summary!.summary, { documents: 7, submitted: 3, failed: 4 });

      // Nothing half-written: the refused documents left no product, declaration or version behind.
      assert.deepEqual(await productsNamed('M-taken'), []);
      assert.deepEqual(await productsNamed('M-bad'), []);
      const versions = await t.app.inject(`/v1/products/${first!.productId}/declarations`);
      assert.deepEqual(
        (versions.json() as { declarations: { version: number }[] }).declarations.map((d) => d.version),
        [2, 1],
      );
    });

    test('drafts, like ?draft=true on a single submission', async () => {
      const res = await bulk(
        ndjson(declarationFor({ brand: 'Bulk', model: 'M-draft', gtins: [] })),
        t.keys.acme,
        '?draft=true',
      );
      const [draft] = lines(res.body);
      assert.equal(draft!.version, null);
      const seen = await t.app.inject(`/v1/declarations/${draft!.declarationId}`);
      assert.equal(seen.statusCode, 404, 'a draft is private');
    });

    test('the same access as POST /v1/declarations; other media types are refused', async () => {
      const body = ndjson(declarationFor({ brand: 'Bulk', model: 'M-access', gtins: [] }));
      const got: Record<string, number> = {};
      for (const caller of ['none', 'acme', 'retailer', 'regulator', 'admin'] as const)
        got[caller] = (await bulk(body, caller === 'none' ? undefined : t.keys[caller])).statusCode;
      assert.deepEqual(got, { none: 401, acme: 200, retailer: 403, regulator: 403, admin: 403 });
      const json = await t.app.inject({
        method: 'POST',
        url: '/v1/declarations/bulk',
        headers: bearer(t.keys.acme),
        payload: { product: {} },
      });
      assert.equal(json.statusCode, 415);
      assert.equal(json.json().code, 'MEDIA_TYPE_UNSUPPORTED');
    });

    test('a line longer than a single submission may be is refused by line; the rest go ahead', async () => {
      const long = JSON.stringify({ pad: 'x'.repeat(1024 * 1024) });
      const res = await bulk(
        ndjson(long, declarationFor({ brand: 'Bulk', model: 'M-after-long', gtins: [] })),
        t.keys.brightly,
      );
      const [tooLong, ok, summary] = lines(res.body);
      assert.equal(tooLong!.line, 1);
      assert.equal(tooLong!.error.code, 'PAYLOAD_TOO_LARGE');
      assert.equal(ok!.line, 2);
      assert.equal(ok!.productCreated, true);
      assert.deepEqual(summary!.summary, { documents: 2, submitted: 1, failed: 1 });
    });

    test('a stream larger than the limit is refused before anything is read (413)', async () => {
      const line = JSON.stringify({ pad: 'x'.repeat(512 * 1024) });
      const res = await bulk(ndjson(line, line, line, line, line), t.keys.brightly);
      assert.equal(res.statusCode, 413);
      assert.equal(res.json().code, 'PAYLOAD_TOO_LARGE');
    });

    test('the rate limit counts documents per key: those over it are answered RATE_LIMITED, then 429', async () => {
      // Acme has sent 8 documents above (6, 1 draft, 1 in the access test): the limit counts each one that reached
      // submission, good or bad, but not the unreadable line.
      const docs = [1, 2, 3, 4].map((n) => declarationFor({ brand: 'Bulk', model: `M-limit-${n}`, gtins: [] }));
      const res = await bulk(ndjson(...docs), t.keys.acme);
      const out = lines(res.body);
      assert.deepEqual(
        out.map((l) => l.error?.code ?? (l.summary ? 'summary' : 'ok')),
        ['ok', 'ok', 'ok', 'RATE_LIMITED', 'summary'],
      );
      assert.deepEqual(await productsNamed('M-limit-4'), [], 'a document over the limit is not written');
      const refused = await bulk(ndjson(docs[3]!), t.keys.acme);
      assert.equal(refused.statusCode, 429);
      assert.equal(refused.json().code, 'RATE_LIMITED');
      assert.match(refused.headers['retry-after'] as string, /^\d+$/);
      const otherKey = await bulk(
        ndjson(declarationFor({ brand: 'Bulk', model: 'M-other-key', gtins: [] })),
        t.keys.brightly,
      );
      assert.equal(lines(otherKey.body)[0]!.productCreated, true, 'each key has its own budget');
    });
  });
}
