// A retailer's watch list and the feeds of notices about it (docs/retail.md).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../registry/index.js';
import { IotlabelError } from '../../errors.js';
import { gtinsFromCsv, gtinsFromList, WATCHLIST_LIMIT } from '../../registry/retail/watch.js';
import { atomFeed, jsonFeed } from '../../registry/retail/feeds.js';
import { actorOf } from '../access.js';
import { writeLimit, type HttpOptions } from '../options.js';
import { gtinString, media, responses } from '../schemas.js';

const RETAILER = ['retailer'] as const;
const gtinList = {
  type: 'array',
  maxItems: WATCHLIST_LIMIT,
  items: {
    anyOf: [
      { type: 'string', maxLength: 14 },
      { type: 'integer', minimum: 0 },
    ],
  },
};
const watchlist = {
  type: 'object',
  properties: { count: { type: 'integer' }, gtins: { type: 'array', items: { type: 'string' } } },
  required: ['count', 'gtins'],
};
const UPLOAD_LIMIT = 8 * 1024 * 1024;

/** JSON Feed 1.1 (jsonfeed.org/version/1.1): what the spec requires, plus the fields this feed fills. */
const JSON_FEED = {
  type: 'object',
  properties: {
    version: { type: 'string', const: 'https://jsonfeed.org/version/1.1' },
    title: { type: 'string' },
    feed_url: { type: 'string' },
    items: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          title: { type: 'string' },
          content_text: { type: 'string' },
          date_published: { type: 'string', description: 'RFC 3339' },
          url: { type: 'string' },
          tags: { type: 'array', items: { type: 'string' } },
          _iotlabel: { type: 'object', additionalProperties: true, description: 'The notice itself' },
        },
        required: ['id'],
        anyOf: [{ required: ['content_text'] }, { required: ['content_html'] }],
      },
    },
  },
  required: ['version', 'title', 'items'],
};

export function watchRoutes(app: FastifyInstance, services: Services, options: HttpOptions): void {
  const lists = services.retail.watchlists;
  void app.register(async (scope) => {
    scope.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: UPLOAD_LIMIT }, (_request, body, done) =>
      done(null, body),
    );

    scope.put<{ Body: unknown }>(
      '/v1/watchlist',
      {
        config: { access: RETAILER, rateLimit: writeLimit(options) },
        bodyLimit: UPLOAD_LIMIT,
        schema: {
          tags: ['retail'],
          summary:
            'Replace the watch list: CSV with a GTIN column (as a catalogue), or JSON: a list of GTINs or {"gtins": [...]}',
          body: {
            content: {
              'application/json': {
                schema: {
                  anyOf: [
                    gtinList,
                    {
                      type: 'object',
                      properties: { gtins: gtinList },
                      required: ['gtins'],
                      additionalProperties: false,
                    },
                  ],
                },
              },
              'text/csv': { schema: { type: 'string' } },
            },
          },
          response: responses({ 200: watchlist }, [401, 403, 413, 415]),
        },
      },
      async (request) => {
        const body = request.body;
        const gtins =
          typeof body === 'string'
            ? await gtinsFromCsv(body)
            : Array.isArray(body)
              ? gtinsFromList(body, '')
              : gtinsFromList((body as { gtins: unknown[] }).gtins, '/gtins');
        return lists.replace(actorOf(request), gtins);
      },
    );
  });

  app.get(
    '/v1/watchlist',
    {
      config: { access: RETAILER },
      schema: {
        tags: ['retail'],
        summary: 'The GTINs on your watch list',
        response: responses({ 200: watchlist }, [401, 403]),
      },
    },
    async (request) => lists.get(actorOf(request)),
  );

  app.post<{ Body: { gtins: unknown[] } }>(
    '/v1/watchlist/gtins',
    {
      config: { access: RETAILER, rateLimit: writeLimit(options) },
      schema: {
        tags: ['retail'],
        summary: 'Add GTINs to the watch list (ones already on it are ignored)',
        body: {
          type: 'object',
          properties: { gtins: { ...gtinList, minItems: 1, maxItems: 10_000 } },
          required: ['gtins'],
          additionalProperties: false,
        },
        response: responses(
          {
            200: {
              type: 'object',
              properties: { added: { type: 'integer' }, ...watchlist.properties },
              required: ['added', 'count', 'gtins'],
            },
          },
          [401, 403],
        ),
      },
    },
    async (request) => lists.add(actorOf(request), gtinsFromList(request.body.gtins, '/gtins')),
  );

  app.delete<{ Params: { gtin: string } }>(
    '/v1/watchlist/gtins/:gtin',
    {
      config: { access: RETAILER, rateLimit: writeLimit(options) },
      schema: {
        tags: ['retail'],
        summary: 'Take a GTIN off the watch list',
        params: { type: 'object', properties: { gtin: gtinString }, required: ['gtin'] },
        response: responses({ 204: { type: 'null' } }, [401, 403, 404]),
      },
    },
    async (request, reply) => {
      await lists.remove(actorOf(request), request.params.gtin);
      return reply.code(204).send();
    },
  );

  const feed = (kind: 'atom' | 'json') => async (request: FastifyRequest, reply: FastifyReply) => {
    const actor = actorOf(request);
    if (actor.kind !== 'key') throw new IotlabelError('FORBIDDEN', 'feeds belong to a retailer key');
    const { notices, lastSeq } = await services.retail.notices.noticesOf(actor.organisationId);
    const etag = `W/"${actor.organisationId}-${lastSeq}"`;
    void reply.header('etag', etag).header('cache-control', 'private, no-cache');
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    const base = services.publicUrl;
    const input = {
      organisation: { id: actor.organisationId, name: actor.organisationName },
      notices,
      atomUrl: `${base}/v1/feeds/retailer.atom`,
      jsonUrl: `${base}/v1/feeds/retailer.json`,
      now: services.clock().toISOString(),
    };
    return kind === 'atom'
      ? reply.type('application/atom+xml; charset=utf-8').send(atomFeed(input))
      : reply.type('application/feed+json; charset=utf-8').send(JSON.stringify(jsonFeed(input)));
  };
  const feedSchema = (type: string, name: string, schema?: Record<string, unknown>) => ({
    tags: ['retail'],
    summary: `Notices about your watched products, newest first (${name})`,
    response: responses({ 200: media(type, name, schema), 304: { type: 'null' } }, [401, 403]),
  });
  app.get(
    '/v1/feeds/retailer.atom',
    { config: { access: RETAILER }, schema: feedSchema('application/atom+xml', 'Atom (RFC 4287)') },
    feed('atom'),
  );
  app.get(
    '/v1/feeds/retailer.json',
    { config: { access: RETAILER }, schema: feedSchema('application/feed+json', 'JSON Feed 1.1', JSON_FEED) },
    feed('json'),
  );
}
