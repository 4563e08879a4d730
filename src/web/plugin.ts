// The server-rendered pages. The composition root (src/server/app.ts) registers this after the API. Order: static assets at the root;
// then, in their own encapsulated context (so none of it touches /v1), form bodies, cookies, CSRF
// protection, the session loader, the page error handler, and the routes. Each route calls services
// and renders; see docs/web.md for how to add pages for another role.
import { todayUtc } from '../calendar.js';
import type {} from '@fastify/swagger'; // for the `hide` schema option that keeps pages out of the OpenAPI document
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../registry/index.js';
import { registerAssets } from './assets.js';
import { resolveWebOptions, type WebContext, type WebOptions } from './context.js';
import { installCsrf } from './csrf.js';
import { pageErrorHandler } from './errors.js';
import { installNotFound, type ProblemAnswer } from './not-found.js';
import { createViewEnvironment } from './nunjucks-setup.js';
import { installSessions } from './session.js';
import { publicRoutes, warmProductPages } from './routes/public.js';
import { openDataRoutes } from './routes/open-data.js';
import { signInRoutes } from './routes/sign-in.js';
import { manufacturerRoutes } from './routes/manufacturer.js';
import { declareRoutes } from './routes/declare.js';
import { evidenceRoutes } from './routes/evidence/evidence.js';
import { apiKeyRoutes } from './routes/api-keys.js';
import { verifyRoutes, warmLandingPages } from './routes/verify.js';
import { retailerRoutes } from './routes/retailer/retailer.js';
import { retailerWatchlistRoutes } from './routes/retailer/watchlist.js';
import { retailerWebhookRoutes } from './routes/retailer/webhooks.js';
import { regulatorRoutes } from './routes/regulator.js';
import { aboutRoutes } from './routes/about.js';
import { crosswalkRoutes } from './routes/crosswalk.js';
import { keptMarketRows } from './market-rows.js';
import { searchIndexFor } from './search-index.js';

/** The pages' context of each services that registered them, for warmPages. */
const contexts = new WeakMap<Services, WebContext>();

/**
 * Works out today's market rows of every product the sellability read model indexes (call it after the read
 * model's warm), loads the search index, then keeps the QR landing pages and then the product pages (as far as
 * the page cache has room), so public pages ask the database nothing and a first scan is answered from memory;
 * resolves to how many rows it worked out.
 */
export async function warmPages(services: Services): Promise<number> {
  const [rows] = await Promise.all([keptMarketRows(services).warm(), searchIndexFor(services).load()]);
  const ctx = contexts.get(services);
  if (ctx !== undefined) {
    await warmLandingPages(ctx);
    await warmProductPages(ctx);
  }
  return rows;
}

export type { WebOptions } from './context.js';
export type { ProblemAnswer } from './not-found.js';

/** Extra page routes (e.g. another role's pages), registered inside the pages' context with the same context. */
export type PageRoutes = (web: FastifyInstance, ctx: WebContext) => void;

/**
 * The pages also answer every address that matches no route (see not-found.ts): pages get "Page not found",
 * machines get `apiProblem`'s document (without it, everyone gets the page).
 */
export async function registerWeb(
  app: FastifyInstance,
  services: Services,
  options: WebOptions = {},
  extra: readonly PageRoutes[] = [],
  apiProblem?: ProblemAnswer,
  securityHeaders?: WebContext['securityHeaders'],
): Promise<void> {
  const env = createViewEnvironment();
  const ctx: WebContext = {
    services,
    env,
    options: resolveWebOptions(options),
    today: () => todayUtc(services.clock),
    securityHeaders,
  };
  env.addGlobal('todayIso', ctx.today);
  contexts.set(services, ctx);
  await registerAssets(app);
  await app.register(async (web) => {
    await web.register(formbody, { bodyLimit: ctx.options.formBodyLimit });
    await web.register(cookie);
    await installCsrf(web, ctx);
    installSessions(web, ctx);
    web.setErrorHandler(pageErrorHandler(ctx, apiProblem));
    installNotFound(web, apiProblem);
    for (const routes of [
      publicRoutes,
      openDataRoutes,
      signInRoutes,
      verifyRoutes,
      manufacturerRoutes,
      declareRoutes,
      evidenceRoutes,
      apiKeyRoutes,
      retailerRoutes,
      retailerWatchlistRoutes,
      retailerWebhookRoutes,
      regulatorRoutes,
      aboutRoutes,
      crosswalkRoutes,
      ...extra,
    ])
      routes(web, ctx);
  });
}
