import type { FastifyInstance } from 'fastify';
import type { Services } from '../../registry/index.js';
import { actorOf } from '../access.js';
import { idParam, ref, responses } from '../schemas.js';
import { writeLimit, type HttpOptions } from '../options.js';

const document = {
  type: 'object',
  additionalProperties: true,
  description: 'An iotlabel.declaration/v1 document (schema: GET /v1/schemas/declaration)',
};
const draftQuery = {
  type: 'object',
  properties: {
    draft: { type: 'boolean', default: false, description: 'Store as a draft (private, no version number)' },
  },
  additionalProperties: false,
};

export function declarationRoutes(app: FastifyInstance, services: Services, options: HttpOptions): void {
  app.post<{ Querystring: { draft: boolean }; Body: unknown }>(
    '/v1/declarations',
    {
      config: { access: ['manufacturer'], rateLimit: writeLimit(options) },
      schema: {
        tags: ['declarations'],
        summary:
          "Submit a declaration for the caller's product with its brand and model, registering the product if new",
        querystring: draftQuery,
        body: document,
        response: responses(
          {
            201: {
              type: 'object',
              properties: {
                productCreated: { type: 'boolean' },
                product: ref('Product'),
                declaration: ref('Declaration'),
              },
            },
          },
          [401, 403, 409, 422],
        ),
      },
    },
    // The answer is sent as the text the use case put together from the stored texts (the schema above still
    // documents it): serialising its 36 KB of results again was a tenth of a submission's CPU.
    async (request, reply) =>
      reply
        .code(201)
        .type('application/json; charset=utf-8')
        .send(
          await services.declarations.submitForModelText(actorOf(request), request.body, {
            draft: request.query.draft,
          }),
        ),
  );

  app.post<{ Params: { productId: string }; Querystring: { draft: boolean }; Body: unknown }>(
    '/v1/products/:productId/declarations',
    {
      config: { access: ['manufacturer'], rateLimit: writeLimit(options) },
      schema: {
        tags: ['declarations'],
        summary: 'Submit a declaration (or a new version of it) for a product',
        description:
          'Each submission is a new immutable version, assessed against every regime on arrival. The support end date may move later, never earlier (409 SUPPORT_PERIOD_SHORTENED).',
        params: idParam('productId'),
        querystring: draftQuery,
        body: document,
        response: responses({ 201: ref('Declaration') }, [401, 403, 404, 409, 422]),
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .type('application/json; charset=utf-8')
        .send(
          await services.declarations.submitDeclarationText(actorOf(request), request.params.productId, request.body, {
            draft: request.query.draft,
          }),
        ),
  );

  app.get<{ Params: { productId: string } }>(
    '/v1/products/:productId/declarations',
    {
      config: { access: 'public' },
      schema: {
        tags: ['declarations'],
        summary: "The product's declarations, newest first (drafts only for their owner and regulators)",
        params: idParam('productId'),
        response: responses(
          { 200: { type: 'object', properties: { declarations: { type: 'array', items: ref('Declaration') } } } },
          [401, 404],
        ),
      },
    },
    async (request) => ({
      declarations: await services.declarations.listDeclarations(request.actor, request.params.productId),
    }),
  );

  app.get<{ Params: { declarationId: string } }>(
    '/v1/declarations/:declarationId',
    {
      config: { access: 'public' },
      schema: {
        tags: ['declarations'],
        summary: 'One declaration with its assessments',
        params: idParam('declarationId'),
        response: responses({ 200: ref('Declaration') }, [401, 404]),
      },
    },
    async (request) => services.declarations.getDeclaration(request.actor, request.params.declarationId),
  );

  app.post<{ Params: { declarationId: string } }>(
    '/v1/declarations/:declarationId/submit',
    {
      config: { access: ['manufacturer'], rateLimit: writeLimit(options) },
      schema: {
        tags: ['declarations'],
        summary: 'Submit a draft as the next version',
        params: idParam('declarationId'),
        response: responses({ 201: ref('Declaration') }, [401, 403, 404, 409, 422]),
      },
    },
    async (request, reply) =>
      reply.code(201).send(await services.declarations.submitDraft(actorOf(request), request.params.declarationId)),
  );
}
