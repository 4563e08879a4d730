// JSON Schemas shared by the routes, registered once with app.addSchema and referenced as `Name#`.
// They are the API's contract twice over: the OpenAPI document is built from them, and response
// serialisation keeps only the properties listed here, so an internal field never leaks.
import { LABEL_STATUSES } from '../labels/label-status.js';
import { ORGANISATION_KINDS } from '../registry/accounts/organisation-kinds.js';
import { DECLARATION_STATUSES } from '../registry/products/declaration-status.js';

const nullable = (schema: Record<string, unknown>) => ({ anyOf: [schema, { type: 'null' }] });
const date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', examples: ['2030-12-31'] };
const timestamp = { type: 'string', description: 'ISO 8601 UTC', examples: ['2026-11-24T10:00:00.000Z'] };
export const gtinString = {
  type: 'string',
  pattern: '^[0-9]{8,14}$',
  description: 'GTIN-8, -12, -13 or -14 with a valid GS1 check digit',
  examples: ['05012345678900'],
};
const role = { type: 'string', enum: [...ORGANISATION_KINDS] };

export const SCHEMAS = [
  {
    $id: 'Problem',
    type: 'object',
    description: 'RFC 9457 problem details',
    properties: {
      type: { type: 'string', examples: ['urn:iotlabel:problem:gtin-invalid'] },
      title: { type: 'string' },
      status: { type: 'integer' },
      detail: { type: 'string' },
      instance: { type: 'string' },
      code: { type: 'string', description: 'Stable error code (docs/errors.md)' },
      errors: {
        type: 'array',
        description: 'One entry per field that is wrong',
        items: {
          type: 'object',
          properties: { pointer: { type: 'string' }, detail: { type: 'string' } },
          required: ['pointer', 'detail'],
        },
      },
    },
    required: ['type', 'title', 'status', 'detail', 'code'],
  },
  {
    $id: 'Organisation',
    type: 'object',
    properties: { id: { type: 'string' }, name: { type: 'string' }, kind: role, createdAt: timestamp },
    required: ['id', 'name', 'kind', 'createdAt'],
  },
  {
    $id: 'ApiKey',
    type: 'object',
    properties: {
      id: { type: 'string' },
      organisationId: { type: 'string' },
      role,
      name: { type: 'string' },
      prefix: { type: 'string', description: 'The visible start of the key' },
      createdAt: timestamp,
      revokedAt: nullable(timestamp),
      lastUsedAt: nullable(timestamp),
    },
    required: ['id', 'organisationId', 'role', 'name', 'prefix', 'createdAt', 'revokedAt', 'lastUsedAt'],
  },
  {
    $id: 'CreatedApiKey',
    type: 'object',
    properties: {
      id: { type: 'string' },
      organisationId: { type: 'string' },
      role,
      name: { type: 'string' },
      prefix: { type: 'string' },
      createdAt: timestamp,
      revokedAt: nullable(timestamp),
      lastUsedAt: nullable(timestamp),
      key: { type: 'string', description: 'The secret key. Shown once: the registry stores only its SHA-256.' },
    },
    required: ['id', 'organisationId', 'role', 'name', 'prefix', 'createdAt', 'key'],
  },
  {
    $id: 'DeclarationSummary',
    type: 'object',
    properties: {
      id: { type: 'string' },
      version: nullable({ type: 'integer' }),
      status: { type: 'string', enum: [...DECLARATION_STATUSES] },
      sha256: { type: 'string', description: 'SHA-256 of the stored canonical JSON document' },
      supportEndDate: nullable(date),
      createdAt: timestamp,
    },
    required: ['id', 'version', 'status', 'sha256', 'supportEndDate', 'createdAt'],
  },
  {
    $id: 'LogReference',
    type: 'object',
    description:
      'The transparency-log entry the answer rests on. Check it yourself: leafHash is hex SHA-256(0x00 || entry); fetch /log/proof/inclusion?index=<index> and verify it against a checkpoint signed by the log key, of at least checkpointSize entries.',
    properties: {
      index: { type: 'integer' },
      leafHash: { type: 'string', pattern: '^[0-9a-f]{64}$' },
      checkpointSize: { type: 'integer' },
      entry: { type: 'string', description: 'The entry as logged (canonical JSON)' },
    },
    required: ['index', 'leafHash', 'checkpointSize', 'entry'],
  },
  {
    $id: 'Product',
    type: 'object',
    properties: {
      id: { type: 'string' },
      manufacturer: {
        type: 'object',
        properties: { id: { type: 'string' }, name: { type: 'string' } },
        required: ['id', 'name'],
      },
      brand: { type: 'string' },
      model: { type: 'string' },
      name: { type: 'string' },
      category: { type: 'string' },
      gtins: { type: 'array', items: { type: 'string' } },
      createdAt: timestamp,
      withdrawn: nullable({
        type: 'object',
        properties: { at: timestamp, reason: { type: 'string' } },
        required: ['at', 'reason'],
      }),
      latestDeclaration: nullable({ $ref: 'DeclarationSummary#' }),
      log: { $ref: 'LogReference#' },
    },
    required: [
      'id',
      'manufacturer',
      'brand',
      'model',
      'name',
      'category',
      'gtins',
      'createdAt',
      'withdrawn',
      'latestDeclaration',
    ],
  },
  {
    $id: 'Assessment',
    type: 'object',
    description: 'The assessment of one declaration against one regime on one day (DESIGN.md)',
    properties: {
      regime: { type: 'string' },
      at: date,
      outcome: { type: 'string', enum: ['pass', 'fail', 'out-of-scope'] },
      sellable: { type: 'boolean' },
      label: nullable({
        type: 'object',
        properties: { shield: { type: 'string', enum: ['tick', 'cross'] }, supportEndDate: date },
        required: ['shield', 'supportEndDate'],
      }),
      requirements: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            id: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'string', enum: ['met', 'not-met', 'not-applicable', 'not-declared'] },
            reasons: { type: 'array', items: { type: 'string' } },
            route: { type: 'string' },
          },
          required: ['id', 'title', 'status', 'reasons'],
        },
      },
      findings: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            code: { type: 'string' },
            message: { type: 'string' },
            paths: { type: 'array', items: { type: 'string' } },
          },
        },
      },
      recommendations: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            id: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'string' },
            justification: { type: 'string' },
          },
        },
      },
      version: {
        type: 'object',
        description: 'The dated version of the regime applied',
        properties: { id: { type: 'string' }, from: date, by: { type: 'string' } },
      },
      level: { type: 'integer', description: 'Levelled schemes (sg-cls, jp-jcstar): the highest level reached' },
      mark: nullable({
        type: 'object',
        description: "The territory's own mark a pass gives (not a registry label)",
        properties: {
          form: { type: 'string' },
          verifier: { type: 'string' },
          validity: { type: 'string' },
          validityYears: {
            type: 'integer',
            description: 'The longest a mark lasts from issue, in years, where stated',
          },
          gives: { type: 'string' },
          level: { type: 'integer' },
        },
      }),
      obligations: {
        type: 'array',
        items: {
          type: 'object',
          properties: { id: { type: 'string' }, from: date, title: { type: 'string' }, text: { type: 'string' } },
        },
      },
      conformity: {
        type: 'object',
        description: 'EU CRA: product class and the conformity routes open to it',
        properties: {
          productClass: { type: 'string' },
          annexEntry: nullable({ type: 'string' }),
          routes: { type: 'array', items: { type: 'string' } },
          reason: { type: 'string' },
        },
      },
    },
    required: ['regime', 'at', 'outcome', 'sellable', 'label', 'requirements'],
  },
  {
    $id: 'Declaration',
    type: 'object',
    properties: {
      id: { type: 'string' },
      productId: { type: 'string' },
      organisationId: { type: 'string' },
      version: nullable({ type: 'integer' }),
      status: { type: 'string', enum: [...DECLARATION_STATUSES] },
      sha256: { type: 'string' },
      supportEndDate: nullable(date),
      createdAt: timestamp,
      fromDraftId: nullable({ type: 'string' }),
      document: {
        type: 'object',
        additionalProperties: true,
        description: 'The declaration as submitted (iotlabel.declaration/v1)',
      },
      assessments: { type: 'array', items: { $ref: 'Assessment#' } },
    },
    required: [
      'id',
      'productId',
      'version',
      'status',
      'sha256',
      'supportEndDate',
      'createdAt',
      'document',
      'assessments',
    ],
  },
  {
    $id: 'Sellable',
    type: 'object',
    properties: {
      product: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          brand: { type: 'string' },
          model: { type: 'string' },
          name: { type: 'string' },
          manufacturer: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } },
          gtins: { type: 'array', items: { type: 'string' } },
        },
      },
      regime: { type: 'string' },
      at: date,
      sellable: { type: 'boolean' },
      outcome: {
        type: 'string',
        enum: [
          'pass',
          'fail',
          'out-of-scope',
          'label-revoked',
          'label-suspended',
          'no-label',
          'not-assessed',
          'not-declared',
          'withdrawn',
        ],
      },
      reason: {
        type: 'string',
        description:
          'One short sentence for a shop assistant (the same sale rule and sentence as a catalogue check row)',
      },
      reasons: { type: 'array', items: { type: 'string' }, description: '`reason` first, then the detail behind it' },
      supportEndDate: nullable(date),
      label: nullable({ type: 'object', properties: { shield: { type: 'string' }, supportEndDate: date } }),
      labelId: nullable({
        type: 'string',
        description: "The product's current label (under this regime when it is a labelling one)",
      }),
      labelStatus: nullable({ type: 'string', enum: [...LABEL_STATUSES] }),
      labelUrl: nullable({
        type: 'string',
        description: "Under a labelling regime: the product's current label (GET /v1/labels/{id})",
      }),
      declaration: nullable({
        type: 'object',
        properties: { id: { type: 'string' }, version: { type: 'integer' }, sha256: { type: 'string' } },
      }),
      log: nullable({ $ref: 'LogReference#' }),
    },
    required: [
      'product',
      'regime',
      'at',
      'sellable',
      'outcome',
      'reason',
      'reasons',
      'supportEndDate',
      'label',
      'labelId',
      'labelStatus',
      'labelUrl',
      'declaration',
    ],
  },
  {
    $id: 'Event',
    type: 'object',
    properties: {
      seq: { type: 'integer' },
      at: timestamp,
      type: { type: 'string' },
      subjectId: { type: 'string' },
      productId: nullable({ type: 'string' }),
      organisationId: nullable({ type: 'string' }),
      payload: { type: 'object', additionalProperties: true },
    },
  },
  {
    $id: 'AuditEntry',
    type: 'object',
    properties: {
      id: { type: 'integer' },
      at: timestamp,
      organisationId: nullable({ type: 'string' }),
      keyId: nullable({ type: 'string' }),
      action: { type: 'string' },
      subjectType: { type: 'string' },
      subjectId: { type: 'string' },
      detail: { type: 'object', additionalProperties: true },
    },
  },
] as const;

export const ref = (id: string) => ({ $ref: `${id}#` });

/**
 * An answer under its real media type. Fastify picks the serializer by the reply's Content-Type, and
 * @fastify/swagger documents `content` as written, so the document says what is served: errors as
 * application/problem+json, images, HTML, PDF and feeds as themselves (a string body is sent as it is).
 */
export function media(type: string, description: string, schema: Record<string, unknown> = { type: 'string' }) {
  return { description, content: { [type]: { schema } } };
}
/** Bytes (an image, a PDF, a signed file): OpenAPI 3.1 writes them as a string of that media type. */
export const BINARY = { type: 'string', format: 'binary' };
export const PROBLEM = media('application/problem+json', 'RFC 9457 problem details', ref('Problem'));

/** Per-status response schemas: the success schema(s) plus a Problem for each error status the route can give. */
export function responses(success: Record<number, unknown>, errors: readonly number[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...success };
  for (const status of new Set([400, ...errors, 429, 500, 503])) out[status] = PROBLEM;
  return out;
}

export const idParam = (name: string) => ({
  type: 'object',
  properties: { [name]: { type: 'string', minLength: 1, maxLength: 64 } },
  required: [name],
});

export const pageQuery = {
  limit: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
};
