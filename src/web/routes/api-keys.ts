// API keys for the signed-in person's organisation (any role): list, create (the key is shown once, on
// the answer page, never again) and revoke. Keys act with the organisation's role, like the person.
import type { FastifyInstance } from 'fastify';
import { NotFound } from '../../registry/errors.js';
import type { WebContext } from '../context.js';
import { renderPage } from '../render.js';
import { requireRole, signedInOf } from '../session.js';

const page = { schema: { hide: true } } as const;

export function apiKeyRoutes(web: FastifyInstance, ctx: WebContext): void {
  const { services } = ctx;
  const guard = { ...page, preHandler: requireRole() };

  web.get('/account/api-keys', guard, async (request, reply) => {
    const me = signedInOf(request);
    const keys = await services.organisations.listKeys(me.actor.organisationId);
    return renderPage(ctx.env, reply, 'pages/account/api-keys.njk', { keys: keys.reverse() });
  });

  web.post<{ Body: { name?: string } }>('/account/api-keys', guard, async (request, reply) => {
    const me = signedInOf(request);
    const name = String(request.body?.name ?? '')
      .trim()
      .slice(0, 200);
    if (name === '') {
      const keys = await services.organisations.listKeys(me.actor.organisationId);
      return renderPage(
        ctx.env,
        reply,
        'pages/account/api-keys.njk',
        { keys: keys.reverse(), errors: [{ text: 'Enter a name for the key', href: '#name' }] },
        400,
      );
    }
    const created = await services.organisations.createKey(me.actor, me.actor.organisationId, { name });
    // The key is in this answer only; the page says so and is never cached.
    return renderPage(ctx.env, reply.header('cache-control', 'no-store'), 'pages/account/api-key-created.njk', {
      created,
    });
  });

  web.post<{ Params: { id: string } }>('/account/api-keys/:id/revoke', guard, async (request, reply) => {
    const me = signedInOf(request);
    const keys = await services.organisations.listKeys(me.actor.organisationId);
    if (!keys.some((k) => k.id === request.params.id))
      throw new NotFound(`no API key with id ${request.params.id} in your organisation`);
    await services.organisations.revokeKey(me.actor, request.params.id);
    return reply.redirect('/account/api-keys', 303);
  });
}
