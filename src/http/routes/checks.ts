// POST /v1/checks: a whole catalogue, streamed both ways (docs/catalogue-checks.md). In this route's own
// scope the catalogue content types get a parser that hands Fastify the raw request stream, so the body is
// never buffered: the registry parses it while it arrives and answers row by row.
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../registry/index.js';
import { defaultRetailRegime } from '../../regimes/index.js';
import { IotlabelError } from '../../errors.js';
import { formatForContentType } from '../../catalogue/parse-catalogue.js';
import { UNREADABLE_KINDS } from '../../catalogue/types.js';
import type { HttpOptions } from '../options.js';
import { responses } from '../schemas.js';

const CONTENT_TYPES = [
  'text/csv',
  'application/x-ndjson',
  'application/ndjson',
  'application/jsonl',
  'application/json',
];

const text = { type: 'string' };
const optionalText = { type: ['string', 'null'] };
const count = { type: 'integer', minimum: 0 };
/** One line of the answer: a row result, then the summary; a failure once the answer has started ends it with an error. */
const CHECK_LINE = {
  oneOf: [
    {
      type: 'object',
      description: 'The result of one catalogue row (docs/catalogue-checks.md)',
      properties: {
        line: { type: 'integer', minimum: 1 },
        sku: optionalText,
        gtin: optionalText,
        sellable: { type: 'boolean' },
        outcome: text,
        reason: text,
        supportEndDate: optionalText,
        labelId: optionalText,
        labelStatus: optionalText,
        problem: { enum: [...UNREADABLE_KINDS, null] },
      },
      required: ['line', 'sku', 'gtin', 'sellable', 'outcome', 'reason', 'supportEndDate', 'labelId', 'labelStatus'],
    },
    {
      type: 'object',
      properties: {
        summary: {
          type: 'object',
          properties: {
            regime: {
              type: 'string',
              description: 'The regime; for a market check, the laws binding a sale there joined by "+"',
            },
            market: { type: 'string', description: 'Set for a market check: its code' },
            at: text,
            rows: count,
            sellable: count,
            notSellable: count,
            unknownProduct: count,
            unreadable: count,
            unreadableByKind: { type: 'object', additionalProperties: count },
          },
          required: ['regime', 'at', 'rows', 'sellable', 'notSellable', 'unknownProduct', 'unreadable'],
        },
      },
      required: ['summary'],
    },
    {
      type: 'object',
      properties: {
        error: { type: 'object', properties: { code: text, detail: text }, required: ['code', 'detail'] },
      },
      required: ['error'],
    },
  ],
};

export function checkRoutes(app: FastifyInstance, services: Services, options: HttpOptions): void {
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(CONTENT_TYPES, (_request, payload, done) => done(null, payload));
    scope.addContentTypeParser('*', (request, _payload, done) =>
      done(
        new IotlabelError(
          'MEDIA_TYPE_UNSUPPORTED',
          `Content-Type "${request.headers['content-type'] ?? ''}" is not a catalogue: send text/csv, application/x-ndjson or application/json`,
        ),
        undefined,
      ),
    );

    scope.post<{ Querystring: { regime?: string; market?: string; at?: string } }>(
      '/v1/checks',
      {
        config: {
          access: ['retailer', 'regulator'],
          rateLimit: { max: options.checks?.perMinute ?? 30, timeWindow: 60_000 },
        },
        schema: {
          tags: ['sellability'],
          summary:
            'Check a whole catalogue (CSV, NDJSON or a JSON array, streamed): one NDJSON result a row in input order, then a summary line',
          description:
            'The body is the catalogue as it is, with its content type. The answer is `application/x-ndjson`: one row result per line, ' +
            'then `{"summary": ...}`. A failure after the answer has started ends it with `{"error": {"code", "detail"}}` and no summary. See docs/catalogue-checks.md.',
          querystring: {
            type: 'object',
            properties: {
              regime: {
                type: 'string',
                minLength: 1,
                maxLength: 64,
                description: `The rulebook to check against (default ${defaultRetailRegime()}); not with market`,
              },
              market: {
                type: 'string',
                minLength: 2,
                maxLength: 8,
                pattern: '^[A-Za-z]{2,8}$',
                description:
                  'A market (territory code, e.g. AU): a row is sellable iff every law binding a sale there on the day allows it',
              },
              at: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
            },
            additionalProperties: false,
          },
          response: responses(
            {
              200: {
                description: 'Row results, one JSON object a line, then the summary line',
                // Each line's schema, as OpenAPI 3.2's itemSchema says for sequential media types (an extension in 3.1).
                content: { 'application/x-ndjson': { schema: text, 'x-item-schema': CHECK_LINE } },
              },
            },
            [401, 403, 404, 413, 415],
          ),
        },
      },
      async (request, reply) => {
        const check = services.checks.prepare(request.query);
        const format = formatForContentType(request.headers['content-type'] ?? '');
        const body = request.body as Readable | undefined;
        if (format === undefined || body === undefined || !(body instanceof Readable))
          throw new IotlabelError(
            'MEDIA_TYPE_UNSUPPORTED',
            'send the catalogue as the request body with Content-Type text/csv, application/x-ndjson or application/json',
          );
        const maxBytes = options.checks?.maxBytes;
        const declared = Number(request.headers['content-length']);
        if (maxBytes !== undefined && Number.isFinite(declared) && declared > maxBytes)
          throw new IotlabelError('PAYLOAD_TOO_LARGE', `the catalogue is larger than ${maxBytes} bytes; split it`);
        const limits = {
          ...(maxBytes === undefined ? {} : { maxBytes }),
          ...(options.checks?.maxRows === undefined ? {} : { maxRows: options.checks.maxRows }),
        };
        const lines = services.checks.run(body, format, check, limits, (error) =>
          request.log.error({ err: error }, 'catalogue check failed'),
        );
        return reply.type('application/x-ndjson').header('cache-control', 'no-store').send(Readable.from(lines));
      },
    );
  });
}
