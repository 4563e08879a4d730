import type { FastifyInstance } from 'fastify';
import type { Services } from '../../registry/index.js';
import { responses } from '../schemas.js';

const status = { type: 'object', properties: { status: { type: 'string' } }, required: ['status'] };

/** /healthz: the process answers. /readyz: and its database answers too (503 otherwise). */
export function healthRoutes(app: FastifyInstance, services: Services): void {
  app.get(
    '/healthz',
    { schema: { tags: ['operations'], summary: 'Liveness', response: { 200: status } } },
    async () => ({ status: 'ok' }),
  );
  app.get(
    '/readyz',
    {
      schema: {
        tags: ['operations'],
        summary: 'Readiness: the database answers',
        response: responses({ 200: status }, [503]),
      },
    },
    async () => {
      await services.ready();
      return { status: 'ready' };
    },
  );
}
