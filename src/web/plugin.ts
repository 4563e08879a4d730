// The server-rendered pages. Each page lives in routes/ as a small function that calls one service and
// renders; this plugin wires them and the static assets into the Fastify app.
import type { FastifyInstance } from 'fastify';
import { registerAssets } from './assets.js';
import { createViewEnvironment } from './nunjucks-setup.js';
import { renderPage } from './render.js';

export async function registerWeb(app: FastifyInstance): Promise<void> {
  const env = createViewEnvironment();
  await registerAssets(app);

  app.get('/', { schema: { hide: true } }, (_request, reply) => renderPage(env, reply, 'pages/home.njk', {}));
}
