// GS1's own vectors (../shared/conformance/gs1, from gs1/gs1-syntax-engine) against src/gs1/. check-digit.json
// runs in full. Of dl-parse.json and dl-generate.json, the cases in scope are those about a GTIN key alone:
// AI 01 with the key qualifiers 22, 10 and 21, at the library's default options (no convenience alphas, no
// zero-suppressed GTINs) and no query-string attributes, because that is all iotlabel reads or writes.
// Each suite reports "N out of M" in-scope cases failing, and how many cases were out of scope.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { conformanceDir } from './dir.js';
import { gtinProblem, hasValidCheckDigit } from '../../src/gs1/gtin.js';
import { gtinDigitalLink, parseGtinDigitalLink, type ParsedGtinLink } from '../../src/gs1/digital-link.js';

const GTIN_AIS = new Set(['01', '22', '10', '21']);
const load = <T>(name: string): T[] => JSON.parse(readFileSync(join(conformanceDir, 'gs1', name), 'utf8')) as T[];

function report(
  t: { diagnostic(message: string): void },
  suite: string,
  total: number,
  inScope: number,
  failures: string[],
): void {
  t.diagnostic(`${suite}: ${inScope} of ${total} cases in scope; ${inScope - failures.length} out of ${inScope} pass`);
  assert.deepEqual(failures, [], `${suite}: ${failures.length} out of ${inScope} in-scope cases failed`);
}

test('check-digit.json: every vector', (t) => {
  type Case = { input: string; valid: boolean; kind?: string; error?: string; errorMarkup?: string };
  const cases = load<Case>('check-digit.json');
  const failures: string[] = [];
  for (const c of cases) {
    const isGtin = c.kind?.startsWith('GTIN-') ?? false;
    const problem = gtinProblem(c.input);
    let ok = hasValidCheckDigit(c.input) === c.valid;
    if (c.valid) ok &&= !isGtin || problem === null;
    else if (c.error === 'GS1_LINTER_INCORRECT_CHECK_DIGIT') {
      // The upstream markup wraps the wrong digit; our message must name that same digit.
      const marked = /\*(\d)\*$/.exec(c.errorMarkup ?? '')?.[1];
      ok &&= !isGtin || (problem !== null && problem.includes(`has check digit ${marked};`));
    } else if (c.error === 'GS1_LINTER_NON_DIGIT_CHARACTER' || c.error === 'GS1_LINTER_TOO_SHORT_FOR_CHECK_DIGIT') {
      ok &&= problem !== null && /only digits/.test(problem);
    }
    if (!ok)
      failures.push(
        `${JSON.stringify(c.input)}: want valid=${c.valid}${c.error ? ` (${c.error})` : ''}, got problem ${JSON.stringify(problem)}`,
      );
  }
  report(t, 'check-digit', cases.length, cases.length, failures);
});

type ParseCase = { ok: boolean; uri: string; expected: string | null; options?: object };

/** AIs named in the path: segments of 2 to 4 digits. */
function pathAis(uri: string): string[] {
  const path = uri
    .split('#')[0]!
    .split('?')[0]!
    .replace(/^[a-zA-Z]+:\/\/[^/]*/, '');
  return path.split('/').filter((s) => /^[0-9]{2,4}$/.test(s));
}

function parseInScope(c: ParseCase): boolean {
  const query = /\?([^#]*)/.exec(c.uri)?.[1] ?? '';
  const ais = pathAis(c.uri);
  return c.options === undefined && query === '' && ais.includes('01') && ais.every((ai) => GTIN_AIS.has(ai));
}

/** The element string the GS1 engine gives for a parsed link: ^01<gtin>, then qualifiers, ^ after each variable one. */
function elementString(link: ParsedGtinLink): string {
  const parts = [
    link.cpv === undefined ? null : `22${link.cpv}`,
    link.lot === undefined ? null : `10${link.lot}`,
    link.serial === undefined ? null : `21${link.serial}`,
  ];
  return `^01${link.gtin}${parts.filter((p) => p !== null).join('^')}`;
}

test('dl-parse.json: GTIN links with qualifiers 22/10/21', (t) => {
  const cases = load<ParseCase>('dl-parse.json');
  const scoped = cases.filter(parseInScope);
  const failures: string[] = [];
  for (const c of scoped) {
    let got: string | null;
    try {
      got = elementString(parseGtinDigitalLink(c.uri));
    } catch (error) {
      if ((error as { code?: string }).code !== 'GTIN_INVALID') throw error;
      got = null;
    }
    const ok = c.ok ? got !== null && (c.expected === null || got === c.expected) : got === null;
    if (!ok) failures.push(`${c.uri}: want ${c.ok ? (c.expected ?? 'success') : 'failure'}, got ${got ?? 'failure'}`);
  }
  assert.ok(scoped.length >= 20, `only ${scoped.length} cases in scope`);
  report(t, 'dl-parse', cases.length, scoped.length, failures);
});

test('dl-generate.json: GTIN links with qualifiers 22/10/21', (t) => {
  type GenerateCase = {
    ok: boolean;
    stem: string | null;
    input: string;
    inputSyntax: string;
    expected: string | null;
    options?: object;
  };
  const cases = load<GenerateCase>('dl-generate.json');
  const bracketed = (input: string) => [...input.matchAll(/\((\d+)\)([^(]*)/g)].map((m) => [m[1]!, m[2]!] as const);
  const scoped = cases.filter((c) => {
    if (c.inputSyntax !== 'bracketed' || c.options !== undefined) return false;
    const ais = bracketed(c.input).map(([ai]) => ai);
    return ais.includes('01') && ais.every((ai) => GTIN_AIS.has(ai)) && new Set(ais).size === ais.length;
  });
  const failures: string[] = [];
  for (const c of scoped) {
    const ai = Object.fromEntries(bracketed(c.input));
    let got: string | null;
    try {
      // A null stem means the GS1 default, https://id.gs1.org.
      got = gtinDigitalLink(c.stem ?? 'https://id.gs1.org', ai['01']!, undefined, {
        cpv: ai['22'],
        lot: ai['10'],
        serial: ai['21'],
      });
    } catch {
      got = null;
    }
    if (c.ok ? got !== c.expected : got !== null)
      failures.push(
        `${c.input} (stem ${JSON.stringify(c.stem)}): want ${c.expected ?? 'failure'}, got ${got ?? 'failure'}`,
      );
  }
  assert.ok(scoped.length >= 4, `only ${scoped.length} cases in scope`);
  report(t, 'dl-generate', cases.length, scoped.length, failures);
});
