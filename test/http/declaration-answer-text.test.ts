// A submission answers with JSON text put together from the texts the registry stores (the canonical document
// and each assessment result), not with its view serialised by the response schema. The two must not drift:
// for every example declaration, the answer equals what the schema would send (no field it lacks, none it
// drops) and what reading the declaration back answers.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import Fastify from 'fastify';
import { SCHEMAS, ref } from '../../src/http/schemas.js';
import { bearer, openTestApp, type TestApp } from '../support/http.js';
import { example } from '../support/registry.js';
import { withCheckDigit } from '../support/gtin.js';

/** Each example as its own product: its own model and GTIN, so none refuses another's. */
function examples(): { name: string; document: Record<string, unknown> }[] {
  return readdirSync(new URL('../../examples/declarations/', import.meta.url))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file, i) => {
      const name = file.slice(0, -'.json'.length);
      const document = example(name) as unknown as Record<string, unknown>;
      const product = document.product as Record<string, unknown>;
      const gtins = [withCheckDigit(`50600000${String(i).padStart(4, '0')}`)];
      return { name, document: { ...document, product: { ...product, model: `TEXT-${i}`, gtins } } };
    });
}

/** What the response schema itself would send for `value`. */
async function throughSchema(schema: object, value: unknown): Promise<unknown> {
  const app = Fastify({ logger: false });
  for (const s of SCHEMAS) app.addSchema(s);
  app.get('/', { schema: { response: { 200: schema } } }, async () => value);
  try {
    return (await app.inject('/')).json();
  } finally {
    await app.close();
  }
}

describe('the answer to a submission, sent as stored text', () => {
  let t: TestApp;
  before(async () => {
    t = await openTestApp();
  });
  after(async () => {
    await t.close();
  });

  test('every example: the schema would send the same, and reading it back answers the same', async () => {
    let submitted = 0;
    for (const { name, document } of examples()) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/v1/declarations',
        headers: bearer(t.keys.acme),
        payload: document,
      });
      if (res.statusCode === 422) continue; // an example of a declaration the registry refuses
      assert.equal(res.statusCode, 201, `${name}: ${res.body}`);
      assert.match(res.headers['content-type'] as string, /^application\/json; charset=utf-8$/);
      submitted++;
      const answer = res.json() as {
        productCreated: boolean;
        product: { id: string };
        declaration: { id: string; assessments: unknown[] };
      };
      assert.equal(answer.productCreated, true, name);
      const schema = {
        type: 'object',
        properties: { productCreated: { type: 'boolean' }, product: ref('Product'), declaration: ref('Declaration') },
      };
      assert.deepEqual(await throughSchema(schema, answer), answer, `${name}: a field the schema lacks or changes`);
      const again = await t.app.inject(`/v1/declarations/${answer.declaration.id}`);
      // The same assessments in the same order: reading back lists them as the submission did (the rulebook's).
      assert.deepEqual(again.json(), answer.declaration, `${name}: read back, it differs`);
      assert.equal(answer.declaration.assessments.length, t.services.engine.listRegimes().length, name);
      const product = (await t.app.inject(`/v1/products/${answer.product.id}`)).json() as Record<string, unknown>;
      delete product.log; // a product read alone also names its log entry
      assert.deepEqual(product, answer.product, `${name}: the product read back differs`);
    }
    assert.ok(submitted >= 8, `only ${submitted} examples were accepted`);
  });

  test('a new version through the product route answers as reading it back does', async () => {
    const [first] = examples();
    const document = {
      ...first!.document,
      product: { ...(first!.document.product as object), model: 'TEXT-V2', gtins: [withCheckDigit('506000009999')] },
    };
    const created = await t.app.inject({
      method: 'POST',
      url: '/v1/declarations',
      headers: bearer(t.keys.acme),
      payload: document,
    });
    assert.equal(created.statusCode, 201, created.body);
    const productId = (created.json() as { product: { id: string } }).product.id;
    for (const draft of [false, true]) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/v1/products/${productId}/declarations${draft ? '?draft=true' : ''}`,
        headers: bearer(t.keys.acme),
        payload: document,
      });
      assert.equal(res.statusCode, 201, res.body);
      const answer = res.json() as { assessments: unknown[] } & { id: string; version: number | null; status: string };
      assert.deepEqual([answer.version, answer.status], draft ? [null, 'draft'] : [2, 'submitted']);
      assert.deepEqual(await throughSchema(ref('Declaration'), answer), answer);
      const again = await t.app.inject({ url: `/v1/declarations/${answer.id}`, headers: bearer(t.keys.acme) });
      assert.deepEqual(again.json(), answer);
    }
  });
});
