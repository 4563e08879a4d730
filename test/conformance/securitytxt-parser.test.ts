// Runs the conformance.json fixtures of the npm library security-txt-parser against our validator and
// serializer. Its codes differ from ours (sectxt's); securitytxt-parser-adapter.ts is the mapping.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { conformanceDir } from './dir.js';
import { toParserResult } from './securitytxt-parser-adapter.js';
import { parseSecurityTxt } from '../../src/evidence/securitytxt/parse.js';
import { serializeSecurityTxt, type SerializeSecurityTxtOptions } from '../../src/evidence/securitytxt/serialize.js';

type Parts = { parts: ({ text: string } | { repeat: string; count: number })[] };
interface ParseCase {
  name: string;
  input?: string | Parts;
  inputFile?: string;
  expected: Record<string, unknown>;
  expiresAt?: string;
  expiryPhases?: Record<'afterExpiry' | 'beyondOneYear' | 'withinOneYear', Record<string, unknown>>;
}
interface SerializeCase {
  name: string;
  options: Record<string, unknown>;
  expected?: string;
  throws?: boolean;
}

const dir = join(conformanceDir, 'securitytxt');
const suite = JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8')) as {
  parse: ParseCase[];
  serialize: SerializeCase[];
};

// One "now" for every placeholder and every check.
const now = new Date();
const iso = (d: Date) => d.toISOString();
const twoYears = new Date(now);
twoYears.setUTCFullYear(now.getUTCFullYear() + 2);
const placeholders: Record<string, string> = {
  '{{past}}': iso(new Date(now.getTime() - 86_400_000)),
  '{{within_one_year}}': iso(new Date(now.getTime() + 30 * 86_400_000)),
  '{{beyond_one_year}}': iso(twoYears),
  '{{beyond_one_year_lower_z}}': iso(twoYears).replace(/Z$/, 'z'),
};

/** Substitutes placeholders, expands {parts} and {repeatArray} anywhere in a fixture value. */
function expand(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(/\{\{[a-z_]+\}\}/g, (p) => placeholders[p] ?? p);
  if (Array.isArray(value)) return value.map(expand);
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (Array.isArray(o.parts)) {
      return (o as Parts).parts
        .map((p) => ('text' in p ? expand(p.text) : (expand(p.repeat) as string).repeat(p.count)))
        .join('');
    }
    if (typeof o.repeatArray === 'string')
      return Array.from({ length: o.count as number }, () => expand(o.repeatArray));
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, expand(v)]));
  }
  return value;
}

function expectedFor(c: ParseCase): Record<string, unknown> {
  if (!c.expiresAt || !c.expiryPhases) return c.expected;
  const at = new Date(c.expiresAt);
  const yearAhead = new Date(now);
  yearAhead.setUTCFullYear(now.getUTCFullYear() + 1);
  const phase = now > at ? 'afterExpiry' : at > yearAhead ? 'beyondOneYear' : 'withinOneYear';
  return { ...c.expected, ...c.expiryPhases[phase] };
}

/** toMatchObject on the listed keys: arrays compared in full, objects recursively. */
function mismatches(got: Record<string, unknown>, want: Record<string, unknown>): string[] {
  return Object.entries(want)
    .filter(([key, value]) => JSON.stringify(got[key]) !== JSON.stringify(value))
    .map(([key, value]) => `${key}: got ${JSON.stringify(got[key])}, want ${JSON.stringify(value)}`);
}

test('security-txt-parser parse fixtures pass through the adapter', () => {
  const failures: string[] = [];
  for (const c of suite.parse) {
    const input = c.inputFile ? readFileSync(join(dir, c.inputFile), 'utf8') : (expand(c.input) as string);
    const got = toParserResult(parseSecurityTxt(input, { now }));
    const problems = mismatches(got as Record<string, unknown>, expand(expectedFor(c)) as Record<string, unknown>);
    if (problems.length > 0) failures.push(`${c.name}:\n    ${problems.join('\n    ')}`);
  }
  assert.equal(
    failures.length,
    0,
    `${failures.length} out of ${suite.parse.length} parse cases failed:\n${failures.join('\n')}`,
  );
});

test('security-txt-parser serialize fixtures pass', () => {
  const failures: string[] = [];
  for (const c of suite.serialize) {
    const options = expand(c.options) as SerializeSecurityTxtOptions;
    let output: string | undefined;
    let error: unknown;
    try {
      output = serializeSecurityTxt(options, { now });
    } catch (e) {
      error = e;
    }
    if (c.throws) {
      if ((error as { code?: string } | undefined)?.code !== 'INPUT_INVALID')
        failures.push(`${c.name}: expected INPUT_INVALID, got ${output === undefined ? String(error) : 'output'}`);
    } else if (output !== expand(c.expected)) {
      failures.push(`${c.name}: got ${JSON.stringify(output ?? String(error))}`);
    }
  }
  assert.equal(
    failures.length,
    0,
    `${failures.length} out of ${suite.serialize.length} serialize cases failed:\n${failures.join('\n')}`,
  );
});
