// What verifiers download: the label-signing keys (JWKS) and the status lists, both cacheable; the
// operator's key rotation; and the PSTI statement of compliance per declaration version.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Services } from '../../registry/index.js';
import { isIotlabelError } from '../../errors.js';
import { actorOf } from '../access.js';
import { problem } from '../problem.js';
import { writeLimit, type HttpOptions } from '../options.js';
import { BINARY, idParam, media, responses } from '../schemas.js';

const jwk = {
  type: 'object',
  properties: {
    kty: { type: 'string' },
    crv: { type: 'string' },
    x: { type: 'string' },
    kid: { type: 'string' },
    alg: { type: 'string' },
    use: { type: 'string' },
    status: { type: 'string', enum: ['active', 'retired'] },
    retired_at: {
      type: 'integer',
      description: 'Seconds since 1970; labels issued from then on must not use this key',
    },
  },
  required: ['kty', 'crv', 'x', 'kid', 'alg', 'use', 'status'],
};
const jwks = { type: 'object', properties: { keys: { type: 'array', items: jwk } }, required: ['keys'] };
const KEYS_MAX_AGE = 300;

export function labelKeyRoutes(app: FastifyInstance, services: Services, options: HttpOptions): void {
  app.get(
    '/.well-known/iotlabel/keys',
    {
      config: { access: 'public' },
      schema: {
        tags: ['labels'],
        summary: 'The label-signing keys (JWKS): active first, retired ones kept for verification',
        response: responses({ 200: jwks, 304: { type: 'null' } }, []),
      },
    },
    async (request, reply) => {
      const { jwks: body, etag } = await services.labels.keys.publishedKeys();
      void reply
        .header('etag', etag)
        .header('cache-control', `public, max-age=${KEYS_MAX_AGE}`)
        .header('access-control-allow-origin', '*')
        .header('cross-origin-resource-policy', 'cross-origin');
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      return reply.type('application/json').send(body);
    },
  );

  app.get<{ Params: { list: number } }>(
    '/v1/status-lists/:list',
    {
      config: { access: 'public' },
      schema: {
        tags: ['labels'],
        summary:
          'Status list n as a signed IETF Token Status List JWT (2 bits per label: 0 valid, 1 revoked, 2 suspended)',
        params: {
          type: 'object',
          properties: { list: { type: 'integer', minimum: 1, maximum: 1_000_000_000 } },
          required: ['list'],
        },
        response: responses(
          { 200: media('application/statuslist+jwt', 'The signed status list (a compact JWT)'), 304: { type: 'null' } },
          [404],
        ),
      },
    },
    async (request, reply) => {
      const signed = await services.labels.statusList(request.params.list);
      void reply
        .header('etag', signed.etag)
        .header('cache-control', `public, max-age=${signed.ttl}`)
        .header('access-control-allow-origin', '*')
        .header('cross-origin-resource-policy', 'cross-origin');
      if (request.headers['if-none-match'] === signed.etag) return reply.code(304).send();
      return reply.type('application/statuslist+jwt').send(signed.token);
    },
  );

  app.post(
    '/v1/admin/label-keys/rotate',
    {
      config: { access: ['admin'], rateLimit: writeLimit(options) },
      schema: {
        tags: ['labels'],
        summary: 'Rotate the label-signing key: a new active key; the old one stays published as retired',
        response: responses(
          {
            200: {
              type: 'object',
              properties: { kid: { type: 'string' }, retired: { type: 'array', items: { type: 'string' } }, jwks },
              required: ['kid', 'retired', 'jwks'],
            },
          },
          [401, 403, 503],
        ),
      },
    },
    async (request) => services.labels.keys.rotate(actorOf(request)),
  );

  const statementSchema = (summary: string, type: string, schema?: Record<string, unknown>) => ({
    tags: ['declarations'],
    summary,
    params: idParam('declarationId'),
    response: responses({ 200: media(type, 'The statement of compliance', schema) }, [401, 404, 422]),
  });
  app.get<{ Params: { declarationId: string } }>(
    '/v1/declarations/:declarationId/statement.html',
    {
      config: { access: 'public' },
      schema: statementSchema(
        'The uk-psti-2023 statement of compliance of this declaration version, as HTML (422 STATEMENT_INCOMPLETE names missing items)',
        'text/html',
      ),
    },
    async (request, reply) => {
      try {
        const html = await services.labels.statementHtml(request.actor, request.params.declarationId);
        return reply.type('text/html; charset=utf-8').header('cache-control', 'public, max-age=3600').send(html);
      } catch (error) {
        return incomplete(reply, request.url, error);
      }
    },
  );
  app.get<{ Params: { declarationId: string } }>(
    '/v1/declarations/:declarationId/statement.pdf',
    {
      config: { access: 'public' },
      schema: statementSchema('The same statement of compliance as PDF', 'application/pdf', BINARY),
    },
    async (request, reply) => {
      try {
        const pdf = await services.labels.statementPdf(request.actor, request.params.declarationId);
        return reply
          .type('application/pdf')
          .header('content-disposition', `inline; filename="statement-${request.params.declarationId}.pdf"`)
          .header('cache-control', 'public, max-age=3600')
          .send(pdf);
      } catch (error) {
        return incomplete(reply, request.url, error);
      }
    },
  );
}

/** Missing Schedule 4 items point into the declaration document, not into this request. */
function incomplete(reply: FastifyReply, instance: string, error: unknown): FastifyReply {
  if (!isIotlabelError(error) || error.code !== 'STATEMENT_INCOMPLETE') throw error;
  const missing = error.problems;
  const body = {
    ...problem(
      'STATEMENT_INCOMPLETE',
      error.message,
      missing.map((m) => ({ pointer: `/document${m.path}`, detail: m.message })),
    ),
    instance,
  };
  return reply.code(422).type('application/problem+json').send(body);
}
