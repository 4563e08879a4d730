// Labels over HTTP: issue (manufacturer), read as JSON, SVG or PNG (public), history per product, status
// changes (regulator) and server-side verification (public).
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../registry/index.js';
import { labellingRegimeIds } from '../../regimes/index.js';
import { actorOf } from '../access.js';
import { writeLimit, type HttpOptions } from '../options.js';
import { BINARY, gtinString, idParam, media, ref, responses } from '../schemas.js';
import { LABEL_STATUSES, type LabelStatus } from '../../labels/label-status.js';
import { LABEL_WIDTH_MM } from '../../labels/index.js';

const nullable = (schema: Record<string, unknown>) => ({ anyOf: [schema, { type: 'null' }] });
const status = { type: 'string', enum: [...LABEL_STATUSES] };
const statusView = {
  type: 'object',
  properties: { status, at: { type: 'string' }, reason: nullable({ type: 'string' }) },
  required: ['status', 'at', 'reason'],
};
// Read from the rulebooks when the schemas are built (a regime registered later is not in these enums).
const LABEL_REGIMES = labellingRegimeIds();

export const LABEL_SCHEMAS = [
  {
    $id: 'Label',
    type: 'object',
    description: 'An issued label: its facts, status and history, the signed token and links',
    properties: {
      id: { type: 'string', description: "The short label id printed on the label (the token's sub)" },
      productId: { type: 'string' },
      manufacturer: {
        type: 'object',
        properties: { id: { type: 'string' }, name: { type: 'string' } },
        required: ['id', 'name'],
      },
      brand: { type: 'string' },
      model: { type: 'string' },
      regime: { type: 'string', enum: LABEL_REGIMES },
      gtin: { type: 'string' },
      shield: { type: 'string', enum: ['tick', 'cross'] },
      supportEndDate: { type: 'string' },
      issuedAt: { type: 'string' },
      declaration: {
        type: 'object',
        properties: { id: { type: 'string' }, version: { type: 'integer' } },
        required: ['id', 'version'],
      },
      status: statusView,
      history: {
        type: 'array',
        items: {
          type: 'object',
          properties: { ...statusView.properties, previous: status },
          required: ['status', 'previous', 'at', 'reason'],
        },
      },
      supersededBy: nullable({ type: 'string' }),
      statusList: {
        type: 'object',
        properties: { number: { type: 'integer' }, index: { type: 'integer' }, uri: { type: 'string' } },
        required: ['number', 'index', 'uri'],
      },
      kid: { type: 'string', description: 'The signing key (RFC 7638 thumbprint) in /.well-known/iotlabel/keys' },
      token: { type: 'string', description: 'The compact JWS (EdDSA) as issued' },
      claims: { type: 'object', additionalProperties: true },
      links: {
        type: 'object',
        properties: {
          self: { type: 'string' },
          svg: { type: 'string' },
          png: { type: 'string' },
          qr: {
            type: 'string',
            description: 'What the QR code encodes: https://HOST/01/<GTIN-14>?label=<token> (a GS1 Digital Link)',
          },
          statusList: { type: 'string' },
          keys: { type: 'string' },
          product: { type: 'string' },
        },
        required: ['self', 'svg', 'png', 'qr', 'statusList', 'keys', 'product'],
      },
      log: { $ref: 'LogReference#' },
    },
    required: [
      'id',
      'productId',
      'manufacturer',
      'brand',
      'model',
      'regime',
      'gtin',
      'shield',
      'supportEndDate',
      'issuedAt',
      'declaration',
      'status',
      'history',
      'supersededBy',
      'statusList',
      'kid',
      'token',
      'claims',
      'links',
    ],
  },
  {
    $id: 'LabelReport',
    type: 'object',
    description: "checkLabel's report: every check in order and whether the label is genuine",
    properties: {
      genuine: { type: 'boolean' },
      at: { type: 'string' },
      label: nullable({ type: 'object', additionalProperties: true }),
      checks: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            step: { type: 'string' },
            outcome: { type: 'string', enum: ['pass', 'fail', 'info', 'not-checked'] },
            code: { type: 'string' },
            message: { type: 'string' },
          },
          required: ['step', 'outcome', 'message'],
        },
      },
    },
    required: ['genuine', 'at', 'label', 'checks'],
  },
] as const;

const labelParam = idParam('labelId');
const cacheFor = (seconds: number) => `public, max-age=${seconds}`;
/** Label faces may be embedded by retailers' pages: allow cross-origin <img> (helmet defaults to same-origin). */
const EMBEDDABLE = { 'cross-origin-resource-policy': 'cross-origin', 'access-control-allow-origin': '*' };

/** LABEL_SCHEMAS are added by buildApp on the root, with the shared SCHEMAS (a child context's own schemas would reset its validator). */
export function labelRoutes(app: FastifyInstance, services: Services, options: HttpOptions): void {
  app.post<{ Params: { productId: string }; Body: { regime: string; gtin?: string } }>(
    '/v1/products/:productId/labels',
    {
      config: { access: ['manufacturer'], rateLimit: writeLimit(options) },
      schema: {
        tags: ['labels'],
        summary: 'Issue a label for the product under a labelling regime',
        description:
          'Issued when the current published declaration allows a label today (409 LABEL_NOT_ISSUABLE with the reasons otherwise). ' +
          'Answers 200 with the existing label when the current declaration version already has a valid one.',
        params: idParam('productId'),
        body: {
          type: 'object',
          properties: { regime: { type: 'string', enum: LABEL_REGIMES }, gtin: gtinString },
          required: ['regime'],
          additionalProperties: false,
        },
        response: responses({ 200: ref('Label'), 201: ref('Label') }, [401, 403, 404, 409, 503]),
      },
    },
    async (request, reply) => {
      const { label, created } = await services.labels.issueLabel(
        actorOf(request),
        request.params.productId,
        request.body,
      );
      return reply
        .code(created ? 201 : 200)
        .header('location', label.links.self)
        .send(label);
    },
  );

  app.get<{ Params: { productId: string }; Querystring: { regime?: string } }>(
    '/v1/products/:productId/labels',
    {
      config: { access: 'public' },
      schema: {
        tags: ['labels'],
        summary: "The product's labels, newest first (the first per regime is the current one)",
        params: idParam('productId'),
        querystring: {
          type: 'object',
          properties: { regime: { type: 'string', enum: LABEL_REGIMES } },
          additionalProperties: false,
        },
        response: responses(
          {
            200: {
              type: 'object',
              properties: { labels: { type: 'array', items: ref('Label') } },
              required: ['labels'],
            },
          },
          [404],
        ),
      },
    },
    async (request) => ({ labels: await services.labels.ofProduct(request.params.productId, request.query.regime) }),
  );

  app.get<{ Params: { labelId: string } }>(
    '/v1/labels/:labelId',
    {
      config: { access: 'public' },
      schema: {
        tags: ['labels'],
        summary: 'One label: claims, status with history, token and links',
        params: labelParam,
        response: responses({ 200: ref('Label') }, [404]),
      },
    },
    async (request, reply) =>
      reply.header('cache-control', cacheFor(60)).send(await services.labels.byId(request.params.labelId)),
  );

  app.get<{ Params: { labelId: string }; Querystring: { size: 'web' | 'small' | 'large' | 'packaging' } }>(
    '/v1/labels/:labelId.svg',
    {
      config: { access: 'public' },
      schema: {
        tags: ['labels'],
        summary: 'The label face as SVG (says so when revoked, suspended or past its support period)',
        params: labelParam,
        querystring: {
          type: 'object',
          properties: {
            size: {
              type: 'string',
              enum: ['web', 'small', 'large', 'packaging'],
              default: 'web',
              description: `small: ${LABEL_WIDTH_MM.small} mm wide; large: ${LABEL_WIDTH_MM.large} mm wide; packaging: the older name of large; web: pixels`,
            },
          },
          additionalProperties: false,
        },
        response: responses({ 200: media('image/svg+xml', 'The label face'), 304: { type: 'null' } }, [404]),
      },
    },
    async (request, reply) => {
      const { body, etag } = await services.labels.labelSvg(
        request.params.labelId,
        request.query.size === 'packaging' ? 'large' : request.query.size,
      );
      void reply.header('etag', etag).header('cache-control', cacheFor(60)).headers(EMBEDDABLE);
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      return reply.type('image/svg+xml; charset=utf-8').send(body);
    },
  );

  app.get<{ Params: { labelId: string }; Querystring: { width: number } }>(
    '/v1/labels/:labelId.png',
    {
      config: { access: 'public' },
      schema: {
        tags: ['labels'],
        summary: 'The label face as PNG',
        params: labelParam,
        querystring: {
          type: 'object',
          properties: { width: { type: 'integer', minimum: 200, maximum: 2400, default: 800 } },
          additionalProperties: false,
        },
        response: responses({ 200: media('image/png', 'The label face', BINARY), 304: { type: 'null' } }, [404]),
      },
    },
    async (request, reply) => {
      const { body, etag } = await services.labels.labelPng(request.params.labelId, request.query.width);
      void reply.header('etag', etag).header('cache-control', cacheFor(60)).headers(EMBEDDABLE);
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      return reply.type('image/png').send(body);
    },
  );

  app.post<{ Params: { labelId: string }; Body: { status: LabelStatus; reason: string } }>(
    '/v1/labels/:labelId/status',
    {
      config: { access: ['regulator'], rateLimit: writeLimit(options) },
      schema: {
        tags: ['labels'],
        summary: 'Revoke or suspend a label, or reinstate a suspended one (revoked is final: 409)',
        params: labelParam,
        body: {
          type: 'object',
          properties: { status, reason: { type: 'string', minLength: 1, maxLength: 1000 } },
          required: ['status', 'reason'],
          additionalProperties: false,
        },
        response: responses({ 200: ref('Label') }, [401, 403, 404, 409]),
      },
    },
    async (request) => services.labels.changeStatus(actorOf(request), request.params.labelId, request.body),
  );

  app.post<{ Body: { token: string; gtin?: string; at?: string } }>(
    '/v1/labels/verify',
    {
      config: { access: 'public', rateLimit: writeLimit(options) },
      bodyLimit: 16 * 1024,
      schema: {
        tags: ['labels'],
        summary: "Verify a label token with the registry's current keys and status list",
        description:
          'For clients that cannot verify locally. The answer is a report (200 even when the label is not genuine). ' +
          'POST, so that the token (from the QR fragment) stays out of URLs and logs.',
        body: {
          type: 'object',
          properties: {
            token: { type: 'string', minLength: 1, maxLength: 8192 },
            gtin: { ...gtinString, description: 'The GTIN in the scanned link, when known' },
            at: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
          },
          required: ['token'],
          additionalProperties: false,
        },
        response: responses({ 200: ref('LabelReport') }, [413]),
      },
    },
    async (request) =>
      services.labels.verifyToken(request.body.token, { gtin: request.body.gtin, at: request.body.at }),
  );
}
