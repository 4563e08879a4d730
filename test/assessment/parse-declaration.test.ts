import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { Ajv2020 } from 'ajv/dist/2020.js';
import {
  parseDeclaration,
  declarationJsonSchema,
  DeclarationInvalid,
  type DeclarationProblem,
} from '../../src/assessment/index.js';

const raw = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../../examples/declarations/${name}.json`, import.meta.url), 'utf8'));

function problems(value: unknown): readonly DeclarationProblem[] {
  try {
    parseDeclaration(value);
  } catch (error) {
    assert.ok(error instanceof DeclarationInvalid, `threw ${String(error)}`);
    assert.equal(error.code, 'DECLARATION_INVALID');
    return error.problems;
  }
  assert.fail('expected DeclarationInvalid');
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests reach into the raw JSON freely
type Loose = Record<string, any>;

function withChange(change: (d: Loose) => void): Record<string, unknown> {
  const d = structuredClone(raw('good-camera')) as Loose;
  change(d);
  return d;
}

test('every example declaration parses', () => {
  const names = readdirSync(new URL('../../examples/declarations/', import.meta.url)).filter((f) =>
    f.endsWith('.json'),
  );
  assert.ok(names.length >= 8);
  for (const f of names)
    assert.equal(parseDeclaration(raw(f.replace(/\.json$/, ''))).schemaVersion, 'iotlabel.declaration/v1', f);
});

test('GTINs are checked with their GS1 check digit and returned as 14 digits', () => {
  assert.deepEqual(
    parseDeclaration(
      withChange((d) => {
        d.product.gtins = ['5012345678900', '12345670'];
      }),
    ).product.gtins,
    ['05012345678900', '00000012345670'],
  );
  assert.deepEqual(
    problems(
      withChange((d) => {
        d.product.gtins = ['05012345678900', '5012345678901'];
      }),
    ),
    [{ path: '/product/gtins/1', message: 'GTIN "5012345678901" has check digit 1; expected 0' }],
  );
  assert.deepEqual(
    parseDeclaration(
      withChange((d) => {
        delete d.product.gtins;
      }),
    ).product.gtins,
    [],
  );
});

test('each problem names its JSON pointer and what was expected', () => {
  const got = problems(
    withChange((d) => {
      d.schemaVersion = 'v2';
      d.product.category = 'toaster';
      d.passwords.usesPasswords = 'yes';
      d.vulnerabilityDisclosure.contacts = ['security at acme'];
      d.supportPeriod.endDate = '2030-02-30';
      d.product.colour = 'red';
      delete d.manufacturer.name;
    }),
  );
  const byPath = Object.fromEntries(got.map((p) => [p.path, p.message]));
  assert.equal(byPath['/schemaVersion'], 'must be "iotlabel.declaration/v1"');
  assert.match(byPath['/product/category']!, /^must be one of: smartphone, tablet/);
  assert.equal(byPath['/passwords/usesPasswords'], 'must be true or false, not a string');
  assert.match(byPath['/vulnerabilityDisclosure/contacts/0']!, /^must be /);
  assert.match(byPath['/product/colour']!, /^is not a known field \(expected one of: brand, model/);
  assert.equal(byPath['/manufacturer/name'], 'is required');
  // Calendar dates are checked once the shape is right.
  assert.deepEqual(
    problems(
      withChange((d) => {
        d.supportPeriod.endDate = '2030-02-30';
      }),
    ),
    [{ path: '/supportPeriod/endDate', message: '"2030-02-30" is not a calendar date (YYYY-MM-DD)' }],
  );
});

test('statements: not-applicable needs a justification, and ids must be live provisions of the declared catalog', () => {
  assert.deepEqual(
    problems(
      withChange((d) => {
        d.provisions.statements['5.7-1'] = { status: 'not-applicable' };
      }),
    ),
    [{ path: '/provisions/statements/5.7-1/justification', message: 'is required when status is "not-applicable"' }],
  );
  assert.deepEqual(
    problems(
      withChange((d) => {
        d.provisions.statements['9.9-9'] = { status: 'implemented' };
      }),
    ),
    [{ path: '/provisions/statements/9.9-9', message: '"9.9-9" is not a provision of etsi-en-303645-v2.1.1' }],
  );
  assert.deepEqual(
    problems(
      withChange((d) => {
        d.provisions.catalog = 'etsi-en-303645-v3.1.3';
        d.provisions.statements = { '5.13-1': { status: 'implemented' } };
      }),
    ),
    [
      {
        path: '/provisions/statements/5.13-1',
        message: '5.13-1 is void in etsi-en-303645-v3.1.3; declare 5.13-1A and 5.13-1B instead',
      },
    ],
  );
});

test('a password scheme that contradicts usesPasswords is rejected with the fix', () => {
  assert.match(
    problems(
      withChange((d) => {
        d.passwords = { usesPasswords: false, scheme: 'unique-per-device' };
      }),
    )[0]!.message,
    /set scheme to "none"/,
  );
});

test('the whole document must be an object', () => {
  for (const v of [null, 42, 'x', [], true]) assert.equal(problems(v)[0]!.path, '');
});

test('property: any JSON value either parses or throws DeclarationInvalid, never anything else', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      try {
        parseDeclaration(value);
      } catch (error) {
        return (
          error instanceof DeclarationInvalid &&
          error.problems.length > 0 &&
          error.problems.every((p) => typeof p.path === 'string' && typeof p.message === 'string')
        );
      }
      return true;
    }),
    { numRuns: 300 },
  );
});

// Replace one field somewhere in the good declaration with an arbitrary JSON value.
const mutated = fc.tuple(fc.nat(), fc.jsonValue()).map(([pick, value]) => {
  const d = structuredClone(raw('good-camera'));
  const slots: [Record<string, unknown>, string][] = [];
  const walk = (o: unknown): void => {
    if (typeof o !== 'object' || o === null) return;
    for (const k of Object.keys(o)) {
      slots.push([o as Record<string, unknown>, k]);
      walk((o as Record<string, unknown>)[k]);
    }
  };
  walk(d);
  const [obj, key] = slots[pick % slots.length]!;
  obj[key] = value;
  return d;
});

test('property: a mutated declaration parses or throws DeclarationInvalid; whatever parses also satisfies the published schema', () => {
  const validate = new Ajv2020({ allErrors: true, strict: false }).compile(declarationJsonSchema);
  fc.assert(
    fc.property(mutated, (value) => {
      const copy = structuredClone(value);
      try {
        parseDeclaration(value);
      } catch (error) {
        return error instanceof DeclarationInvalid;
      }
      return validate(copy) === true;
    }),
    { numRuns: 400 },
  );
});

test('the published schema accepts every example and rejects what the parser rejects on shape', () => {
  const validate = new Ajv2020({ allErrors: true, strict: false }).compile(declarationJsonSchema);
  assert.equal(validate(raw('good-camera')), true);
  assert.equal(
    validate(
      withChange((d) => {
        d.provisions.statements['5.7-1'] = { status: 'not-applicable' };
      }),
    ),
    false,
  );
  assert.equal(
    validate(
      withChange((d) => {
        d.product.colour = 'red';
      }),
    ),
    false,
  );
});
