// Retailer webhooks page: list, add (the signing secret shown once), delete, and each webhook's delivery log.
// Everything is services.retail.webhooks, the same as the /v1/webhooks API.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { isIotlabelError } from '../../../errors.js';
import type { Actor } from '../../../registry/index.js';
import type { WebContext } from '../../context.js';
import { renderPage } from '../../render.js';
import { requireRole, signedInOf } from '../../session.js';

const page = { schema: { hide: true } } as const;

export function retailerWebhookRoutes(web: FastifyInstance, ctx: WebContext): void {
  const guard = { ...page, preHandler: requireRole('retailer') };
  const webhooks = ctx.services.retail.webhooks;

  const show = async (
    reply: FastifyReply,
    actor: Actor,
    extra: { errors?: { text: string; href: string }[]; values?: { url?: string }; notice?: string } = {},
    status = 200,
  ) => {
    const errors = extra.errors ?? [];
    return renderPage(
      ctx.env,
      reply,
      'pages/retailer/webhooks.njk',
      {
        hooks: await webhooks.list(actor),
        errors,
        values: extra.values ?? {},
        notice: extra.notice,
        fieldErrors: Object.fromEntries(errors.map((e) => [e.href.slice(1), e.text])),
      },
      status,
    );
  };

  web.get<{ Querystring: { notice?: string } }>('/retailer/webhooks', guard, async (request, reply) =>
    show(reply, signedInOf(request).actor, {
      notice: request.query.notice === 'deleted' ? 'Webhook deleted' : undefined,
    }),
  );

  web.post<{ Body: { url?: string } }>('/retailer/webhooks', guard, async (request, reply) => {
    const actor = signedInOf(request).actor;
    const url = String(request.body?.url ?? '').trim();
    if (url === '')
      return show(
        reply,
        actor,
        { errors: [{ text: 'Enter the address to send notices to', href: '#url' }], values: { url } },
        400,
      );
    try {
      const created = await webhooks.create(actor, { url });
      return renderPage(ctx.env, reply, 'pages/retailer/webhook-created.njk', { created });
    } catch (error) {
      if (!isIotlabelError(error)) throw error;
      return show(
        reply,
        actor,
        { errors: [{ text: error.message.replace(/^\/url: /, ''), href: '#url' }], values: { url } },
        400,
      );
    }
  });

  web.post<{ Params: { id: string } }>('/retailer/webhooks/:id/delete', guard, async (request, reply) => {
    await webhooks.remove(signedInOf(request).actor, request.params.id);
    return reply.redirect('/retailer/webhooks?notice=deleted', 303);
  });

  web.get<{ Params: { id: string } }>('/retailer/webhooks/:id', guard, async (request, reply) => {
    const actor = signedInOf(request).actor;
    const deliveries = await webhooks.deliveries(actor, request.params.id);
    const hook = (await webhooks.list(actor)).find((h) => h.id === request.params.id);
    return renderPage(ctx.env, reply, 'pages/retailer/webhook-deliveries.njk', { hook, deliveries });
  });
}
