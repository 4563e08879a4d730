// buildApp(services): the HTTP API as a Fastify app. Reads top to bottom in the order requests meet it:
// server options, security headers, rate limits, OpenAPI, access control, error handling, then the routes.
// It only wires: every handler parses input, calls one service and replies.
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { randomUUID } from 'node:crypto';
import type { Services } from '../registry/index.js';
import { IotlabelError } from '../errors.js';
import { installAccessControl } from './access.js';
import { problem, sendProblem } from './problem.js';
import { SCHEMAS } from './schemas.js';
import { DEFAULT_BODY_LIMIT, type HttpOptions } from './options.js';
import { healthRoutes } from './routes/health.js';
import { regimeRoutes } from './routes/regimes.js';
import { sellableRoutes } from './routes/sellable.js';
import { organisationRoutes } from './routes/organisations.js';
import { productRoutes } from './routes/products.js';
import { declarationRoutes } from './routes/declarations.js';
import { journalRoutes } from './routes/journal.js';
import { registerWeb } from '../web/plugin.js';
import { labelRoutes } from './routes/labels.js';
import { labelKeyRoutes } from './routes/label-keys.js';

export type { HttpOptions } from './options.js';

/** Bodies are checked as sent (a number is not a string); query strings and path params are text, so coerced. */
function validators() {
  const base = { allErrors: true, removeAdditional: false, useDefaults: true, strict: false } as const;
  const strict = new Ajv({ ...base, coerceTypes: false });
  const coercing = new Ajv({ ...base, coerceTypes: 'array' });
  addFormats.default(strict);
  addFormats.default(coercing);
  return { strict, coercing };
}

export async function buildApp(services: Services, options: HttpOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? { level: process.env.LOG_LEVEL ?? 'info' },
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

  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    const read = request.method === 'GET' || request.method === 'HEAD';
    const entry = { method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime), org: request.actor?.kind === 'key' ? request.actor.organisationId : undefined };
    if (read && reply.statusCode < 400) request.log.debug(entry, 'request');
    else request.log.info(entry, 'request');
  });

  // CSP nonces: GOV.UK Frontend's page template has one inline script (the js-enabled class), which gets the nonce.
  await app.register(helmet, { global: true, enableCSPNonces: true });
  await app.register(rateLimit, {
    global: false,
    hook: 'preHandler',
    keyGenerator: (request) => (request.actor?.kind === 'key' ? `key:${request.actor.keyId}` : `ip:${request.ip}`),
    errorResponseBuilder: (_request, context) => new IotlabelError('RATE_LIMITED', `too many writes: at most ${context.max} per minute; retry in ${context.after}`),
  });

  for (const schema of SCHEMAS) app.addSchema(schema);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'iotlabel registry API', version: '1', description: 'Consumer-IoT security declarations, assessments and sellability. Errors are RFC 9457 problem documents.' },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API key: iotl_<prefix>_<secret>' } } },
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  installAccessControl(app, services);
  app.setErrorHandler((error, request, reply) => sendProblem(request, reply, error));
  app.setNotFoundHandler((request, reply) => sendProblem(request, reply, new IotlabelError('NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`)));

  healthRoutes(app, services);
  regimeRoutes(app, services);
  sellableRoutes(app, services);
  organisationRoutes(app, services, options);
  productRoutes(app, services, options);
  declarationRoutes(app, services, options);
  journalRoutes(app, services);
  await registerWeb(app, services, options.web);
  labelRoutes(app, services, options);
  labelKeyRoutes(app, services, options);
  return app;
}

export { problem };
