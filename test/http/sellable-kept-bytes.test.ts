// A kept sale answer is sent with the very bytes and ETag of the answer worked out on the miss, for every
// example declaration and the retail fixture's labelled, withdrawn and undeclared products, under every
// regime, on market dates; the read model keeps it as the bytes of its JSON text, and those are what the API sends.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import { SCHEMAS, ref } from '../../src/http/schemas.js';
import { MARKET_SCHEMAS } from '../../src/http/routes/markets.js';
import { openTestApp, type TestApp } from '../support/http.js';
import { example, manufacturer } from '../support/registry.js';
import { withCheckDigit } from '../support/gtin.js';
import { seedRetail, UNDECLARED_GTIN, WITHDRAWN_GTIN } from '../registry/retail/fixture.js';

const examples = readdirSync(new URL('../../examples/declarations/', import.meta.url))
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -'.json'.length));
const gtinOf = (i: number) => withCheckDigit(`5098000${String(i).padStart(5, '0')}`);

/** An app whose one route sends what it is given through GET /v1/sellable's response schema. */
async function schemaOfSellable(): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  for (const schema of [...SCHEMAS, ...MARKET_SCHEMAS]) app.addSchema(schema);
  const response = { 200: { anyOf: [ref('Sellable'), ref('MarketSellable')] } };
  app.post('/', { schema: { response } }, async (request) => request.body);
  await app.ready();
  return app;
}

describe('kept sale answers', () => {
  let t: TestApp;
  let gtins: string[];
  let schema: FastifyInstance;
  before(async () => {
    t = await openTestApp();
    schema = await schemaOfSellable();
    await seedRetail(t.services);
    const maker = await manufacturer(t.services, 'Kept Bytes Maker');
    for (const [i, name] of examples.entries()) {
      const doc = example(name);
      doc.product = { ...doc.product, model: `KEPT-${i}`, gtins: [gtinOf(i)] };
      await t.services.declarations.submitForModel(maker.actor, doc);
    }
    gtins = [
      ...examples.map((_, i) => gtinOf(i)),
      '05012345678900',
      '12345678901231',
      '01234567890128',
      WITHDRAWN_GTIN,
      UNDECLARED_GTIN,
    ];
  });
  after(async () => {
    await t.close();
    await schema.close();
  });

  test('the kept answer is byte for byte the one worked out on the miss, ETag included', async () => {
    const regimes = t.services.engine.listRegimes().map((r) => r.id);
    let compared = 0;
    for (const at of ['2026-03-04', '2026-12-03', '2027-12-11', '2031-01-01']) {
      for (const regime of regimes) {
        for (const gtin of gtins) {
          const url = `/v1/sellable?gtin=${gtin}&regime=${regime}&at=${at}`;
          const miss = await t.app.inject(url);
          assert.equal(miss.statusCode, 200, `${url}: ${miss.body}`);
          const hits = [await t.app.inject(url), await t.app.inject(url)];
          for (const hit of hits) {
            assert.equal(hit.body, miss.body, url);
            assert.equal(hit.headers.etag, miss.headers.etag, url);
            assert.equal(hit.headers['content-type'], miss.headers['content-type']);
          }
          // What pages and market answers read back from the kept text is the answer as sent.
          const kept = await t.services.sellability.checkSellable({ gtin, regime, at });
          assert.deepEqual(kept.answer, miss.json());
          // The kept bytes are the body itself (one copy, not the bytes and a serialisation of them)...
          assert.deepEqual(kept.bytes, miss.rawPayload, url);
          // ...and byte for byte what the route's response schema makes of the answer: the route sends them
          // without serialising, so a field the schema lacks would otherwise reach clients.
          const serialised = await schema.inject({ method: 'POST', url: '/', payload: kept.answer });
          assert.equal(serialised.body, kept.bytes!.toString('utf8'), `${url}: the schema would send other bytes`);
          compared++;
        }
      }
    }
    assert.equal(compared, 4 * regimes.length * gtins.length);
  });

  test('a page reading a kept answer gets its own copy: changing it changes nothing kept', async () => {
    const q = { gtin: '05012345678900', regime: 'uk-psti-2023', at: '2026-12-03' };
    const first = await t.services.sellability.checkSellable(q);
    const answer = first.answer;
    answer.sellable = !answer.sellable;
    answer.reasons.push('changed by a reader');
    const again = await t.services.sellability.checkSellable(q);
    assert.notEqual(again.answer.sellable, answer.sellable);
    assert.ok(!again.answer.reasons.includes('changed by a reader'));
    const sent = await t.app.inject(`/v1/sellable?gtin=${q.gtin}&regime=${q.regime}&at=${q.at}`);
    assert.ok(!sent.body.includes('changed by a reader'));
    assert.equal(sent.headers.etag, first.etag);
  });
});
