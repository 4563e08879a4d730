// Checks an uploaded `iotlabel.password-evidence/v1` document (the output of `iotlabel passwords --json`)
// before the registry keeps it: the shape strictly (no unknown field anywhere, each finding's evidence in its
// own code's shape from finding-evidence.ts), known finding codes with their catalogue titles, a verdict that
// agrees with the findings, and nothing that looks like a raw password: examples must be redacted the way the
// analyser redacts and fingerprints must be 64-bit hex. The guard does not rely on field names alone (a `pwd`,
// `credentials` or `message` field is refused because no finding has one). Device passwords never reach the server.
import { Ajv, type ErrorObject } from 'ajv';
import { FINDING_CODES, type FindingCode } from '../../evidence/passwords/finding-codes.js';
import { FINDING_EVIDENCE_SCHEMAS } from '../../evidence/passwords/finding-evidence.js';
import { summarisePasswordEvidence, type PasswordEvidenceSummary } from '../../evidence/passwords/summary.js';
import { GENERATION_METHODS, type PasswordEvidence } from '../../evidence/passwords/types.js';
import { EvidenceInvalid } from './errors.js';
import type { FieldProblem } from '../errors.js';

const text = (maxLength: number) => ({ type: 'string', maxLength });
const count = { type: 'integer', minimum: 0 };
const bits = { type: 'number', minimum: 0, maximum: 4096 };
const fingerprint = { type: 'string', pattern: '^[0-9a-f]{16}$' };
/** What redact() makes: masks only (short values), or 1 or 2 characters at each end around masks. */
const REDACTED = '^(?:\\(empty\\)|•{1,5}|[^•]•{4,7}[^•]|[^•]{2}•{6,1020}[^•]{2})$';
const counts = { type: 'object', maxProperties: 1000, additionalProperties: count, propertyNames: { maxLength: 200 } };

const finding = {
  type: 'object',
  additionalProperties: false,
  required: [
    'code',
    'severity',
    'title',
    'message',
    'requirementRefs',
    'credentialTypes',
    'affectedCount',
    'sampleDeviceIds',
    'redactedExamples',
    'evidence',
  ],
  properties: {
    code: { type: 'string', enum: Object.keys(FINDING_CODES) },
    severity: { enum: ['fail', 'warn', 'info'] },
    title: text(200),
    message: text(2000),
    requirementRefs: { type: 'array', maxItems: 20, items: text(100) },
    credentialTypes: { type: 'array', maxItems: 20, items: text(40) },
    affectedCount: count,
    sampleDeviceIds: { type: 'array', maxItems: 10, items: text(1024) },
    redactedExamples: { type: 'array', maxItems: 10, items: { type: 'string', maxLength: 1024, pattern: REDACTED } },
    evidence: { type: 'object', maxProperties: 20 },
  },
};

export const passwordEvidenceJsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['schemaVersion', 'analyser', 'declaration', 'verdict', 'findings', 'statistics', 'fingerprints'],
  properties: {
    schemaVersion: { const: 'iotlabel.password-evidence/v1' },
    analyser: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'version'],
      properties: { name: { const: 'iotlabel-passwords' }, version: text(40) },
    },
    declaration: {
      type: 'object',
      additionalProperties: false,
      properties: {
        method: { enum: [...GENERATION_METHODS] },
        alphabet: text(256),
        length: { type: 'integer', minimum: 1, maximum: 1024 },
        keyedDerivation: {
          type: 'object',
          additionalProperties: false,
          properties: {
            algorithm: text(200),
            inputs: { type: 'array', maxItems: 20, items: text(200) },
            keyCustody: text(500),
            evidenceRef: text(500),
          },
        },
      },
    },
    verdict: { enum: ['pass', 'warn', 'fail'] },
    findings: { type: 'array', maxItems: 100, items: finding },
    statistics: {
      type: 'object',
      additionalProperties: false,
      required: [
        'rows',
        'analysedRows',
        'outOfScopeRows',
        'fingerprintOnlyRows',
        'credentialTypes',
        'models',
        'distinctValues',
        'duplicateGroups',
        'rowsInDuplicateGroups',
        'collidingPairs',
        'length',
        'templates',
        'keyspaceBits',
        'strength',
      ],
      properties: {
        rows: count,
        analysedRows: count,
        outOfScopeRows: count,
        fingerprintOnlyRows: count,
        credentialTypes: counts,
        models: counts,
        distinctValues: count,
        duplicateGroups: count,
        rowsInDuplicateGroups: count,
        collidingPairs: count,
        length: {
          type: 'object',
          additionalProperties: false,
          required: ['min', 'max', 'mostCommon'],
          properties: { min: count, max: count, mostCommon: count },
        },
        templates: {
          type: 'array',
          maxItems: 100,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['mask', 'count'],
            properties: { mask: { type: 'string', pattern: '^[dlus]{0,64}$' }, count },
          },
        },
        keyspaceBits: {
          type: 'object',
          additionalProperties: false,
          required: ['positional', 'template', 'birthday', 'effective'],
          properties: {
            positional: bits,
            template: { anyOf: [bits, { type: 'null' }] },
            birthday: { anyOf: [bits, { type: 'null' }] },
            effective: bits,
          },
        },
        strength: {
          anyOf: [
            { type: 'null' },
            {
              type: 'object',
              additionalProperties: false,
              required: ['sampled', 'scores'],
              properties: { sampled: count, scores: { type: 'array', minItems: 5, maxItems: 5, items: count } },
            },
          ],
        },
      },
    },
    fingerprints: {
      type: 'object',
      additionalProperties: false,
      required: ['algorithm', 'keyId', 'duplicates'],
      properties: {
        algorithm: { const: 'HMAC-SHA256/64' },
        keyId: fingerprint,
        duplicates: {
          type: 'array',
          maxItems: 100,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['fingerprint', 'count', 'firstLine'],
            properties: { fingerprint, count, firstLine: count },
          },
        },
      },
    },
  },
} as const;

const ajv = new Ajv({ allErrors: true, strict: false });
const validateShape = ajv.compile(passwordEvidenceJsonSchema);
const validateFindingEvidence = new Map(
  Object.entries(FINDING_EVIDENCE_SCHEMAS).map(([code, schema]) => [code, ajv.compile(schema as object)]),
);

/** A field name that would hold a secret (in finding evidence, which is otherwise free-form). */
const SECRET_NAME = /pass(word|wd|phrase)?s?$|^pw$|^pin$|psk|secret|plain(text)?|credential_value|^key$/i;
/** Finding evidence is small: numbers, short strings, and a few levels of arrays and objects. */
const MAX_DEPTH = 4;

function shapeProblems(
  errors: readonly ErrorObject[],
  prefix = '/document',
  fieldsOf = 'iotlabel.password-evidence/v1',
): FieldProblem[] {
  return errors.slice(0, 20).map((e) => {
    let path = e.instancePath;
    if (e.keyword === 'required') path += `/${String(e.params.missingProperty)}`;
    if (e.keyword === 'additionalProperties') path += `/${String(e.params.additionalProperty)}`;
    const message =
      e.keyword === 'additionalProperties'
        ? `is not a field of ${fieldsOf}`
        : e.keyword === 'required'
          ? 'is required'
          : e.keyword === 'pattern' && path.includes('/redactedExamples/')
            ? 'is not redacted the way `iotlabel passwords` redacts (it may be a raw password)'
            : e.keyword === 'enum' || e.keyword === 'const'
              ? `${e.message ?? 'is not allowed'}: ${JSON.stringify(e.params.allowedValues ?? e.params.allowedValue).slice(0, 300)}`
              : (e.message ?? 'is not valid');
    return { path: `${prefix}${path}`, message };
  });
}

/** Each finding: its catalogue title, and evidence in its own code's shape (nothing free-form). */
function findingProblems(document: PasswordEvidence, out: FieldProblem[]): void {
  document.findings.forEach((f, i) => {
    const at = `/document/findings/${i}`;
    const kind = FINDING_CODES[f.code as FindingCode];
    if (f.title !== kind.title)
      out.push({ path: `${at}/title`, message: `is not the title of ${f.code}: "${kind.title}"` });
    const validate = validateFindingEvidence.get(f.code)!;
    if (validate(f.evidence)) return;
    const reported = new Set(out.map((p) => p.path));
    const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'oneOf');
    for (const problem of shapeProblems(errors, `${at}/evidence`, `${f.code} evidence`))
      if (!reported.has(problem.path)) out.push(problem);
  });
}

/** Walks finding evidence: bounded depth, bounded strings, no secret-looking field names. */
function secretProblems(value: unknown, path: string, depth: number, out: FieldProblem[]): void {
  if (out.length >= 20) return;
  if (typeof value === 'string') {
    if (value.length > 1024) out.push({ path, message: 'is longer than 1024 characters' });
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (depth > MAX_DEPTH) {
    out.push({ path, message: `is nested deeper than ${MAX_DEPTH} levels` });
    return;
  }
  if (Array.isArray(value)) {
    if (value.length > 100) out.push({ path, message: 'has more than 100 items' });
    value.slice(0, 100).forEach((item, i) => secretProblems(item, `${path}/${i}`, depth + 1, out));
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    const at = `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (SECRET_NAME.test(key))
      out.push({
        path: at,
        message: 'looks like a raw password or secret; evidence carries findings, statistics and fingerprints only',
      });
    else secretProblems(item, at, depth + 1, out);
  }
}

export interface CheckedPasswordEvidence {
  document: PasswordEvidence;
  summary: PasswordEvidenceSummary;
}

/** Throws EVIDENCE_INVALID with one problem per field (paths under /document). */
export function checkPasswordEvidence(value: unknown): CheckedPasswordEvidence {
  if (!validateShape(value)) throw new EvidenceInvalid(shapeProblems(validateShape.errors ?? []));
  const document = value as unknown as PasswordEvidence;
  const problems: FieldProblem[] = [];
  document.findings.forEach((f, i) => secretProblems(f.evidence, `/document/findings/${i}/evidence`, 1, problems));
  findingProblems(document, problems);
  const expected = document.findings.some((f) => f.severity === 'fail')
    ? 'fail'
    : document.findings.some((f) => f.severity === 'warn')
      ? 'warn'
      : 'pass';
  if (document.verdict !== expected)
    problems.push({
      path: '/document/verdict',
      message: `is "${document.verdict}" but the findings make it "${expected}"`,
    });
  if (
    document.statistics.analysedRows + document.statistics.outOfScopeRows + document.statistics.fingerprintOnlyRows >
    document.statistics.rows
  ) {
    problems.push({
      path: '/document/statistics/rows',
      message: 'is smaller than the analysed, out-of-scope and fingerprint-only rows together',
    });
  }
  if (problems.length > 0) throw new EvidenceInvalid(problems);
  return { document, summary: summarisePasswordEvidence(document) };
}
