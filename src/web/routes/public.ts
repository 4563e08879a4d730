// Public pages (no sign-in): home, search, a product, a manufacturer.
import type { FastifyInstance } from 'fastify';
import { gtinProblem } from '../../gs1/gtin.js';
import type { WebContext } from '../context.js';
import { productPageModel } from '../models/product-model.js';
import { renderPage } from '../render.js';
import { currentLabel } from '../models/label-model.js';

const page = { schema: { hide: true } } as const;
const MAX_QUERY = 200;
const RESULTS = 50;

export function publicRoutes(web: FastifyInstance, ctx: WebContext): void {
  const { services } = ctx;

  web.get('/', page, (_request, reply) => renderPage(ctx.env, reply, 'pages/home.njk', {}));

  web.get<{ Querystring: { q?: string } }>('/search', page, async (request, reply) => {
    const q = String(request.query.q ?? '').trim().slice(0, MAX_QUERY);
    if (q === '') return renderPage(ctx.env, reply, 'pages/search.njk', { query: q, results: [], errors: [{ text: 'Enter a brand, model, barcode number or label ID', href: '#q' }] });
    const digits = q.replace(/[\s-]/g, '');
    const byGtin = /^\d{8,14}$/.test(digits) && gtinProblem(digits) === null;
    const results = await services.products.findProducts(byGtin ? { gtin: digits, limit: RESULTS } : { q, limit: RESULTS });
    return renderPage(ctx.env, reply, 'pages/search.njk', { query: q, results, more: results.length === RESULTS });
  });

  web.get<{ Params: { id: string } }>('/products/:id', page, async (request, reply) => {
    const product = await services.products.getProduct(request.params.id);
    const declarations = await services.declarations.listDeclarations(null, product.id);
    const model = productPageModel(product, declarations, services.engine, ctx.today());
    const label = currentLabel(await services.labels.ofProduct(product.id));
    return renderPage(ctx.env, reply, 'pages/product.njk', { ...model, label, logHistory: true, today: ctx.today() });
  });

  web.get<{ Params: { id: string } }>('/manufacturers/:id', page, async (request, reply) => {
    const organisation = await services.organisations.getOrganisation(request.params.id);
    const products = organisation.kind === 'manufacturer' ? await services.products.findProducts({ organisationId: organisation.id, limit: 500, includeWithdrawn: true }) : [];
    return renderPage(ctx.env, reply, 'pages/manufacturer.njk', { organisation, products });
  });
}
