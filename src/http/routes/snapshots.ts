// GET /v1/snapshots/latest: the signed offline snapshot (docs/catalogue-checks.md), cached by the registry
// and revalidated with its ETag. GET /v1/snapshots/delta?since=<body hash>: only what changed since a
// snapshot the till holds, signed the same way.
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Services } from '../../registry/index.js';

type ServedSnapshot = Awaited<ReturnType<Services['snapshots']['latest']>>;
import { SNAPSHOT_CONTENT_TYPE, SNAPSHOT_DELTA_CONTENT_TYPE } from '../../catalogue/snapshot-format.js';
import { BINARY, media, responses } from '../schemas.js';

export function snapshotRoutes(app: FastifyInstance, services: Services): void {
  app.get(
    '/v1/snapshots/latest',
    {
      config: { access: 'public' },
      schema: {
        tags: ['sellability'],
        summary:
          "Every product's sellability facts today, signed (application/vnd.iotlabel.snapshot); verify with the keys at /.well-known/iotlabel/keys",
        description:
          'Check a catalogue offline with `iotlabel check CATALOGUE --snapshot FILE --keys KEYS`. The file changes after writes: ' +
          'it is rebuilt in the background (at most once every few seconds) and the previous one is served meanwhile, so ' +
          '`Last-Modified` (and the signed `createdAt`) says as of when it holds, and `X-Snapshot-Stale: true` that a newer one is on its way. ' +
          'Ask again with If-None-Match.',
        response: responses(
          { 200: media(SNAPSHOT_CONTENT_TYPE, 'The signed snapshot file', BINARY), 304: { type: 'null' } },
          [503],
        ),
      },
    },
    async (request, reply) =>
      send(request.headers['if-none-match'], reply, await services.snapshots.latest(), 'iotsnap'),
  );

  app.get<{ Querystring: { since: string } }>(
    '/v1/snapshots/delta',
    {
      config: { access: 'public' },
      schema: {
        tags: ['sellability'],
        summary:
          'What changed since a snapshot you hold, signed (application/vnd.iotlabel.snapshot-delta): apply it with `iotlabel check --delta`',
        description:
          '`since` is the `bodySha256` in the signed header of the snapshot (or the `result` of the delta) you hold. ' +
          'The delta holds the records of the products that changed, the ids of those gone, and as `result` the body hash ' +
          'of the full snapshot it brings you to, which is the `since` of the next delta. The last few snapshots built here can ' +
          'be a base; for an older one (or when most products changed) the answer is 410 SNAPSHOT_BASE_UNKNOWN: fetch ' +
          '/v1/snapshots/latest instead.',
        querystring: {
          type: 'object',
          properties: {
            since: {
              type: 'string',
              pattern: '^[A-Za-z0-9_-]{43}$',
              description: 'bodySha256 of the snapshot held (base64url SHA-256)',
            },
          },
          required: ['since'],
          additionalProperties: false,
        },
        response: responses(
          { 200: media(SNAPSHOT_DELTA_CONTENT_TYPE, 'The signed delta file', BINARY), 304: { type: 'null' } },
          [410, 503],
        ),
      },
    },
    async (request, reply) =>
      send(
        request.headers['if-none-match'],
        reply,
        await services.snapshots.delta(request.query.since),
        'iotsnap-delta',
      ),
  );
}

function send(ifNoneMatch: string | undefined, reply: FastifyReply, snapshot: ServedSnapshot, extension: string) {
  void reply
    .header('etag', snapshot.etag)
    .header('cache-control', 'public, max-age=60')
    .header('last-modified', new Date(snapshot.createdAt).toUTCString())
    .header('x-snapshot-stale', String(snapshot.stale))
    .header('access-control-allow-origin', '*');
  if (ifNoneMatch === snapshot.etag) return reply.code(304).send();
  return reply
    .type(snapshot.contentType)
    .header('content-length', String(snapshot.bytes))
    .header('content-disposition', `attachment; filename="iotlabel-${snapshot.createdAt.slice(0, 10)}.${extension}"`)
    .send(Readable.from(snapshot.chunks));
}
