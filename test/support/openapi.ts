// Checks a real answer against the OpenAPI document the server publishes: the status is documented for the
// operation, the Content-Type is one the document lists for that status (or the answer is empty where it lists
// none), and a JSON body validates against the documented schema. Used by the route-by-route conformance test.
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';

interface MediaObject {
  schema?: unknown;
  /** The schema of each line of a sequential media type (NDJSON). */
  'x-item-schema'?: unknown;
}
interface ResponseObject {
  content?: Record<string, MediaObject>;
}
interface Operation {
  responses: Record<string, ResponseObject>;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
}

/** An answer as app.inject() gives it. */
export interface Answer {
  statusCode: number;
  headers: Record<string, unknown>;
  body: string;
  rawPayload: Buffer;
}

const BASE = 'urn:iotlabel:openapi';
const JSON_MEDIA = /^application\/(?:[a-z0-9.+-]+\+)?json$/;
// What a body of each non-JSON media type must look like, so a "PNG" that is really a JSON error is caught.
const MAGIC: Record<string, string> = { 'image/png': '\x89PNG', 'application/pdf': '%PDF' };
const SHAPE: Record<string, RegExp> = {
  'image/svg+xml': /^(?:<\?xml[^>]*>\s*)?<svg[\s>]/,
  'application/atom+xml': /^<\?xml[^>]*>\s*<feed[\s>]/,
  'text/html': /^<!doctype html>/i,
  'application/statuslist+jwt': /^[\w-]+\.[\w-]+\.[\w-]+$/,
};

/** `{$ref: '#/components/...'}` inside an operation points into the document, which ajv knows as BASE. */
function rebase(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(rebase);
  if (schema === null || typeof schema !== 'object') return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([k, v]) => [
      k,
      k === '$ref' && typeof v === 'string' && v.startsWith('#') ? `${BASE}${v}` : rebase(v),
    ]),
  );
}

export function openApiChecker(doc: OpenApiDocument) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addFormat('binary', true);
  ajv.addSchema({ $id: BASE, components: doc.components });
  const compiled = new Map<unknown, ValidateFunction>();
  const validator = (schema: unknown) => {
    let v = compiled.get(schema);
    if (!v) compiled.set(schema, (v = ajv.compile(rebase(schema) as object)));
    return v;
  };

  /** Every operation as "METHOD /path" in the document's own spelling. */
  const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
  );

  /** What is wrong with `answer` as the document's answer to `operation` ("GET /v1/labels/{labelId}"); [] if nothing. */
  function problems(operation: string, answer: Answer): string[] {
    const [method = '', path = ''] = operation.split(' ');
    const op = doc.paths[path]?.[method.toLowerCase()];
    if (!op) return [`${operation} is not in the document`];
    const documented = op.responses[String(answer.statusCode)];
    if (!documented) return [`status ${answer.statusCode} is not documented (${answer.body.slice(0, 200)})`];
    const header = typeof answer.headers['content-type'] === 'string' ? answer.headers['content-type'] : '';
    const type = header.split(';')[0]!.trim().toLowerCase();
    if (!documented.content) return answer.body === '' ? [] : [`${answer.statusCode} documents no body, got ${type}`];
    const media = documented.content[type];
    if (!media)
      return [
        `${answer.statusCode} ${type || '(no Content-Type)'} is not one of ${Object.keys(documented.content).join(', ')}`,
      ];
    if (answer.rawPayload.length === 0) return [`${answer.statusCode} ${type}: empty body`];
    const magic = MAGIC[type];
    if (magic && answer.rawPayload.subarray(0, magic.length).toString('latin1') !== magic)
      return [`${type}: the body does not start as one`];
    const shape = SHAPE[type];
    if (shape && !shape.test(answer.body)) return [`${type}: the body is not one (${answer.body.slice(0, 60)})`];
    if (type === 'application/x-ndjson') return ndjsonProblems(answer.body, validator(media['x-item-schema'] ?? {}));
    if (!JSON_MEDIA.test(type)) return [];
    let body: unknown;
    try {
      body = JSON.parse(answer.body);
    } catch {
      return [`${type}: the body is not JSON`];
    }
    const validate = validator(media.schema ?? {});
    return validate(body) ? [] : (validate.errors ?? []).map((e) => `${type} ${e.instancePath || '/'} ${e.message}`);
  }

  return { operations, problems };
}

function ndjsonProblems(body: string, validate: ValidateFunction): string[] {
  const lines = body.split('\n');
  if (lines.at(-1) !== '') return ['application/x-ndjson: the last line has no newline'];
  return lines.slice(0, -1).flatMap((line, i) => {
    try {
      const value: unknown = JSON.parse(line);
      if (value === null || typeof value !== 'object' || Array.isArray(value))
        return [`application/x-ndjson line ${i + 1} is not an object`];
      return validate(value)
        ? []
        : (validate.errors ?? []).map(
            (e) => `application/x-ndjson line ${i + 1} ${e.instancePath || '/'} ${e.message}`,
          );
    } catch {
      return [`application/x-ndjson line ${i + 1} is not JSON`];
    }
  });
}
