// The search page's in-memory index gives the store's matches, in the store's order, for words, GTINs,
// hostile and odd input, and follows writes (a new product, a withdrawn one) before it answers again; the
// page it feeds escapes what it shows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { systemActor } from '../../src/registry/index.js';
import { searchIndexFor } from '../../src/web/search-index.js';
import { declarationFor } from '../support/registry.js';
import { withCheckDigit } from '../support/gtin.js';
import { HOSTILE, openWebFixture, type WebFixture } from './support.js';

let f: WebFixture;
before(async () => {
  f = await openWebFixture();
});
after(async () => {
  await f.close();
});

const operator = systemActor('test');
const QUERIES = [
  'acme',
  'ACME',
  'cam',
  'cam-200',
  'Acme CAM-200',
  'acme cam nothing',
  '<script>',
  HOSTILE,
  'alert(1)',
  '05012345678900',
  '050123456789',
  'zzzz-not-there',
  '100%',
  'a_b',
  "o'brien",
  'x'.repeat(200),
  'cam cam cam cam cam cam cam cam cam-200',
];

/** The index's answer, once it has one (it loads on the first query and waits out a product being re-read). */
async function indexed(q: string): Promise<string[] | null> {
  const index = searchIndexFor(f.services);
  for (let i = 0; i < 100; i++) {
    const ids = index.search(q, 50);
    if (ids !== null || !index.ready()) await index.load();
    if (ids !== null) return ids;
    await sleep(10);
  }
  return null;
}

async function assertSameAsStore(because: string): Promise<void> {
  for (const q of QUERIES) {
    const store = (await f.services.products.findProducts({ q, limit: 50 })).map((p) => p.id);
    assert.deepEqual(await indexed(q), store, `${because}: "${q.slice(0, 40)}"`);
  }
}

test('the index gives the store search results, in its order, for words, barcode numbers and hostile text', async () => {
  await assertSameAsStore('as seeded');
  assert.deepEqual(await indexed('acme'), [f.acme.productId]);
  assert.deepEqual(await indexed('alert(1)'), [f.acme.hostileProductId]);
  // Words shorter than three characters are left to the store.
  assert.equal(searchIndexFor(f.services).search('ca', 50), null);
  assert.equal(searchIndexFor(f.services).search('acme x', 50), null);
});

test('the index follows writes: a new product is found and a withdrawn one is not', async () => {
  const gtin = withCheckDigit('501234577770');
  const { product } = await f.services.declarations.submitForModel(
    operator,
    declarationFor({ brand: 'Zephyr', model: 'ZX-9', gtins: [gtin] }, '2031-01-31'),
    { organisationId: f.acme.orgId },
  );
  assert.deepEqual(await indexed('zephyr zx-9'), [product.id]);
  assert.deepEqual(await indexed(gtin), [product.id]);
  await assertSameAsStore('after a new product');
  await f.services.products.withdrawProduct(operator, product.id, 'Recalled');
  assert.deepEqual(await indexed('zephyr'), []);
  await assertSameAsStore('after a withdrawal');
});

test('the search page from the index: hostile queries are escaped, long ones cut, results the store would give', async () => {
  await indexed('acme');
  const hostile = await f.app.inject(`/search?q=${encodeURIComponent(HOSTILE)}`);
  assert.equal(hostile.statusCode, 200);
  assert.ok(!hostile.body.includes(HOSTILE), 'the query and the hostile product are shown as text');
  assert.match(hostile.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  const long = await f.app.inject(`/search?q=${'acme'.repeat(500)}`);
  assert.equal(long.statusCode, 200);
  assert.match(long.body, /data-qa="no-results"/);
  const page = await f.app.inject('/search?q=acme');
  const shown = [...page.body.matchAll(/href="\/products\/([^"]+)"/g)].map((m) => m[1]);
  const store = (await f.services.products.findProducts({ q: 'acme', limit: 50 })).map((p) => p.id);
  assert.deepEqual(shown, store);
  assert.match(page.body, /<title>Search results – iotlabel<\/title>/);
});
