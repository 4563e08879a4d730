import type { FastifyInstance } from 'fastify';
import type { Services } from '../../registry/index.js';
import { actorOf } from '../access.js';
import { idParam, pageQuery, ref, responses } from '../schemas.js';
import { writeLimit, type HttpOptions } from '../options.js';
import { ORGANISATION_KINDS, type OrganisationKind } from '../../registry/accounts/organisation-kinds.js';

const kind = { type: 'string', enum: [...ORGANISATION_KINDS] };

/** Organisations and API keys: admins manage them; regulators may list organisations; anyone with a key sees itself. */
export function organisationRoutes(app: FastifyInstance, services: Services, options: HttpOptions): void {
  app.get(
    '/v1/me',
    {
      config: { access: [...ORGANISATION_KINDS] },
      schema: {
        tags: ['organisations'],
        summary: 'The organisation and role of the calling key',
        response: responses(
          {
            200: {
              type: 'object',
              properties: { organisation: ref('Organisation'), role: kind, keyId: { type: 'string' } },
            },
          },
          [401],
        ),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (actor.kind !== 'key') throw new Error('unreachable: HTTP actors hold keys');
      return {
        organisation: await services.organisations.getOrganisation(actor.organisationId),
        role: actor.role,
        keyId: actor.keyId,
      };
    },
  );

  app.post<{ Body: { name: string; kind: OrganisationKind } }>(
    '/v1/organisations',
    {
      config: { access: ['admin'], rateLimit: writeLimit(options) },
      schema: {
        tags: ['organisations'],
        summary: 'Register an organisation (a manufacturer, retailer, regulator or admin)',
        body: {
          type: 'object',
          properties: { name: { type: 'string', minLength: 1, maxLength: 200 }, kind },
          required: ['name', 'kind'],
          additionalProperties: false,
        },
        response: responses({ 201: ref('Organisation') }, [401, 403, 409]),
      },
    },
    async (request, reply) =>
      reply.code(201).send(await services.organisations.registerOrganisation(actorOf(request), request.body)),
  );

  app.get<{ Querystring: { kind?: OrganisationKind; limit: number; after?: string } }>(
    '/v1/organisations',
    {
      config: { access: ['admin', 'regulator'] },
      schema: {
        tags: ['organisations'],
        summary: 'List organisations (by id; page with `after`)',
        querystring: {
          type: 'object',
          properties: { kind, ...pageQuery, after: { type: 'string', maxLength: 64 } },
          additionalProperties: false,
        },
        response: responses(
          { 200: { type: 'object', properties: { organisations: { type: 'array', items: ref('Organisation') } } } },
          [401, 403],
        ),
      },
    },
    async (request) => ({ organisations: await services.organisations.listOrganisations(request.query) }),
  );

  app.get<{ Params: { organisationId: string } }>(
    '/v1/organisations/:organisationId',
    {
      config: { access: ['admin', 'regulator'] },
      schema: {
        tags: ['organisations'],
        summary: 'One organisation',
        params: idParam('organisationId'),
        response: responses({ 200: ref('Organisation') }, [401, 403, 404]),
      },
    },
    async (request) => services.organisations.getOrganisation(request.params.organisationId),
  );

  app.post<{ Params: { organisationId: string }; Body: { name?: string } }>(
    '/v1/organisations/:organisationId/keys',
    {
      config: { access: ['admin'], rateLimit: writeLimit(options) },
      schema: {
        tags: ['organisations'],
        summary: 'Create an API key for the organisation; the key is in the answer, once',
        params: idParam('organisationId'),
        body: {
          type: 'object',
          properties: { name: { type: 'string', minLength: 1, maxLength: 200 } },
          additionalProperties: false,
        },
        response: responses({ 201: ref('CreatedApiKey') }, [401, 403, 404]),
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await services.organisations.createKey(actorOf(request), request.params.organisationId, request.body ?? {}),
        ),
  );

  app.get<{ Params: { organisationId: string } }>(
    '/v1/organisations/:organisationId/keys',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['organisations'],
        summary: "The organisation's API keys (never the secrets)",
        params: idParam('organisationId'),
        response: responses(
          { 200: { type: 'object', properties: { keys: { type: 'array', items: ref('ApiKey') } } } },
          [401, 403, 404],
        ),
      },
    },
    async (request) => ({ keys: await services.organisations.listKeys(request.params.organisationId) }),
  );

  app.post<{ Params: { keyId: string } }>(
    '/v1/keys/:keyId/revoke',
    {
      config: { access: ['admin'], rateLimit: writeLimit(options) },
      schema: {
        tags: ['organisations'],
        summary: 'Revoke an API key (takes effect at once)',
        params: idParam('keyId'),
        response: responses({ 200: ref('ApiKey') }, [401, 403, 404]),
      },
    },
    async (request) => services.organisations.revokeKey(actorOf(request), request.params.keyId),
  );
}
