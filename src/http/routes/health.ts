import type { FastifyInstance } from 'fastify';
import type { Services } from '../../registry/index.js';
import { StateDisagreesWithLog } from '../../registry/errors.js';
import { toProblem } from '../problem.js';
import { responses } from '../schemas.js';

const status = { type: 'object', properties: { status: { type: 'string' } }, required: ['status'] };

/**
 * /healthz: the process answers. /readyz: and its database answers too, and its stored facts agree with its
 * transparency log (503 otherwise: a LOG_STATE_MISMATCH problem naming the products, from a kept comparison).
 */
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
        summary: 'Readiness: the database answers and its stored facts agree with the transparency log',
        response: responses({ 200: status }, [503]),
      },
    },
    async (_request, reply) => {
      await services.ready();
      const { problems } = await services.storedState.current();
      if (problems.length === 0) return { status: 'ready' };
      const products = [...new Set(problems.map((p) => p.productId))];
      const refused = new StateDisagreesWithLog(products[0]!, problems, `products ${products.join(', ')}`);
      // Not ready to serve as fact: 503 (not the 500 a single refused answer gets), so a balancer takes it out.
      return reply
        .code(503)
        .type('application/problem+json')
        .send({ ...toProblem(refused), status: 503 });
    },
  );
}
