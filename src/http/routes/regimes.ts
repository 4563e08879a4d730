import type { FastifyInstance } from 'fastify';
import type { Services } from '../../registry/index.js';
import { media, responses } from '../schemas.js';

const regime = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    title: { type: 'string' },
    kind: { type: 'string' },
    labelling: { type: 'boolean' },
    salesRestriction: { type: 'boolean' },
    territory: { anyOf: [{ type: 'string' }, { type: 'null' }], description: 'The market, e.g. UK, EU, AU' },
    nature: { type: 'string', enum: ['law', 'voluntary', 'proposal', 'standard'] },
    effectiveFrom: { anyOf: [{ type: 'string' }, { type: 'null' }] },
    until: { anyOf: [{ type: 'string' }, { type: 'null' }] },
    versions: {
      type: 'array',
      items: { type: 'object', properties: { id: { type: 'string' }, from: { type: 'string' } } },
    },
  },
  required: ['id', 'title', 'kind', 'labelling', 'salesRestriction'],
};

export function regimeRoutes(app: FastifyInstance, services: Services): void {
  app.get(
    '/v1/regimes',
    {
      config: { access: 'public' },
      schema: {
        tags: ['rulebooks'],
        summary: 'The regimes (rulebooks) declarations are assessed against',
        response: responses({ 200: { type: 'object', properties: { regimes: { type: 'array', items: regime } } } }, []),
      },
    },
    async () => ({ regimes: services.engine.listRegimes() }),
  );

  app.get(
    '/v1/schemas/declaration',
    {
      config: { access: 'public' },
      schema: {
        tags: ['rulebooks'],
        summary: 'JSON Schema of the iotlabel.declaration/v1 document',
        response: responses(
          {
            200: media('application/schema+json', 'A JSON Schema (2020-12)', {
              type: 'object',
              additionalProperties: true,
            }),
          },
          [],
        ),
      },
    },
    async (_request, reply) => reply.type('application/schema+json').send(services.engine.declarationJsonSchema),
  );
}
