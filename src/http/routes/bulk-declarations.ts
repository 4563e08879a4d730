// POST /v1/declarations/bulk: many declarations in one NDJSON stream (docs/api.md#bulk-declarations). The
// body is handed over as the raw request stream (never buffered) and answered line by line. Access is that
// of POST /v1/declarations; the rate limit counts documents, per key, in a one-minute window.
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../registry/index.js';
import { IotlabelError } from '../../errors.js';
import { actorOf } from '../access.js';
import { DEFAULT_BODY_LIMIT, writeLimit, type HttpOptions } from '../options.js';
import { responses } from '../schemas.js';

const NDJSON_TYPES = ['application/x-ndjson', 'application/ndjson', 'application/jsonl'];
export const DEFAULT_BULK_DOCUMENTS_PER_MINUTE = 60_000;
const DEFAULT_BULK_MAX_BYTES = 256 * 1024 * 1024;

const text = { type: 'string' };
const problems = {
  type: 'array',
  items: {
    type: 'object',
    properties: { message: text, path: text, line: { type: 'integer' }, item: text },
    required: ['message'],
  },
};
/** One line of the answer: a document's result, then the summary; a failure of the stream ends it with an error. */
const BULK_LINE = {
  oneOf: [
    {
      type: 'object',
      description: 'A document submitted: the line it was on, its product and the new declaration',
      properties: {
        line: { type: 'integer', minimum: 1 },
        productId: text,
        productCreated: { type: 'boolean' },
        declarationId: text,
        version: { type: ['integer', 'null'] },
      },
      required: ['line', 'productId', 'productCreated', 'declarationId', 'version'],
    },
    {
      type: 'object',
      description: 'A document refused (nothing of it was written): the line it was on and why',
      properties: {
        line: { type: 'integer', minimum: 1 },
        error: {
          type: 'object',
          properties: { code: text, detail: text, problems },
          required: ['code', 'detail'],
        },
      },
      required: ['line', 'error'],
    },
    {
      type: 'object',
      properties: {
        summary: {
          type: 'object',
          properties: {
            documents: { type: 'integer', minimum: 0 },
            submitted: { type: 'integer', minimum: 0 },
            failed: { type: 'integer', minimum: 0 },
          },
          required: ['documents', 'submitted', 'failed'],
        },
      },
      required: ['summary'],
    },
    {
      type: 'object',
      description: 'The stream itself failed (too large, unreadable): the last line, instead of the summary',
      properties: {
        error: { type: 'object', properties: { code: text, detail: text }, required: ['code', 'detail'] },
      },
      required: ['error'],
      additionalProperties: false,
    },
  ],
};

/** Documents per key in the current minute; a key's count starts again a minute after its first document. */
export function documentBudget(perMinute: number, now: () => number = Date.now) {
  const windows = new Map<string, { start: number; used: number }>();
  const current = (key: string) => {
    const t = now();
    let w = windows.get(key);
    if (!w || t - w.start >= 60_000) {
      if (windows.size > 10_000) for (const [k, old] of windows) if (t - old.start >= 60_000) windows.delete(k);
      w = { start: t, used: 0 };
      windows.set(key, w);
    }
    return w;
  };
  return {
    /** Seconds until `key` may send again, or 0 when it may now. */
    waitSeconds(key: string): number {
      const w = current(key);
      return w.used < perMinute ? 0 : Math.ceil((w.start + 60_000 - now()) / 1000);
    },
    take(key: string): boolean {
      const w = current(key);
      if (w.used >= perMinute) return false;
      w.used++;
      return true;
    },
  };
}

export function bulkDeclarationRoutes(app: FastifyInstance, services: Services, options: HttpOptions): void {
  const perMinute = options.bulk?.documentsPerMinute ?? DEFAULT_BULK_DOCUMENTS_PER_MINUTE;
  const budget = documentBudget(perMinute);
  const limits = {
    maxLineLength: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    maxBytes: options.bulk?.maxBytes ?? DEFAULT_BULK_MAX_BYTES,
  };

  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(NDJSON_TYPES, (_request, payload, done) => done(null, payload));
    scope.addContentTypeParser('*', (request, _payload, done) =>
      done(
        new IotlabelError(
          'MEDIA_TYPE_UNSUPPORTED',
          `Content-Type "${request.headers['content-type'] ?? ''}" is not NDJSON: send application/x-ndjson, one declaration a line`,
        ),
        undefined,
      ),
    );

    scope.post<{ Querystring: { draft: boolean } }>(
      '/v1/declarations/bulk',
      {
        config: { access: ['manufacturer'], rateLimit: writeLimit(options) },
        schema: {
          tags: ['declarations'],
          summary:
            'Submit many declarations as NDJSON (one document a line), each as POST /v1/declarations would: one result line per document, then a summary',
          description:
            'Each document is submitted on its own: a bad one is answered with its line number and error and nothing of it is written; ' +
            `the others go ahead. The rate limit counts documents per key per minute (default ${DEFAULT_BULK_DOCUMENTS_PER_MINUTE}, ` +
            '`iotlabel serve --bulk-documents-per-minute`); documents over it are answered RATE_LIMITED. A failure of the stream itself ' +
            'ends the answer with `{"error": {"code", "detail"}}` and no summary. See docs/api.md#bulk-declarations.',
          querystring: {
            type: 'object',
            properties: {
              draft: { type: 'boolean', default: false, description: 'Store every document as a draft' },
            },
            additionalProperties: false,
          },
          response: responses(
            {
              200: {
                description: 'One result line per document, in input order, then the summary line',
                content: { 'application/x-ndjson': { schema: text, 'x-item-schema': BULK_LINE } },
              },
            },
            [401, 403, 413, 415, 429],
          ),
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        services.bulkDeclarations.authorise(actor);
        const body = request.body;
        if (!(body instanceof Readable))
          throw new IotlabelError(
            'MEDIA_TYPE_UNSUPPORTED',
            'send the declarations as the request body with Content-Type application/x-ndjson',
          );
        const declared = Number(request.headers['content-length']);
        if (Number.isFinite(declared) && declared > limits.maxBytes)
          throw new IotlabelError('PAYLOAD_TOO_LARGE', `the stream is larger than ${limits.maxBytes} bytes; split it`);
        const key =
          actor.kind === 'key' ? `key:${actor.keyId}` : actor.kind === 'user' ? `user:${actor.userId}` : 'system';
        const wait = budget.waitSeconds(key);
        if (wait > 0) {
          void reply.header('retry-after', String(wait));
          throw new IotlabelError(
            'RATE_LIMITED',
            `too many documents: at most ${perMinute} per minute; retry in ${wait} seconds`,
          );
        }
        const lines = services.bulkDeclarations.submit(actor, body, {
          ...limits,
          draft: request.query.draft,
          take: () => budget.take(key),
          onError: (error) => request.log.error({ err: error }, 'bulk declaration failed'),
        });
        return reply.type('application/x-ndjson').header('cache-control', 'no-store').send(Readable.from(lines));
      },
    );
  });
}
