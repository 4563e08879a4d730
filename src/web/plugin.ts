// The server-rendered pages. Each page lives in routes/ as a small function that calls one service and
import type {} from '@fastify/swagger'; // for the `hide` schema option that keeps pages out of the OpenAPI document
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
