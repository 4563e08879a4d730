// The registry about itself: how to report a security problem in it (and its security.txt, RFC 9116), the
// transparency log explained for people (the raw checkpoint is for machines), and its favicon.
import type { FastifyInstance } from 'fastify';
import { addDays } from '../../calendar.js';
import type { WebContext } from '../context.js';
import { contactModel } from '../models/product-model.js';
import { renderPage } from '../render.js';

const page = { schema: { hide: true } } as const;

// A shield, like the label's, in the service's blue: the registry's own mark (not the GOV.UK crown).
const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><path d="M16 2 L29 6 V15 C29 23 23 28 16 30 C9 28 3 23 3 15 V6 Z" fill="#1d70b8"/><path d="M9 16 L14 21 L23 11" stroke="#fff" stroke-width="3.5" fill="none" stroke-linecap="round" stroke-linejoin="round"/></svg>\n`;

export function aboutRoutes(web: FastifyInstance, ctx: WebContext): void {
  const { services } = ctx;
  const origin = services.publicUrl.replace(/\/$/, '');

  web.get('/.well-known/security.txt', page, (_request, reply) => {
    // RFC 9116: Contact and Expires are required; less than a year ahead, so it is recomputed each day.
    const expires = `${addDays(ctx.today(), 180)}T00:00:00Z`;
    const contact = ctx.options.securityContact;
    const body = [
      ...(contact ? [`Contact: ${contact}`] : []),
      `Contact: ${origin}/security`,
      `Expires: ${expires}`,
      `Policy: ${origin}/security`,
      `Canonical: ${origin}/.well-known/security.txt`,
      'Preferred-Languages: en',
      '',
    ].join('\n');
    return reply.type('text/plain; charset=utf-8').header('cache-control', 'public, max-age=3600').send(body);
  });

  web.get('/security', page, (_request, reply) =>
    renderPage(ctx.env, reply, 'pages/security.njk', { origin, contact: contactModel(ctx.options.securityContact) }),
  );

  web.get('/transparency-log', page, async (_request, reply) => {
    const { size, note } = await services.log.checkpoint();
    const root = note.split('\n')[2] ?? '';
    return renderPage(ctx.env, reply, 'pages/transparency-log.njk', {
      size,
      root,
      origin: services.log.origin,
      publicUrl: origin,
    });
  });

  for (const path of ['/favicon.ico', '/favicon.svg'])
    web.get(path, page, (_request, reply) =>
      reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(FAVICON),
    );
}
