import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../registry/index.js';
import { problem } from '../problem.js';
import { API_SECURITY_HEADERS } from '../security-headers.js';
import { gtinString, ref, responses } from '../schemas.js';

interface SellableQuerystring {
  gtin?: string;
  product?: string;
  label?: string;
  brand?: string;
  model?: string;
  regime?: string;
  market?: string;
  at?: string;
}

export function sellableRoutes(app: FastifyInstance, services: Services): void {
  app.get<{ Querystring: SellableQuerystring }>(
    '/v1/sellable',
    {
      config: { access: 'public' },
      // The API's security headers (not helmet's, which are for pages), on answers and errors alike.
      onRequest: (_request, reply, done) => {
        void reply.headers(API_SECURITY_HEADERS);
        done();
      },
      schema: {
        tags: ['sellability'],
        summary: 'May this product be sold under this regime, or in this market, on this day?',
        description:
          'Give exactly one of `gtin`, `product`, `label` (a label id), or `brand` with `model`, and exactly one of `regime` or `market`. ' +
          'With `market` (UK, EU, AU, ...) the product is sellable iff every law binding a sale there on the day allows it; each law is named. ' +
          '`at` defaults to today (UTC). ' +
          'Answers carry an ETag: send it back in If-None-Match to get 304 while nothing has changed.',
        querystring: {
          type: 'object',
          properties: {
            gtin: gtinString,
            product: { type: 'string', minLength: 1, maxLength: 64, description: 'Product id' },
            label: {
              type: 'string',
              minLength: 1,
              maxLength: 64,
              description: 'Label id (as on the label, or its QR code)',
            },
            brand: { type: 'string', minLength: 1, maxLength: 200 },
            model: { type: 'string', minLength: 1, maxLength: 200 },
            regime: { type: 'string', minLength: 1, maxLength: 64, examples: ['uk-psti-2023'] },
            market: { type: 'string', minLength: 2, maxLength: 3, examples: ['AU'], description: 'A market code' },
            at: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' },
          },
          oneOf: [{ required: ['regime'] }, { required: ['market'] }],
          additionalProperties: false,
        },
        response: responses(
          {
            200: { anyOf: [ref('Sellable'), ref('MarketSellable')] },
            304: { type: 'null', description: 'Not modified (If-None-Match)' },
          },
          [404, 409],
        ),
      },
    },
    // Not an async function: a kept answer is sent at once, with no promise; only a computed one awaits.
    (request, reply) => {
      const q = request.query;
      const by = { gtin: q.gtin, productId: q.product, labelId: q.label, brand: q.brand, model: q.model, at: q.at };
      // What the read model holds (a kept answer, or an unknown GTIN from its index) is answered at once; the
      // unknown GTIN with the same problem document, no error thrown.
      const peeked = q.market === undefined ? services.sellability.peek({ ...by, regime: q.regime! }) : null;
      if (peeked !== null && 'unknown' in peeked)
        return reply
          .code(404)
          .type('application/problem+json')
          .send(JSON.stringify({ ...problem('NOT_FOUND', peeked.unknown), instance: request.url }));
      if (peeked !== null) return sendAnswer(request, reply, peeked.kept);
      const computed =
        q.market !== undefined
          ? services.markets.sellableInMarket({ ...by, market: q.market })
          : services.sellability.checkSellable({ ...by, regime: q.regime! });
      return computed.then((result) => sendAnswer(request, reply, result));
    },
  );
}

/** Public and hot: answers are kept in the registry, carry an ETag and may be cached by clients briefly. */
function sendAnswer(
  request: FastifyRequest,
  reply: FastifyReply,
  result: { answer: object; etag: string; bytes?: Buffer },
): FastifyReply {
  const { etag } = result;
  void reply.headers({ etag, 'cache-control': 'public, max-age=60' });
  if (request.headers['if-none-match'] === etag) return reply.code(304).send();
  // A kept answer goes as the read model's bytes, its JSON text: the same bytes this route's response schema
  // makes of it (test/http/sellable-kept-bytes.test.ts holds the two together for every kind of answer).
  // (Serialising each product's answer once here, as before, cost each product's first look-up a parse and a
  // serialisation, and held one more entry per kept answer.)
  if (result.bytes !== undefined) return reply.type('application/json; charset=utf-8').send(result.bytes);
  return reply.send(result.answer);
}
