import type { FastifyInstance } from 'fastify';
import type { NewProduct, Services } from '../../registry/index.js';
import { actorOf } from '../access.js';
import { gtinString, idParam, pageQuery, ref, responses } from '../schemas.js';
import { writeLimit, type HttpOptions } from '../options.js';

interface ProductQuery {
  q?: string;
  brand?: string;
  model?: string;
  gtin?: string;
  manufacturer?: string;
  includeWithdrawn?: boolean;
  limit: number;
  after?: string;
}

export function productRoutes(app: FastifyInstance, services: Services, options: HttpOptions): void {
  app.post<{ Body: NewProduct }>(
    '/v1/products',
    {
      config: { access: ['manufacturer'], rateLimit: writeLimit(options) },
      schema: {
        tags: ['products'],
        summary: 'Register a product of the calling manufacturer',
        body: {
          type: 'object',
          properties: {
            brand: { type: 'string', minLength: 1, maxLength: 200 },
            model: { type: 'string', minLength: 1, maxLength: 200 },
            name: { type: 'string', minLength: 1, maxLength: 200 },
            category: { type: 'string', enum: [...services.engine.productCategories] },
            gtins: { type: 'array', maxItems: 100, items: gtinString },
          },
          required: ['brand', 'model', 'name', 'category'],
          additionalProperties: false,
        },
        response: responses({ 201: ref('Product') }, [401, 403, 409]),
      },
    },
    async (request, reply) =>
      reply.code(201).send(await services.products.createProduct(actorOf(request), request.body)),
  );

  app.get<{ Querystring: ProductQuery }>(
    '/v1/products',
    {
      config: { access: 'public' },
      schema: {
        tags: ['products'],
        summary: 'Find products by free text, brand and model, GTIN or manufacturer',
        querystring: {
          type: 'object',
          properties: {
            q: {
              type: 'string',
              minLength: 1,
              maxLength: 200,
              description: 'Words matched against brand, model and name; or a GTIN',
            },
            brand: { type: 'string', minLength: 1, maxLength: 200 },
            model: { type: 'string', minLength: 1, maxLength: 200 },
            gtin: gtinString,
            manufacturer: { type: 'string', maxLength: 64, description: 'Organisation id' },
            includeWithdrawn: { type: 'boolean', default: false },
            ...pageQuery,
            after: { type: 'string', maxLength: 64, description: 'Last product id of the previous page' },
          },
          additionalProperties: false,
        },
        response: responses(
          { 200: { type: 'object', properties: { products: { type: 'array', items: ref('Product') } } } },
          [],
        ),
      },
    },
    async (request) => {
      const q = request.query;
      return {
        products: await services.products.findProducts({
          q: q.q,
          brand: q.brand,
          model: q.model,
          gtin: q.gtin,
          organisationId: q.manufacturer,
          includeWithdrawn: q.includeWithdrawn,
          limit: q.limit,
          after: q.after,
        }),
      };
    },
  );

  app.get<{ Params: { productId: string } }>(
    '/v1/products/:productId',
    {
      config: { access: 'public' },
      schema: {
        tags: ['products'],
        summary: 'One product',
        params: idParam('productId'),
        response: responses({ 200: ref('Product') }, [404]),
      },
    },
    async (request) => services.products.getProduct(request.params.productId),
  );

  app.get<{ Params: { gtin: string } }>(
    '/v1/gtins/:gtin',
    {
      config: { access: 'public' },
      schema: {
        tags: ['products'],
        summary: 'The product a GTIN belongs to',
        params: { type: 'object', properties: { gtin: gtinString }, required: ['gtin'] },
        response: responses({ 200: ref('Product') }, [404]),
      },
    },
    async (request) => services.products.getProductByGtin(request.params.gtin),
  );

  app.post<{ Params: { productId: string }; Body: { reason: string } }>(
    '/v1/products/:productId/withdraw',
    {
      config: { access: ['manufacturer'], rateLimit: writeLimit(options) },
      schema: {
        tags: ['products'],
        summary: 'Withdraw a product from the market (final)',
        params: idParam('productId'),
        body: {
          type: 'object',
          properties: { reason: { type: 'string', minLength: 1, maxLength: 1000 } },
          required: ['reason'],
          additionalProperties: false,
        },
        response: responses({ 200: ref('Product') }, [401, 403, 404, 409]),
      },
    },
    async (request) =>
      services.products.withdrawProduct(actorOf(request), request.params.productId, request.body.reason),
  );
}
