// Static files for pages: GOV.UK Frontend's fonts, images, CSS and JS, and our own few files.
import type {} from '@fastify/swagger'; // for the `hide` schema option that keeps pages out of the OpenAPI document
// Long cache lifetimes suit the vendored files, which change only with a package upgrade.
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { basename, dirname } from 'node:path';
import { webPaths } from './paths.js';

const SINGLE_FILES: Record<string, string> = {
  'govuk-frontend.min.css': webPaths.govukCss,
  'govuk-frontend.min.js': webPaths.govukJs,
};

const BROWSER_MODULES =
  /^\/(labels\/[\w/-]+|gs1\/[\w-]+|errors|calendar|encoding\/base64|web\/browser\/[\w-]+|web\/verdict)\.js$/;

export async function registerAssets(app: FastifyInstance): Promise<void> {
  await app.register(fastifyStatic, {
    root: webPaths.govukAssets,
    prefix: '/assets/',
    maxAge: '7d',
    immutable: false,
    index: false,
  });
  await app.register(fastifyStatic, {
    root: webPaths.publicDir,
    prefix: '/assets/app/',
    decorateReply: false,
    maxAge: '1h',
    index: false,
  });
  for (const [name, path] of Object.entries(SINGLE_FILES)) {
    app.get(`/assets/${name}`, { schema: { hide: true } }, (_request, reply) =>
      reply.header('cache-control', 'public, max-age=604800').sendFile(basename(path), dirname(path)),
    );
  }
  // Compiled browser modules from `npm run build` (the label verifier and the verify page). Only these
  // folders are served: they import nothing from Node.
  await app.register(fastifyStatic, {
    root: webPaths.distDir,
    prefix: '/assets/js/',
    decorateReply: false,
    maxAge: '1h',
    index: false,
    wildcard: true,
    allowedPath: (path) => BROWSER_MODULES.test(path),
  });
  for (const name of ['app.css', 'init.js']) {
    app.get(`/assets/${name}`, { schema: { hide: true } }, (_request, reply) =>
      reply.header('cache-control', 'public, max-age=3600').sendFile(name, webPaths.publicDir),
    );
  }
}
