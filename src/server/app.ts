// The composition root: one Fastify app with the JSON API (src/http) and the pages (src/web) side by side.
// The API builds the app and its hot sellability read; both then share one context with @fastify/helmet,
// the API's routes first, then the pages, which also own the not-found answer (a browser gets the
// "Page not found" page; the API, the log, static files and JSON clients get the API's problem document).
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import { cachedHelmetHeaders, createApiApp, registerApi, sendProblem, type HttpOptions } from '../http/index.js';
import type { Services } from '../registry/index.js';
import { registerWeb, type PageRoutes, type WebOptions } from '../web/plugin.js';

export interface ServerOptions extends HttpOptions {
  /** The server-rendered pages (cookies, sign-in rate). */
  web?: WebOptions;
  /** Extra page routes (e.g. another role's pages), registered with the pages. */
  pages?: readonly PageRoutes[];
}

export async function buildApp(services: Services, options: ServerOptions = {}): Promise<FastifyInstance> {
  const app = await createApiApp(services, options);
  await app.register(async (site) => {
    await site.register(helmet, { global: true });
    await registerApi(site, services, options);
    // Kept public pages, like the sellability read, send helmet's headers worked out once.
    await registerWeb(site, services, options.web, options.pages ?? [], sendProblem, cachedHelmetHeaders(app));
  });
  return app;
}
