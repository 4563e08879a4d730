// Label checks. /01/<GTIN-14> is the page the QR code opens: the product for that barcode number, and a
// verdict area that the page's module script fills in after checking the token from the link
// (in the browser; the server does not judge it). /l takes a pasted link or token (checked in the browser; with JavaScript
// off the form posts here and the registry checks it) or a label ID to look up.
import type { FastifyInstance } from 'fastify';
import { gtinProblem, normalizeGtin } from '../../gs1/gtin.js';
import { isIotlabelError } from '../../errors.js';
import { readLabelId } from '../../labels/label-id.js';
import { parseLabelLink } from '../../labels/label-link.js';
import { NotFound } from '../../registry/errors.js';
import type { WebContext } from '../context.js';
import { supportSentence } from '../models/product-model.js';
import { productMarketRows } from '../market-rows.js';
import { keptPageRoute, pageCacheFor, type RenderedPage } from '../page-cache.js';
import { renderPage } from '../render.js';
import { hostOf, verdictOf } from '../verdict.js';
import { defaultRetailRegime } from '../../regimes/index.js';

const page = { schema: { hide: true } } as const;
const MAX_TOKEN = 4096;
const LABEL_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** The QR landing page of a registered GTIN (14 digits), from the read model and the kept market rows. */
async function landingPage(ctx: WebContext, gtin: string): Promise<RenderedPage> {
  const { services } = ctx;
  const today = ctx.today();
  const { answer } = await services.sellability.checkSellable({ gtin, regime: defaultRetailRegime(), at: today });
  const product = answer.product;
  return {
    template: 'pages/verify-gtin.njk',
    main: 'pages/verify-gtin-main.njk',
    context: {
      publicUrl: services.publicUrl,
      today,
      pageTitle: `Check the label on ${product.brand} ${product.model}`,
      product,
      support: supportSentence(answer.supportEndDate, today),
      markets: await productMarketRows(services, { id: product.id, declared: answer.declaration !== null }, today),
    },
    productIds: [product.id],
  };
}

/**
 * Keeps the landing page of every GTIN the read model indexes, as far as the page cache has room for them
 * (half of it), yielding between pages: the first scan of a label is then answered from memory too. Call it
 * after the read model's and the market rows' warm. Resolves to how many pages it kept.
 */
export function warmLandingPages(ctx: WebContext): Promise<number> {
  const gtins = ctx.services.sellability.gtins();
  return pageCacheFor(ctx).warm(
    gtins.map((gtin) => ({ key: `01|${gtin}`, path: `/01/${gtin}`, render: () => landingPage(ctx, gtin) })),
  );
}

export function verifyRoutes(web: FastifyInstance, ctx: WebContext): void {
  const { services } = ctx;
  const common = () => ({ publicUrl: services.publicUrl, today: ctx.today() });

  web.get<{ Params: { gtin: string } }>('/01/:gtin', keptPageRoute(ctx), async (request, reply) => {
    const raw = request.params.gtin;
    if (gtinProblem(raw) !== null) throw new NotFound(`${raw} is not a valid barcode number (GTIN)`);
    const gtin = normalizeGtin(raw);
    // The same page for every scan (the browser checks the link's token, the page never reads it): kept per
    // product and day.
    // From the read model (the product's kept sale answer) and the kept market rows: no database query once
    // they are warm.
    return pageCacheFor(ctx).send(request, reply, `01|${gtin}`, () => landingPage(ctx, gtin));
  });

  web.get<{ Querystring: { id?: string } }>('/l', page, async (request, reply) => {
    const typed = String(request.query.id ?? '').trim();
    const id = readLabelId(typed) ?? typed; // as printed: any case, with spaces or hyphens
    if (id === '') return renderPage(ctx.env, reply, 'pages/verify.njk', common());
    if (!LABEL_ID.test(id))
      return renderPage(
        ctx.env,
        reply,
        'pages/verify.njk',
        {
          ...common(),
          id,
          idErrors: [{ text: 'Enter the label ID as printed under the QR code, for example AB12CD34', href: '#id' }],
        },
        400,
      );
    try {
      const label = await services.labels.byId(id);
      return renderPage(ctx.env, reply, 'pages/verify.njk', { ...common(), id, looked: label });
    } catch (error) {
      if (!isIotlabelError(error) || error.code !== 'NOT_FOUND') throw error;
      return renderPage(ctx.env, reply, 'pages/verify.njk', { ...common(), id, notFound: true }, 404);
    }
  });

  // The no-JavaScript check: the registry verifies the pasted token (the browser would have done it itself).
  web.post<{ Body: { token?: string } }>('/l', page, async (request, reply) => {
    const input = String(request.body?.token ?? '').trim();
    if (input === '' || input.length > MAX_TOKEN + 200) {
      return renderPage(
        ctx.env,
        reply,
        'pages/verify.njk',
        {
          ...common(),
          token: input.slice(0, 200),
          tokenErrors: [
            {
              text: input === '' ? 'Paste the label link or token' : 'That is too long to be a label link or token',
              href: '#token',
            },
          ],
        },
        400,
      );
    }
    let token = input;
    let gtin: string | undefined;
    if (/^https?:\/\//i.test(input)) {
      try {
        const link = parseLabelLink(input);
        token = link.token;
        gtin = link.gtin;
      } catch {
        token = '';
      }
    }
    const report =
      token === ''
        ? {
            genuine: false,
            at: ctx.today(),
            label: null,
            checks: [
              {
                step: 'parse' as const,
                outcome: 'fail' as const,
                code: 'LABEL_LINK_INVALID' as const,
                message: 'the link is not a label link: it needs /01/<GTIN-14> and the label token',
              },
            ],
          }
        : await services.labels.verifyToken(token, { gtin, at: ctx.today() });
    return renderPage(ctx.env, reply, 'pages/verify.njk', {
      ...common(),
      token: input,
      verdict: verdictOf(report, hostOf(services.publicUrl)),
    });
  });
}
