// GET /v1/snapshots/latest: the signed offline snapshot (docs/catalogue-checks.md), cached by the registry
// and revalidated with its ETag.
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../registry/index.js';
import { SNAPSHOT_CONTENT_TYPE } from '../../catalogue/snapshot-format.js';
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
    async (request, reply) => {
      const snapshot = await services.snapshots.latest();
      void reply
        .header('etag', snapshot.etag)
        .header('cache-control', 'public, max-age=60')
        .header('last-modified', new Date(snapshot.createdAt).toUTCString())
        .header('x-snapshot-stale', String(snapshot.stale))
        .header('access-control-allow-origin', '*');
      if (request.headers['if-none-match'] === snapshot.etag) return reply.code(304).send();
      return reply
        .type(snapshot.contentType)
        .header('content-length', String(snapshot.bytes))
        .header('content-disposition', `attachment; filename="iotlabel-${snapshot.createdAt.slice(0, 10)}.iotsnap"`)
        .send(Readable.from(snapshot.chunks));
    },
  );
}
