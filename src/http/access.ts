// Access control: deny by default. Every route under /v1 must say who may call it, in its config:
//   config: { access: 'public' }                      anyone; a key, when given, must be valid
//   config: { access: ['manufacturer', 'regulator'] }  a valid key of one of these roles
// A route that says nothing cannot be registered. Ownership (a manufacturer's own products, drafts) is
// checked by the registry use cases, which receive the actor.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor, Services } from '../registry/index.js';
import type { OrganisationKind } from '../store/index.js';
import { IotlabelError } from '../errors.js';

export type Access = 'public' | readonly OrganisationKind[];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    /** Who is calling: null for an anonymous public read. */
    actor: Actor | null;
  }
}

const GUARDED_PREFIX = '/v1/';

export function installAccessControl(app: FastifyInstance, services: Services): void {
  app.decorateRequest('actor', null);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith(GUARDED_PREFIX)) return;
    const access = route.config?.access;
    if (access === undefined) throw new Error(`route ${String(route.method)} ${route.url} does not declare config.access (deny by default)`);
    if (access !== 'public') {
      // Show it in the OpenAPI document: the bearer scheme and which roles may call.
      const schema = (route.schema ??= {}) as Record<string, unknown>;
      schema.security = [{ bearerAuth: [] }];
      const who = `Requires an API key of role: ${access.join(', ')}.`;
      schema.description = schema.description ? `${String(schema.description)}\n\n${who}` : who;
    }
  });

  // onRequest: before the body is read, so an unauthorised caller cannot make us parse a large body.
  app.addHook('onRequest', async (request: FastifyRequest) => {
    const access = request.routeOptions.config.access;
    if (access === undefined) return;
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!match) throw new IotlabelError('UNAUTHENTICATED', 'the Authorization header must be "Bearer <API key>"');
      request.actor = await services.organisations.authenticate(match[1]!);
    }
    if (access === 'public') return;
    const actor = request.actor;
    if (actor === null) throw new IotlabelError('UNAUTHENTICATED', `${request.method} ${request.routeOptions.url} needs an API key (Authorization: Bearer <key>) of role ${access.join(' or ')}`);
    if (actor.kind === 'key' && !access.includes(actor.role)) {
      throw new IotlabelError('FORBIDDEN', `a ${actor.role} key may not call ${request.method} ${request.routeOptions.url}; allowed roles: ${access.join(', ')}`);
    }
  });
}

/** The actor of a route that requires a key (access control has already checked it is there). */
export function actorOf(request: FastifyRequest): Actor {
  if (request.actor === null) throw new IotlabelError('UNAUTHENTICATED', 'this route needs an API key');
  return request.actor;
}
