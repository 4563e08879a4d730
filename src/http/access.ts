// Access control: deny by default. Every route under /v1 must say who may call it, in its config:
//   config: { access: 'public' }                      anyone; a key, when given, must be valid
//   config: { access: ['manufacturer', 'regulator'] }  a valid key of one of these roles
// A route that says nothing cannot be registered. Ownership (a manufacturer's own products, drafts) is
// checked by the registry use cases, which receive the actor.
import type { FastifyInstance, FastifyRequest, onRequestHookHandler } from 'fastify';
import type { Actor, Services } from '../registry/index.js';
import { IotlabelError } from '../errors.js';
import type { OrganisationKind } from '../registry/accounts/organisation-kinds.js';
import { PROBLEM } from './schemas.js';

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
    if (access === undefined)
      throw new Error(`route ${String(route.method)} ${route.url} does not declare config.access (deny by default)`);
    // The document lists what the guard answers: 401 for a missing or unknown key (a public route refuses a bad
    // one too), 403 for a key of another role.
    const response = (route.schema as { response?: Record<string, unknown> } | undefined)?.response;
    if (response) for (const status of access === 'public' ? [401] : [401, 403]) response[status] ??= PROBLEM;
    if (access !== 'public') {
      // Show it in the OpenAPI document: the bearer scheme and which roles may call.
      const schema = (route.schema ??= {}) as Record<string, unknown>;
      schema.security = [{ bearerAuth: [] }];
      const who = `Requires an API key of role: ${access.join(', ')}.`;
      schema.description = schema.description ? `${String(schema.description)}\n\n${who}` : who;
    }
    // A guard per route, as its own onRequest hook: before the body is read (an unauthorised caller cannot
    // make us parse a large body), and with the route's rule in a closure rather than looked up per request.
    const guard = guardFor(access, `${String(route.method)} ${route.url}`);
    route.onRequest = route.onRequest === undefined ? [guard] : [...[route.onRequest].flat(), guard];
  });

  /** Callback style with a synchronous fast path: an anonymous public read (the hot path) costs no promise. */
  function guardFor(access: Access, name: string): onRequestHookHandler {
    return (request, _reply, done) => {
      const header = request.headers.authorization;
      if (access === 'public' && header === undefined) return done();
      authorise(request, access, name, header).then(() => done(), done);
    };
  }

  async function authorise(
    request: FastifyRequest,
    access: Access,
    name: string,
    header: string | undefined,
  ): Promise<void> {
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!match) throw new IotlabelError('UNAUTHENTICATED', 'the Authorization header must be "Bearer <API key>"');
      request.actor = await services.organisations.authenticate(match[1]!);
    }
    if (access === 'public') return;
    const actor = request.actor;
    if (actor === null)
      throw new IotlabelError(
        'UNAUTHENTICATED',
        `${name} needs an API key (Authorization: Bearer <key>) of role ${access.join(' or ')}`,
      );
    if (actor.kind === 'key' && !access.includes(actor.role)) {
      throw new IotlabelError(
        'FORBIDDEN',
        `a ${actor.role} key may not call ${name}; allowed roles: ${access.join(', ')}`,
      );
    }
  }
}

/** The actor of a route that requires a key (access control has already checked it is there). */
export function actorOf(request: FastifyRequest): Actor {
  if (request.actor === null) throw new IotlabelError('UNAUTHENTICATED', 'this route needs an API key');
  return request.actor;
}
