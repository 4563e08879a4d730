// A retailer's webhooks: notices POSTed to its URL, signed with HMAC-SHA256 (docs/retail.md).
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../registry/index.js';
import { actorOf } from '../access.js';
import { writeLimit, type HttpOptions } from '../options.js';
import { idParam, responses } from '../schemas.js';

const RETAILER = ['retailer'] as const;
const webhook = {
  type: 'object',
  properties: { id: { type: 'string' }, url: { type: 'string' }, createdAt: { type: 'string' } },
  required: ['id', 'url', 'createdAt'],
};
const nullableString = { anyOf: [{ type: 'string' }, { type: 'null' }] };
const delivery = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    noticeId: { type: 'string', description: 'Also the Iotlabel-Event-Id header' },
    type: { type: 'string' },
    status: { type: 'string', enum: ['pending', 'delivered', 'cancelled'] },
    attempts: { type: 'integer' },
    nextAttemptAt: nullableString,
    deliveredAt: nullableString,
    log: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          at: { type: 'string' },
          statusCode: { anyOf: [{ type: 'integer' }, { type: 'null' }] },
          error: nullableString,
          ms: { type: 'integer' },
        },
      },
    },
  },
  required: ['id', 'noticeId', 'type', 'status', 'attempts', 'nextAttemptAt', 'deliveredAt', 'log'],
};

export function webhookRoutes(app: FastifyInstance, services: Services, options: HttpOptions): void {
  const hooks = services.retail.webhooks;
  app.post<{ Body: { url: string; secret?: string } }>(
    '/v1/webhooks',
    {
      config: { access: RETAILER, rateLimit: writeLimit(options) },
      schema: {
        tags: ['retail'],
        summary: 'Register a webhook (https to a public address); the answer shows the signing secret once',
        body: {
          type: 'object',
          properties: {
            url: { type: 'string', minLength: 1, maxLength: 2000 },
            secret: { type: 'string', minLength: 16, maxLength: 200 },
          },
          required: ['url'],
          additionalProperties: false,
        },
        response: responses(
          {
            201: {
              type: 'object',
              properties: {
                ...webhook.properties,
                secret: { type: 'string', description: 'Shown once; the registry keeps it sealed' },
              },
              required: [...webhook.required, 'secret'],
            },
          },
          [401, 403],
        ),
      },
    },
    async (request, reply) => reply.code(201).send(await hooks.create(actorOf(request), request.body)),
  );

  app.get(
    '/v1/webhooks',
    {
      config: { access: RETAILER },
      schema: {
        tags: ['retail'],
        summary: 'Your webhooks',
        response: responses(
          { 200: { type: 'object', properties: { webhooks: { type: 'array', items: webhook } } } },
          [401, 403],
        ),
      },
    },
    async (request) => ({ webhooks: await hooks.list(actorOf(request)) }),
  );

  app.delete<{ Params: { webhookId: string } }>(
    '/v1/webhooks/:webhookId',
    {
      config: { access: RETAILER, rateLimit: writeLimit(options) },
      schema: {
        tags: ['retail'],
        summary: 'Delete a webhook; what it had still to deliver is cancelled',
        params: idParam('webhookId'),
        response: responses({ 204: { type: 'null' } }, [401, 403, 404]),
      },
    },
    async (request, reply) => {
      await hooks.remove(actorOf(request), request.params.webhookId);
      return reply.code(204).send();
    },
  );

  app.get<{ Params: { webhookId: string }; Querystring: { limit: number } }>(
    '/v1/webhooks/:webhookId/deliveries',
    {
      config: { access: RETAILER },
      schema: {
        tags: ['retail'],
        summary: "The webhook's deliveries, newest first, with every attempt",
        params: idParam('webhookId'),
        querystring: {
          type: 'object',
          properties: { limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 } },
          additionalProperties: false,
        },
        response: responses(
          { 200: { type: 'object', properties: { deliveries: { type: 'array', items: delivery } } } },
          [401, 403, 404],
        ),
      },
    },
    async (request) => ({
      deliveries: await hooks.deliveries(actorOf(request), request.params.webhookId, request.query.limit),
    }),
  );
}
