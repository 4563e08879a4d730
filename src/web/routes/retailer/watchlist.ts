// Retailer watch list page: the GTINs the retailer sells, watched for changes, 100 a page with the product
// registered under each, and the addresses of the feeds. Add one, remove one, or replace the whole list by
// uploading a CSV (with a GTIN column) or a plain list (one GTIN a line). Every change is
// services.retail.watchlists, the same as the /v1/watchlist API.
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { isIotlabelError } from '../../../errors.js';
import { InputInvalid, NotFound } from '../../../registry/errors.js';
import type { Actor } from '../../../registry/index.js';
import { WATCHLIST_LIMIT, gtinsFromCsv, gtinsFromList } from '../../../registry/retail/watch.js';
import type { WebContext } from '../../context.js';
import { currentPage, paginationOf } from '../../pagination.js';
import { renderPage } from '../../render.js';
import { requireRole, signedInOf } from '../../session.js';
import { readUploadForm } from '../../upload-form.js';

const page = { schema: { hide: true } } as const;
const MAX_BYTES = 4 * 1024 * 1024;
const PAGE_SIZE = 100;

type ErrorItem = { text: string; href: string };

/** GTINs of an uploaded file: a CSV with a header naming a GTIN column, or one GTIN a line. */
async function gtinsOfUpload(text: string): Promise<string[]> {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if (lines.length > 0 && lines.every((l) => /^\d+$/.test(l))) return gtinsFromList(lines, '/line');
  return gtinsFromCsv(text);
}

function problemsOf(error: unknown, href: string): ErrorItem[] {
  if (error instanceof InputInvalid) {
    return error.problems.slice(0, 10).map((p) => ({
      text: p.path.startsWith('/line/') ? `Line ${p.path.slice(6)}: ${p.message}` : `The GTIN ${p.message}`,
      href,
    }));
  }
  if (error instanceof NotFound) return [{ text: error.message, href }];
  throw error;
}

export function retailerWatchlistRoutes(web: FastifyInstance, ctx: WebContext): void {
  const guard = { ...page, preHandler: requireRole('retailer') };
  const watchlists = ctx.services.retail.watchlists;

  const show = async (
    reply: FastifyReply,
    actor: Actor,
    extra: { errors?: ErrorItem[]; values?: { gtin?: string }; notice?: string; page?: string } = {},
    status = 200,
  ) => {
    const errors = extra.errors ?? [];
    // A page of the list at a time, each GTIN with the product registered under it (if any). The page number
    // is only known to be in range once the count is: a page past the end shows the last one.
    const wanted = currentPage(extra.page, Math.ceil(WATCHLIST_LIMIT / PAGE_SIZE));
    let list = await watchlists.page(actor, (wanted - 1) * PAGE_SIZE, PAGE_SIZE);
    const pages = Math.max(1, Math.ceil(list.count / PAGE_SIZE));
    const current = Math.min(wanted, pages);
    if (current !== wanted) list = await watchlists.page(actor, (current - 1) * PAGE_SIZE, PAGE_SIZE);
    const gtins = list.gtins;
    const products = await ctx.services.products.productsByGtin(gtins);
    // With the shop's market chosen, each watched product says whether it may be sold there today.
    const { market } = await ctx.services.retail.settings.defaults(actor);
    const sale = new Map<string, boolean>();
    if (market !== null)
      for (const p of new Map([...products.values()].map((p) => [p.id, p])).values())
        sale.set(p.id, (await ctx.services.markets.sellableInMarket({ productId: p.id, market })).answer.sellable);
    const feed = `${ctx.services.publicUrl}/v1/feeds/retailer`;
    return renderPage(
      ctx.env,
      reply,
      'pages/retailer/watchlist.njk',
      {
        list,
        rows: gtins.map((gtin) => {
          const product = products.get(gtin) ?? null;
          return { gtin, product, sellable: product ? (sale.get(product.id) ?? null) : null };
        }),
        market,
        errors,
        values: extra.values ?? {},
        notice: extra.notice,
        fieldErrors: Object.fromEntries(errors.map((e) => [e.href.slice(1), e.text])),
        maxMegabytes: MAX_BYTES / 1024 / 1024,
        pagination: paginationOf(current, pages, (p) =>
          p > 1 ? `/retailer/watchlist?page=${p}` : '/retailer/watchlist',
        ),
        feeds: { atom: `${feed}.atom`, json: `${feed}.json` },
      },
      status,
    );
  };

  web.get<{ Querystring: { notice?: string; page?: string } }>('/retailer/watchlist', guard, async (request, reply) => {
    const notice = {
      added: 'GTIN added to your watch list',
      removed: 'GTIN removed from your watch list',
      replaced: 'Watch list replaced',
    }[request.query.notice ?? ''];
    return show(reply, signedInOf(request).actor, { notice, page: request.query.page });
  });

  web.post<{ Body: { gtin?: string } }>('/retailer/watchlist/add', guard, async (request, reply) => {
    const actor = signedInOf(request).actor;
    const gtin = String(request.body?.gtin ?? '').trim();
    if (gtin === '')
      return show(reply, actor, { errors: [{ text: 'Enter a GTIN', href: '#gtin' }], values: { gtin } }, 400);
    try {
      await watchlists.add(actor, gtinsFromList([gtin], '/gtin'));
    } catch (error) {
      if (!isIotlabelError(error)) throw error;
      return show(reply, actor, { errors: problemsOf(error, '#gtin'), values: { gtin } }, 400);
    }
    return reply.redirect('/retailer/watchlist?notice=added', 303);
  });

  web.post<{ Body: { gtin?: string } }>('/retailer/watchlist/remove', guard, async (request, reply) => {
    const actor = signedInOf(request).actor;
    try {
      await watchlists.remove(actor, String(request.body?.gtin ?? ''));
    } catch (error) {
      if (!isIotlabelError(error)) throw error;
      return show(reply, actor, { errors: problemsOf(error, '#gtin') }, 400);
    }
    return reply.redirect('/retailer/watchlist?notice=removed', 303);
  });

  void web.register(async (scope) => {
    // Oversize files are cut off and marked, not thrown, so the page can say so in its error summary.
    await scope.register(multipart, { throwFileSizeLimit: false });
    scope.post('/retailer/watchlist/upload', { ...guard, config: { multipartCsrf: true } }, async (request, reply) => {
      const actor = signedInOf(request).actor;
      const form = await readUploadForm(web, request, reply, { fileSize: MAX_BYTES, fieldSize: 1024, fields: 3 });
      if (form === null) return reply;
      if (form.file?.tooLarge)
        return show(
          reply,
          actor,
          {
            errors: [{ text: `The file must be smaller than ${MAX_BYTES / 1024 / 1024} MB`, href: '#watchlist-file' }],
          },
          400,
        );
      const text = form.file === null ? null : form.file.bytes.toString('utf8');
      if (text === null || text.trim() === '')
        return show(reply, actor, { errors: [{ text: 'Select a file of GTINs', href: '#watchlist-file' }] }, 400);
      try {
        await watchlists.replace(actor, await gtinsOfUpload(text));
      } catch (error) {
        if (!isIotlabelError(error)) throw error;
        return show(reply, actor, { errors: problemsOf(error, '#watchlist-file') }, 400);
      }
      return reply.redirect('/retailer/watchlist?notice=replaced', 303);
    });
  });
}
