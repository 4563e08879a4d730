// The `evidence` object of each finding code, as the analyser writes it (findings.ts, declaration-findings.ts),
// as JSON Schemas with no room for other fields. The registry accepts a finding's evidence only in its own
// code's shape, so nothing free-form (a `pwd`, `credentials` or `message` field, `values` inside a test)
// can carry a password into published evidence. Change a finding's evidence here when the analyser changes.
import { GENERATION_METHODS } from './types.js';
import type { FindingCode } from './finding-codes.js';

const count = { type: 'integer', minimum: 0 } as const;
const bits = { type: 'number', minimum: 0, maximum: 4096 } as const;
const rate = { type: 'number', minimum: 0, maximum: 1 } as const;
const text = (maxLength: number) => ({ type: 'string', maxLength }) as const;
const method = { enum: [...GENERATION_METHODS] } as const;

const closed = (properties: Record<string, unknown>, required: string[] = Object.keys(properties)) => ({
  type: 'object',
  additionalProperties: false,
  required,
  properties,
});
const list = (items: unknown, maxItems: number) => ({ type: 'array', maxItems, items });
const none = closed({});

/** A repeated value: its keyed fingerprint and where it first appears, never the value. */
const repeated = list(
  closed({ fingerprint: { type: 'string', pattern: '^[0-9a-f]{16}$' }, count, firstLine: count }),
  10,
);
/** Which identifier columns matched, by name (e.g. "serial", "mac[2]", a manufacturer's own column). */
const identifierForms = {
  type: 'object',
  maxProperties: 10,
  propertyNames: { maxLength: 100 },
  additionalProperties: count,
};
const hypothesis = { matched: count, checked: count, matchRate: rate };
const findingCodeList = list({ type: 'string', pattern: '^PW-[A-Z0-9-]{1,40}$' }, 20);

export const FINDING_EVIDENCE_SCHEMAS: Readonly<Record<FindingCode, unknown>> = {
  'PW-OUT-OF-SCOPE': none,
  'PW-M2M-PASSWORD': none,
  'PW-KNOWN-DEFAULT': none,
  'PW-UNIVERSAL': closed({ threshold: count, values: repeated }),
  'PW-DUPLICATE': closed({ groups: count, largestGroup: count, values: repeated }),
  'PW-EQUALS-IDENTIFIER': closed({ identifierForms }),
  'PW-CONTAINS-IDENTIFIER': closed({ identifierForms }),
  'PW-PUBLIC-INFO': closed({ identifierForms }),
  'PW-UNKEYED-TRANSFORM': closed({ derivations: list(closed({ transform: text(200), ...hypothesis }), 5) }),
  'PW-KNOWN-VENDOR-ALGORITHM': closed({
    algorithms: list(
      closed({ algorithm: text(100), title: text(200), source: text(500), input: text(100), ...hypothesis }),
      5,
    ),
  }),
  'PW-SEQUENTIAL': closed({ tests: list(closed({ test: text(100), count, rows: count, detail: text(300) }), 10) }),
  'PW-LOW-KEYSPACE': closed({
    positionalBits: bits,
    templateBits: { anyOf: [bits, { type: 'null' }] },
    failBits: bits,
    warnBits: bits,
  }),
  'PW-COLLISION-RATE': closed({ collidingPairs: count, rows: count, estimatedKeyspaceBits: bits }),
  'PW-STRUCTURED-BIAS': closed({ positions: list({ type: 'integer', minimum: 0, maximum: 1024 }, 20) }),
  'PW-DICTIONARY-WEAK': closed({ sampled: count, scores: { ...list(count, 5), minItems: 5 } }),
  'PW-SAMPLE-INSUFFICIENT': closed({ reasons: list(text(300), 5) }),
  'PW-DECLARED-WEAK-METHOD': closed({ method }),
  'PW-KEYED-DERIVATION-DECLARED': closed(
    {
      method,
      algorithm: text(200),
      inputs: list(text(200), 20),
      keyCustody: text(500),
      evidenceRef: text(500),
    },
    ['method'],
  ),
  // Three different mismatches share the code: a contradicted method, the alphabet, the length.
  'PW-DECLARATION-MISMATCH': {
    oneOf: [
      closed({ declared: method, contradictedBy: findingCodeList }),
      closed({ declaredAlphabetSize: count, charactersOutside: count }),
      closed({ declaredLength: count, minLength: count, maxLength: count }),
    ],
  },
};
