// Fastify refuses a request body before any handler runs: too large (413) or of a media type no parser
// takes (415). Every route that reads a body lists both, so /openapi.json names each status a caller can meet.
import type { FastifyInstance } from 'fastify';
import { PROBLEM } from './schemas.js';

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

export function documentBodyErrors(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const response = (route.schema as { response?: Record<string, unknown> } | undefined)?.response;
    const methods = [route.method].flat();
    if (!response || !methods.some((m) => WITH_BODY.has(m))) return;
    for (const status of [413, 415]) response[status] ??= PROBLEM;
  });
}
