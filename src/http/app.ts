// The HTTP API. createApiApp(services) builds the Fastify app in the order requests meet it: server options,
// rate limits, OpenAPI, access control, error handling, the hot sellability read; registerApi(site) adds the
// docs and the /v1 and log routes inside the helmet context the composition root (src/server) opens.
// It only wires: every handler parses input, calls one service and replies. It knows nothing of the pages.
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { randomUUID } from 'node:crypto';
import type { Services } from '../registry/index.js';
import { IotlabelError } from '../errors.js';
import { installAccessControl } from './access.js';
import { documentBodyErrors } from './body-errors.js';
import { installTextGuard } from './text-guard.js';
import { problem, sendProblem } from './problem.js';
import { SCHEMAS } from './schemas.js';
import { DEFAULT_BODY_LIMIT, type HttpOptions } from './options.js';
import { healthRoutes } from './routes/health.js';
import { regimeRoutes } from './routes/regimes.js';
import { sellableRoutes } from './routes/sellable.js';
import { organisationRoutes } from './routes/organisations.js';
import { productRoutes } from './routes/products.js';
import { declarationRoutes } from './routes/declarations.js';
import { bulkDeclarationRoutes } from './routes/bulk-declarations.js';
import { journalRoutes } from './routes/journal.js';
import { LABEL_SCHEMAS, labelRoutes } from './routes/labels.js';
import { MARKET_SCHEMAS, marketRoutes } from './routes/markets.js';
import { logRoutes } from './routes/log.js';
import { checkRoutes } from './routes/checks.js';
import { snapshotRoutes } from './routes/snapshots.js';
import { watchRoutes } from './routes/watch.js';
import { webhookRoutes } from './routes/webhooks.js';
import { labelKeyRoutes } from './routes/label-keys.js';
import { EVIDENCE_SCHEMA, evidenceRoutes } from './routes/evidence.js';

export type { HttpOptions } from './options.js';

const LEVELS = {
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
  silent: Infinity,
} as const satisfies Record<string, number>;

/** Bodies are checked as sent (a number is not a string); query strings and path params are text, so coerced. */
function validators() {
  const base = { allErrors: true, removeAdditional: false, useDefaults: true, strict: false } as const;
  const strict = new Ajv({ ...base, coerceTypes: false });
  const coercing = new Ajv({ ...base, coerceTypes: 'array' });
  addFormats.default(strict);
  addFormats.default(coercing);
  return { strict, coercing };
}

export async function createApiApp(services: Services, options: HttpOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? { level: 'info' },
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    // Access logs are our own (below): writes and errors at info, successful reads at debug.
    logController: new LogController({ disableRequestLogging: true }),
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  });
  const { strict, coercing } = validators();
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? strict : coercing).compile(schema));

  // Hooks on every request are callback style: on the hot path a promise per hook is measurable.
  app.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });
  app.addHook('onResponse', (request, reply, done) => {
    const read = request.method === 'GET' || request.method === 'HEAD';
    // A read's answer, found or not (a till scanning a GTIN nobody registered), is routine: debug. Writes, bad
    // input, refusals and failures are info.
    const level = read && (reply.statusCode < 400 || reply.statusCode === 404) ? 'debug' : 'info';
    if (LEVELS[level] >= ((LEVELS as Record<string, number | undefined>)[request.log.level] ?? 0)) {
      const org = request.actor?.kind === 'key' ? request.actor.organisationId : undefined;
      request.log[level](
        { method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime), org },
        'request',
      );
    }
    done();
  });

  installTextGuard(app);

  await app.register(rateLimit, {
    global: false,
    hook: 'preHandler',
    keyGenerator: (request) => (request.actor?.kind === 'key' ? `key:${request.actor.keyId}` : `ip:${request.ip}`),
    errorResponseBuilder: (_request, context) =>
      new IotlabelError(
        'RATE_LIMITED',
        `too many writes: at most ${context.max} per minute; retry in ${context.after}`,
      ),
  });

  for (const schema of [...SCHEMAS, ...LABEL_SCHEMAS, EVIDENCE_SCHEMA, ...MARKET_SCHEMAS]) app.addSchema(schema);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'iotlabel registry API',
        version: '1',
        description:
          'Consumer-IoT security declarations, assessments and sellability. Errors are RFC 9457 problem documents.',
      },
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API key: iotl_<prefix>_<secret>' },
        },
      },
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });

  installAccessControl(app, services);
  documentBodyErrors(app);
  app.setErrorHandler((error, request, reply) => sendProblem(request, reply, error));

  // The hottest public read sits outside the helmet context and sends helmet's headers computed once
  // (see cachedHelmetHeaders); every other route, the docs and the 404 answer get @fastify/helmet itself.
  sellableRoutes(app, services);
  return app;
}

/** The docs and every API route but sellability, on `site`: the context where @fastify/helmet is registered. */
export async function registerApi(site: FastifyInstance, services: Services, options: HttpOptions = {}): Promise<void> {
  await site.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  site.get('/openapi.json', { schema: { hide: true } }, async () => site.swagger());
  healthRoutes(site, services);
  regimeRoutes(site, services);
  organisationRoutes(site, services, options);
  productRoutes(site, services, options);
  marketRoutes(site, services);
  declarationRoutes(site, services, options);
  bulkDeclarationRoutes(site, services, options);
  journalRoutes(site, services);
  labelRoutes(site, services, options);
  labelKeyRoutes(site, services, options);
  checkRoutes(site, services, options);
  snapshotRoutes(site, services);
  watchRoutes(site, services, options);
  webhookRoutes(site, services, options);
  logRoutes(site, services);
  evidenceRoutes(site, services, options);
}

export { problem };

/**
 * @fastify/helmet builds a new helmet middleware (re-parsing every option) in two hooks on each request:
 * that was a large part of a cached sellability answer's cost. So that route, outside the plugin's context,
 * sends the headers helmet produced for a request to /healthz: the same headers, computed once, on first use.
 */
export function cachedHelmetHeaders(
  app: FastifyInstance,
): () => Record<string, string> | Promise<Record<string, string>> {
  let headers: Record<string, string> | undefined;
  return () =>
    headers ??
    app.inject('/healthz').then((probe) => {
      const picked: Record<string, string> = {};
      for (const [name, value] of Object.entries(probe.headers))
        if (HELMET_HEADERS.has(name) && typeof value === 'string') picked[name] = value;
      return (headers = picked);
    });
}

const HELMET_HEADERS = new Set([
  'content-security-policy',
  'cross-origin-opener-policy',
  'cross-origin-resource-policy',
  'origin-agent-cluster',
  'referrer-policy',
  'strict-transport-security',
  'x-content-type-options',
  'x-dns-prefetch-control',
  'x-download-options',
  'x-frame-options',
  'x-permitted-cross-domain-policies',
  'x-xss-protection',
]);
