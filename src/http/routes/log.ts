// The transparency log over HTTP. Under /log, byte-compatible with c2sp.org/tlog-tiles (checkpoint, hash
// tiles, entry bundles), so Go and Rust log clients read it unchanged; plus the verifier key, documents by
// hash, proofs, and a product's history with a c2sp.org/tlog-proof per entry. All public, all reads.
import { acceptsGzip } from '../../encoding/accepts-gzip.js';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Services } from '../../registry/index.js';
import { HISTORY_PAGE } from '../../registry/log/log.js';
import { BINARY, idParam, media, responses } from '../schemas.js';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const SHORT = 'public, max-age=10';
/** A partial tile of a given width never changes once served (c2sp.org/tlog-tiles): a day, not 10 s. */
const PARTIAL_TILE = 'public, max-age=86400';
// Monitors poll the checkpoint: a few seconds of caching, never a stale tree for long.
const CHECKPOINT = 'public, max-age=2';

const text = (reply: FastifyReply, cache: string, body: string) =>
  reply.header('cache-control', cache).type('text/plain; charset=utf-8').send(body);

const historyEntry = {
  type: 'object',
  properties: {
    index: { type: 'integer' },
    type: { type: 'string', examples: ['declaration'] },
    entry: {
      type: 'string',
      description: 'The entry as logged (canonical JSON). Its leaf hash is SHA-256(0x00 || UTF-8 bytes).',
    },
    proof: { type: 'string', description: 'c2sp.org/tlog-proof of the entry against `checkpoint`' },
  },
  required: ['index', 'type', 'entry', 'proof'],
};

export function logRoutes(app: FastifyInstance, services: Services): void {
  const { log } = services;

  app.get(
    '/log/checkpoint',
    {
      schema: {
        tags: ['transparency log'],
        summary: 'The latest signed checkpoint (c2sp.org/tlog-checkpoint)',
        response: responses({ 200: media('text/plain', 'A signed note') }, []),
      },
    },
    async (_request, reply) => text(reply, CHECKPOINT, (await log.checkpoint()).note),
  );

  app.get(
    '/log/key',
    {
      schema: {
        tags: ['transparency log'],
        summary: "The log's verifier key (c2sp.org/signed-note, Ed25519)",
        response: responses({ 200: media('text/plain', 'The verifier key, one line') }, []),
      },
    },
    async (_request, reply) => text(reply, 'public, max-age=3600', `${log.verifierKey}\n`),
  );

  app.get<{ Params: { '*': string } }>(
    '/log/tile/*',
    {
      schema: {
        tags: ['transparency log'],
        summary: 'A hash tile tile/<L>/<N>[.p/<W>] or entry bundle tile/entries/<N>[.p/<W>] (c2sp.org/tlog-tiles)',
        response: responses({ 200: media('application/octet-stream', 'The tile bytes', BINARY) }, [404]),
      },
    },
    async (request, reply) => {
      const path = request.params['*'];
      const tile = await log.tile(`tile/${path}`);
      reply.header('cache-control', tile.full ? IMMUTABLE : PARTIAL_TILE).type('application/octet-stream');
      if (!path.startsWith('entries/')) return reply.send(Buffer.from(tile.data));
      // The same URL answers compressed or not, so caches must key on Accept-Encoding.
      reply.header('vary', 'Accept-Encoding');
      if (!acceptsGzip(request.headers['accept-encoding'])) return reply.send(Buffer.from(tile.data));
      return reply.header('content-encoding', 'gzip').send(gzipSync(tile.data));
    },
  );

  app.get<{ Params: { sha256: string } }>(
    '/log/documents/:sha256',
    {
      schema: {
        tags: ['transparency log'],
        summary: 'The full document a log entry names by SHA-256 (a declaration, a label)',
        params: {
          type: 'object',
          properties: { sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' } },
          required: ['sha256'],
        },
        response: responses(
          { 200: media('application/json', 'The document as logged', { type: 'object', additionalProperties: true }) },
          [404],
        ),
      },
    },
    async (request, reply) => {
      const doc = await log.document(request.params.sha256);
      return reply.header('cache-control', IMMUTABLE).type(doc.mediaType).send(doc.body);
    },
  );

  app.get<{ Querystring: { index: number } }>(
    '/log/proof/inclusion',
    {
      schema: {
        tags: ['transparency log'],
        summary: 'A c2sp.org/tlog-proof that entry `index` is in the log, against the latest checkpoint',
        querystring: {
          type: 'object',
          properties: { index: { type: 'integer', minimum: 0 } },
          required: ['index'],
          additionalProperties: false,
        },
        response: responses({ 200: media('text/plain', 'A c2sp.org/tlog-proof') }, [404]),
      },
    },
    async (request, reply) => text(reply, SHORT, await log.inclusion(request.query.index)),
  );

  app.get<{ Querystring: { from: number; to?: number } }>(
    '/log/proof/consistency',
    {
      schema: {
        tags: ['transparency log'],
        summary: 'RFC 6962 consistency proof from tree size `from` to `to` (default: the latest checkpoint)',
        querystring: {
          type: 'object',
          properties: { from: { type: 'integer', minimum: 1 }, to: { type: 'integer', minimum: 1 } },
          required: ['from'],
          additionalProperties: false,
        },
        response: responses(
          {
            200: {
              type: 'object',
              properties: {
                from: { type: 'integer' },
                to: { type: 'integer' },
                proof: { type: 'array', items: { type: 'string', description: 'base64 hash' } },
                checkpoint: {
                  anyOf: [{ type: 'string' }, { type: 'null' }],
                  description: 'The signed checkpoint of size `to`, when the log signed one',
                },
              },
              required: ['from', 'to', 'proof', 'checkpoint'],
            },
          },
          [],
        ),
      },
    },
    async (request, reply) =>
      reply.header('cache-control', SHORT).send(await log.consistency(request.query.from, request.query.to)),
  );

  app.get<{ Params: { productId: string }; Querystring: { after?: number; limit?: number } }>(
    '/v1/products/:productId/history',
    {
      config: { access: 'public' },
      schema: {
        tags: ['transparency log'],
        summary: "A product's log entries, oldest first, each with its inclusion proof against one checkpoint",
        params: idParam('productId'),
        querystring: {
          type: 'object',
          properties: {
            after: {
              type: 'integer',
              minimum: 0,
              description: 'Only entries with a larger index: the `next` of the previous page',
            },
            limit: { type: 'integer', minimum: 1, maximum: HISTORY_PAGE, default: HISTORY_PAGE },
          },
          additionalProperties: false,
        },
        response: responses(
          {
            200: {
              type: 'object',
              properties: {
                productId: { type: 'string' },
                size: { type: 'integer' },
                checkpoint: { type: 'string' },
                entries: { type: 'array', items: historyEntry },
                next: {
                  anyOf: [{ type: 'integer' }, { type: 'null' }],
                  description: 'Pass as `after` for the next page; null on the last page',
                },
              },
              required: ['productId', 'size', 'checkpoint', 'entries', 'next'],
            },
          },
          [404],
        ),
      },
    },
    async (request, reply) =>
      reply.header('cache-control', SHORT).send(await log.history(request.params.productId, request.query)),
  );
}
