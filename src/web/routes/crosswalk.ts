// The crosswalk as a public page: EN 303 645 provisions against one regime's requirements, chosen by GET
// parameters (so it works without JavaScript and fits a narrow screen), linked from the footer.
import type { FastifyInstance } from 'fastify';
import type { WebContext } from '../context.js';
import { crosswalkPageModel } from '../models/crosswalk-model.js';
import { renderPage } from '../render.js';

const page = { schema: { hide: true } } as const;

export function crosswalkRoutes(web: FastifyInstance, ctx: WebContext): void {
  web.get<{ Querystring: { regime?: string; catalog?: string } }>('/crosswalk', page, (request, reply) => {
    // A parameter given twice is neither choice, so it is refused like an unknown one.
    const pick = (v: unknown) => {
      const text = Array.isArray(v) ? v.join(',') : typeof v === 'string' ? v : '';
      return text === '' ? undefined : text.slice(0, 100);
    };
    const model = crosswalkPageModel({ regime: pick(request.query.regime), catalog: pick(request.query.catalog) });
    const errors = [
      ...(model.unknown.regime ? [{ text: 'Choose a set of rules from the list', href: '#regime' }] : []),
      ...(model.unknown.catalog ? [{ text: 'Choose a version of the standard from the list', href: '#catalog' }] : []),
    ];
    return renderPage(ctx.env, reply, 'pages/crosswalk.njk', { ...model, errors }, errors.length > 0 ? 400 : 200);
  });
}
