// Every error leaves as an RFC 9457 problem document (application/problem+json) with our `code` member:
// domain errors from the catalogue, Fastify's own (validation, bad JSON, body too large, wrong media type),
// and anything unexpected as a 500 whose detail says nothing internal.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_CATALOGUE, isIotlabelError, type ErrorCode, type Problem as ErrorProblem } from '../errors.js';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: ErrorCode;
  errors?: { pointer: string; detail: string }[];
}

export const problemType = (code: ErrorCode) => `urn:iotlabel:problem:${code.toLowerCase().replace(/_/g, '-')}`;

export function problem(code: ErrorCode, detail: string, errors?: { pointer: string; detail: string }[]): Problem {
  const entry = ERROR_CATALOGUE[code];
  return {
    type: problemType(code),
    title: entry.title,
    status: entry.status,
    detail,
    code,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

interface ValidationEntry {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** Ajv's errors as one entry per field: `/body/brand` "must be string", `/query/at` "must match pattern ...". */
const PART: Record<string, string> = { body: 'body', querystring: 'query', params: 'params', headers: 'headers' };

function fieldErrors(context: string, entries: readonly ValidationEntry[]) {
  return entries.map((e) => {
    let path = e.instancePath;
    if (e.keyword === 'required') path += `/${String(e.params.missingProperty)}`;
    if (e.keyword === 'additionalProperties') path += `/${String(e.params.additionalProperty)}`;
    const message =
      e.keyword === 'additionalProperties'
        ? 'is not a known field'
        : e.keyword === 'required'
          ? 'is required'
          : (e.message ?? 'is not valid');
    return { pointer: `/${PART[context] ?? context}${path}`, detail: message };
  });
}

/** Only problems with a field path become `errors` entries: a pointer is what a client can act on. */
function fromProblems(
  problems: readonly ErrorProblem[],
  part: string,
): { pointer: string; detail: string }[] | undefined {
  const out = problems.flatMap((p) =>
    p.path === undefined ? [] : [{ pointer: `${part}${p.path}`, detail: p.message }],
  );
  return out.length > 0 ? out : undefined;
}

/**
 * `part` ("/body" or "/query") prefixes the field paths the registry reports, which are relative to the
 * input it was given (a declaration, a product, a query), so every pointer names where in the request it is.
 */
export function toProblem(error: unknown, part = ''): Problem {
  if (isIotlabelError(error)) return problem(error.code, error.message, fromProblems(error.problems, part));
  const e = error as FastifyError & { validation?: ValidationEntry[]; validationContext?: string };
  if (e.validation) {
    const errors = fieldErrors(e.validationContext ?? 'body', e.validation);
    return problem('INPUT_INVALID', errors.map((x) => `${x.pointer} ${x.detail}`).join('; '), errors);
  }
  switch (e.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return problem('INPUT_UNREADABLE', `the request body is not valid JSON: ${e.message}`, [
        { pointer: '/body', detail: 'is not valid JSON' },
      ]);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problem('PAYLOAD_TOO_LARGE', 'the request body is larger than this route accepts', [
        { pointer: '/body', detail: 'is too large' },
      ]);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problem('MEDIA_TYPE_UNSUPPORTED', `${e.message}; send Content-Type: application/json`);
  }
  if (e instanceof SyntaxError && e.statusCode === 400)
    return problem('INPUT_UNREADABLE', `the request body is not valid JSON: ${e.message}`, [
      { pointer: '/body', detail: 'is not valid JSON' },
    ]);
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    const code: ErrorCode =
      e.statusCode === 404
        ? 'NOT_FOUND'
        : e.statusCode === 413
          ? 'PAYLOAD_TOO_LARGE'
          : e.statusCode === 415
            ? 'MEDIA_TYPE_UNSUPPORTED'
            : e.statusCode === 429
              ? 'RATE_LIMITED'
              : 'INPUT_INVALID';
    return { ...problem(code, e.message), status: e.statusCode };
  }
  return problem('INTERNAL', 'the server failed to answer this request; the error is logged with the request id');
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  const body = toProblem(error, request.method === 'GET' || request.method === 'HEAD' ? '/query' : '/body');
  if (body.status >= 500) request.log.error({ err: error }, 'request failed');
  else request.log.debug({ code: body.code }, body.detail);
  if (body.code === 'UNAUTHENTICATED') void reply.header('www-authenticate', 'Bearer realm="iotlabel"');
  return reply
    .code(body.status)
    .type('application/problem+json')
    .send({ ...body, instance: request.url });
}
