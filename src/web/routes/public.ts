// Public pages (no sign-in): home, search (by words, barcode number or label id), a product, a manufacturer.
import type { FastifyInstance } from 'fastify';
import { isIotlabelError } from '../../errors.js';
import { gtinProblem } from '../../gs1/gtin.js';
import { readLabelId } from '../../labels/label-id.js';
import type { LabelView, ProductView, SellableAnswer } from '../../registry/index.js';
import type { WebContext } from '../context.js';
import { productPageModel } from '../models/product-model.js';
import { keptPageRoute, pageCacheFor, type RenderedPage } from '../page-cache.js';
import { renderPage } from '../render.js';
import { currentLabel } from '../models/label-model.js';
import { consumerVerdict } from '../models/consumer-verdict.js';
import { defaultRetailRegime } from '../../regimes/index.js';
import type { Assessment } from '../../registry/engine.js';
import { productMarketRows } from '../market-rows.js';
import { searchIndexFor } from '../search-index.js';

const page = { schema: { hide: true } } as const;

/** What the search results list shows of a product (partials/product-list.njk). */
type ListedProduct = Pick<ProductView, 'id' | 'brand' | 'model' | 'name' | 'manufacturer' | 'withdrawn'> & {
  latestDeclaration: { supportEndDate: string | null } | null;
};
const MAX_QUERY = 200;
const RESULTS = 50;

/** A product's sale answer under the default regime, from the read model. */
async function saleAnswer(services: WebContext['services'], productId: string): Promise<SellableAnswer> {
  return (await services.sellability.checkSellable({ productId, regime: defaultRetailRegime() })).answer;
}

/** What a search result shows of a product, from its sale answer (a product the index names is not withdrawn). */
function listedFrom(answer: SellableAnswer): ListedProduct {
  const { id, brand, model, name, manufacturer } = answer.product;
  return {
    id,
    brand,
    model,
    name,
    manufacturer,
    withdrawn: null,
    latestDeclaration: answer.declaration === null ? null : { supportEndDate: answer.supportEndDate },
  };
}

/** The shopper's one-sentence verdict under the default regime, from the registry's sale answer. */
function verdictOf(answer: SellableAnswer, assessments: readonly Assessment[] = []) {
  const unmet =
    assessments
      .find((a) => a.regime === answer.regime)
      ?.requirements.filter((r) => r.status === 'not-met' || r.status === 'not-declared')
      .map((r) => r.id) ?? [];
  return { ...consumerVerdict(answer, unmet), supportEndDate: answer.supportEndDate };
}

/** A product's page: its declarations, label, verdict and market rows. */
async function productPage(ctx: WebContext, id: string): Promise<RenderedPage> {
  const { services } = ctx;
  const product = await services.products.getProduct(id);
  const declarations = await services.declarations.listDeclarations(null, product.id);
  const model = productPageModel(product, declarations, services.engine, ctx.today());
  const label = currentLabel(await services.labels.ofProduct(product.id));
  const verdict = verdictOf(await saleAnswer(services, product.id), model.latest?.assessments);
  return {
    template: 'pages/product.njk',
    main: 'pages/product-main.njk',
    context: {
      ...model,
      pageTitle: `${product.brand} ${product.model}`,
      markets: await productMarketRows(
        services,
        { id: product.id, declared: !!product.latestDeclaration },
        ctx.today(),
      ),
      label,
      verdict,
      logHistory: true,
      today: ctx.today(),
    },
    productIds: [product.id],
  };
}

/**
 * Keeps the page of every product the read model indexes, as far as the page cache has room (half of it,
 * shared with the landing pages warmed before), yielding between pages: a marketplace or crawler following
 * product links is then answered from memory. Resolves to how many pages it kept.
 */
export function warmProductPages(ctx: WebContext): Promise<number> {
  const ids = ctx.services.sellability.productIds();
  return pageCacheFor(ctx).warm(
    ids.map((id) => ({ key: `product|${id}`, path: `/products/${id}`, render: () => productPage(ctx, id) })),
  );
}

export function publicRoutes(web: FastifyInstance, ctx: WebContext): void {
  const { services } = ctx;

  web.get('/', page, (_request, reply) => renderPage(ctx.env, reply, 'pages/home.njk', {}));

  web.get<{ Querystring: { q?: string } }>('/search', keptPageRoute(ctx), async (request, reply) => {
    const q = String(request.query.q ?? '')
      .trim()
      .slice(0, MAX_QUERY);
    if (q === '')
      return renderPage(ctx.env, reply, 'pages/search.njk', {
        pageTitle: 'Search products',
        query: q,
        results: [],
        errors: [{ text: 'Enter a brand, model, barcode number or label ID', href: '#q' }],
      });
    return pageCacheFor(ctx).send(request, reply, `search|${q}`, () => searchPage(q), { search: true });
  });

  async function searchPage(q: string): Promise<RenderedPage> {
    const digits = q.replace(/[\s-]/g, '');
    const byGtin = /^\d{8,14}$/.test(digits) && gtinProblem(digits) === null;
    // Words go to the in-memory index and the products it names come from the read model; the store answers
    // a barcode number, and whatever the index leaves to it.
    const indexed = byGtin ? null : searchIndexFor(services).search(q, RESULTS);
    // Each listed product's sale answer is read back once, for its row and for its verdict (50 rows: 50 reads).
    const answers = new Map<string, SellableAnswer>();
    const found: ListedProduct[] =
      indexed === null
        ? await services.products.findProducts(byGtin ? { gtin: digits, limit: RESULTS } : { q, limit: RESULTS })
        : await Promise.all(
            indexed.map(async (id) => {
              const answer = await saleAnswer(services, id);
              answers.set(id, answer);
              return listedFrom(answer);
            }),
          );
    // Text that reads as a label id may also be words (ACMECAM200), so the label comes first, then the matches.
    const labelId = byGtin ? null : readLabelId(q);
    const label = labelId === null ? null : await labelOrNull(labelId);
    const labelProduct = label === null ? null : await services.products.getProduct(label.productId);
    const results = labelProduct === null ? found : [labelProduct, ...found.filter((p) => p.id !== labelProduct.id)];
    const verdicts = Object.fromEntries(
      await Promise.all(
        results.map(async (p) => [p.id, verdictOf(answers.get(p.id) ?? (await saleAnswer(services, p.id)))]),
      ),
    );
    return {
      template: 'pages/search.njk',
      main: 'pages/search-main.njk',
      context: {
        pageTitle: 'Search results',
        query: q,
        results,
        verdicts,
        more: found.length === RESULTS,
        labelId,
        label,
      },
      productIds: results.map((p) => p.id),
    };
  }

  async function labelOrNull(id: string): Promise<LabelView | null> {
    try {
      return await services.labels.byId(id);
    } catch (error) {
      if (isIotlabelError(error) && error.code === 'NOT_FOUND') return null;
      throw error;
    }
  }

  web.get<{ Params: { id: string } }>('/products/:id', keptPageRoute(ctx), async (request, reply) => {
    const id = request.params.id;
    return pageCacheFor(ctx).send(request, reply, `product|${id}`, () => productPage(ctx, id));
  });

  web.get<{ Params: { id: string } }>('/manufacturers/:id', page, async (request, reply) => {
    const organisation = await services.organisations.getOrganisation(request.params.id);
    const products =
      organisation.kind === 'manufacturer'
        ? await services.products.findProducts({ organisationId: organisation.id, limit: 500, includeWithdrawn: true })
        : [];
    return renderPage(ctx.env, reply, 'pages/manufacturer.njk', { organisation, products });
  });
}
