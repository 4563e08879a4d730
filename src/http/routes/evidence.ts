// Evidence behind a declaration: POST attaches a password-analysis result or a security.txt (JSON body, or
// the security.txt itself as text/plain) and answers with the evidence and the re-assessed declaration;
// GET lists it (public for submitted versions, owner and regulators only for drafts).
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../registry/index.js';
import type { EvidenceInput } from '../../registry/evidence/evidence.js';
import { MAX_SECURITY_TXT_BYTES } from '../../registry/evidence/evidence.js';
import { EvidenceInvalid } from '../../registry/evidence/errors.js';
import { actorOf } from '../access.js';
import { idParam, ref, responses } from '../schemas.js';
import { writeLimit, type HttpOptions } from '../options.js';
import { EVIDENCE_KINDS } from '../../evidence/kinds.js';

const free = { type: 'object', additionalProperties: true };
const diagnostics = {
  type: 'array',
  items: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } },
};

export const EVIDENCE_SCHEMA = {
  $id: 'Evidence',
  type: 'object',
  properties: {
    id: { type: 'string' },
    declarationId: { type: 'string' },
    kind: { type: 'string', enum: [...EVIDENCE_KINDS] },
    sha256: { type: 'string', description: 'Hex SHA-256 of the stored document' },
    source: { type: 'string', enum: ['upload', 'fetch'] },
    sourceUrl: { anyOf: [{ type: 'string' }, { type: 'null' }] },
    createdAt: { type: 'string' },
    current: { type: 'boolean', description: 'The newest of its kind: the one the assessment uses' },
    passwords: {
      type: 'object',
      description: 'Findings and batch statistics of an iotlabel.password-evidence/v1 document',
      properties: {
        analyser: free,
        declaration: free,
        verdict: { type: 'string' },
        findings: { type: 'array', items: free },
        statistics: free,
      },
    },
    securityTxt: {
      type: 'object',
      properties: {
        valid: { type: 'boolean' },
        expired: { type: 'boolean', description: 'When it was stored' },
        expiresAt: { anyOf: [{ type: 'string' }, { type: 'null' }] },
        signed: { type: 'boolean' },
        contacts: { type: 'array', items: { type: 'string' } },
        problems: diagnostics,
        warnings: {
          type: 'array',
          description: 'Where RFC 9116 asks more than internet.nl checks (docs/securitytxt.md); never a problem',
          items: {
            type: 'object',
            properties: {
              code: { type: 'string' },
              message: { type: 'string' },
              internetNl: { type: ['string', 'null'], description: "internet.nl's finding for the line; null: none" },
            },
          },
        },
        recommendations: diagnostics,
      },
    },
    document: { description: 'Owner and regulators only: the document as stored' },
    withdraws: {
      type: 'object',
      description: 'A withdrawal: the evidence it withdraws and why (it has no document of its own)',
      properties: { evidenceId: { type: 'string' }, reason: { type: 'string' } },
    },
    withdrawn: {
      type: 'object',
      description: 'Withdrawn evidence: when, by which withdrawal, and why',
      properties: { at: { type: 'string' }, by: { type: 'string' }, reason: { type: 'string' } },
    },
  },
  required: ['id', 'declarationId', 'kind', 'sha256', 'source', 'sourceUrl', 'createdAt', 'current'],
};

const jsonBody = {
  type: 'object',
  additionalProperties: false,
  required: ['kind'],
  properties: {
    kind: { type: 'string', enum: [...EVIDENCE_KINDS] },
    document: {
      type: 'object',
      description: 'kind passwords: the output of `iotlabel passwords --json` (iotlabel.password-evidence/v1)',
    },
    text: { type: 'string', maxLength: MAX_SECURITY_TXT_BYTES, description: 'kind security-txt: the file' },
    fetch: {
      type: 'boolean',
      description: "kind security-txt: fetch it from the declaration's vulnerabilityDisclosure.securityTxtUrl",
    },
  },
};

type Body = string | { kind: 'passwords' | 'security-txt'; document?: unknown; text?: string; fetch?: boolean };

function inputOf(body: Body): EvidenceInput {
  if (typeof body === 'string') return { kind: 'security-txt', text: body };
  if (body.kind === 'passwords') return { kind: 'passwords', document: body.document };
  if (body.text !== undefined) return { kind: 'security-txt', text: body.text };
  if (body.fetch === true) return { kind: 'security-txt', fetch: true };
  return { kind: 'security-txt', text: '' };
}

/** EVIDENCE_SCHEMA is added by buildApp on the root, with the shared SCHEMAS (a child context's own schemas would reset its validator). */
export function evidenceRoutes(app: FastifyInstance, services: Services, options: HttpOptions): void {
  app.post<{ Params: { declarationId: string }; Body: Body }>(
    '/v1/declarations/:declarationId/evidence',
    {
      config: { access: ['manufacturer'], rateLimit: writeLimit(options) },
      bodyLimit: 512 * 1024,
      schema: {
        tags: ['evidence'],
        summary: "Attach evidence to one of the caller's declarations and re-assess it",
        description:
          'JSON: {"kind":"passwords","document":{...}}, {"kind":"security-txt","text":"..."} or {"kind":"security-txt","fetch":true}; or the security.txt itself as text/plain. Each upload is a new immutable row; the newest of each kind counts. Evidence that contradicts the declaration makes the requirement not met.',
        params: idParam('declarationId'),
        body: {
          content: {
            'application/json': { schema: jsonBody },
            'text/plain': { schema: { type: 'string', maxLength: MAX_SECURITY_TXT_BYTES } },
          },
        },
        response: responses(
          { 201: { type: 'object', properties: { evidence: ref('Evidence'), declaration: ref('Declaration') } } },
          [400, 401, 403, 404, 413, 415, 422, 502, 504],
        ),
      },
    },
    async (request, reply) => {
      const body = request.body;
      if (typeof body !== 'string') {
        const problems = [];
        if (body.kind === 'passwords' && body.document === undefined)
          problems.push({ path: '/document', message: 'is required for kind passwords' });
        if (body.kind === 'passwords' && (body.text !== undefined || body.fetch !== undefined))
          problems.push({ path: body.text !== undefined ? '/text' : '/fetch', message: 'is for kind security-txt' });
        if (body.kind === 'security-txt' && body.document !== undefined)
          problems.push({ path: '/document', message: 'is for kind passwords' });
        if (body.kind === 'security-txt' && (body.text === undefined) === (body.fetch !== true))
          problems.push({ path: '/text', message: 'give either text or fetch: true' });
        if (problems.length > 0) throw new EvidenceInvalid(problems);
      }
      return reply
        .code(201)
        .send(await services.evidence.attachEvidence(actorOf(request), request.params.declarationId, inputOf(body)));
    },
  );

  app.post<{ Params: { declarationId: string; evidenceId: string }; Body: { reason: string } }>(
    '/v1/declarations/:declarationId/evidence/:evidenceId/withdraw',
    {
      config: { access: ['manufacturer'], rateLimit: writeLimit(options) },
      schema: {
        tags: ['evidence'],
        summary: "Withdraw the current evidence of one of the caller's declarations and re-assess it",
        description:
          'A new row records the withdrawal and its reason; the withdrawn evidence stays in the history. Only the current evidence of its kind can be withdrawn (409 otherwise).',
        params: {
          type: 'object',
          required: ['declarationId', 'evidenceId'],
          properties: {
            declarationId: { type: 'string', minLength: 1, maxLength: 100 },
            evidenceId: { type: 'string', minLength: 1, maxLength: 100 },
          },
        },
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['reason'],
          properties: { reason: { type: 'string', minLength: 1, maxLength: 1000 } },
        },
        response: responses(
          { 201: { type: 'object', properties: { evidence: ref('Evidence'), declaration: ref('Declaration') } } },
          [400, 401, 403, 404, 409],
        ),
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await services.evidence.withdrawEvidence(
            actorOf(request),
            request.params.declarationId,
            request.params.evidenceId,
            request.body.reason,
          ),
        ),
  );

  app.get<{ Params: { declarationId: string } }>(
    '/v1/declarations/:declarationId/evidence',
    {
      config: { access: 'public' },
      schema: {
        tags: ['evidence'],
        summary: "A declaration's evidence, newest first (a draft's only for its owner and regulators)",
        params: idParam('declarationId'),
        response: responses(
          {
            200: {
              type: 'object',
              properties: { declarationId: { type: 'string' }, evidence: { type: 'array', items: ref('Evidence') } },
            },
          },
          [401, 404],
        ),
      },
    },
    async (request) => services.evidence.listEvidence(request.actor, request.params.declarationId),
  );
}
