import type { FastifyInstance } from 'fastify';
import type { Services } from '../../registry/index.js';
import { pageQuery, ref, responses } from '../schemas.js';

const after = { type: 'integer', minimum: 0, default: 0 };

/** The append-only event outbox and audit trail, for regulators and admins. */
export function journalRoutes(app: FastifyInstance, services: Services): void {
  app.get<{ Querystring: { after: number; limit: number } }>(
    '/v1/events',
    {
      config: { access: ['regulator', 'admin'] },
      schema: {
        tags: ['audit'],
        summary: 'Changes in commit order (page with `after` = last seq seen)',
        querystring: { type: 'object', properties: { after, ...pageQuery }, additionalProperties: false },
        response: responses(
          { 200: { type: 'object', properties: { events: { type: 'array', items: ref('Event') } } } },
          [401, 403],
        ),
      },
    },
    async (request) => ({ events: await services.journal.events(request.query.after, request.query.limit) }),
  );

  app.get<{ Querystring: { after: number; limit: number } }>(
    '/v1/audit',
    {
      config: { access: ['regulator', 'admin'] },
      schema: {
        tags: ['audit'],
        summary: 'Who did what, oldest first (page with `after` = last id seen)',
        querystring: { type: 'object', properties: { after, ...pageQuery }, additionalProperties: false },
        response: responses(
          { 200: { type: 'object', properties: { entries: { type: 'array', items: ref('AuditEntry') } } } },
          [401, 403],
        ),
      },
    },
    async (request) => ({ entries: await services.journal.audit(request.query.after, request.query.limit) }),
  );
}
