// Runs DigitalTrustCenter/sectxt's test cases (extracted in ../shared/conformance/securitytxt) against our
// validator. Our codes are sectxt's, so the assertions apply unchanged; ops as in sectxt-cases-meta.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { conformanceDir } from './dir.js';
import { parseSecurityTxt } from '../../src/evidence/securitytxt/parse.js';
import { contactEmails, contactUrls } from '../../src/evidence/securitytxt/contacts.js';
import type { SecurityTxtResult } from '../../src/evidence/securitytxt/types.js';
import { fetchSecurityTxt } from '../../src/net/fetch-security-txt.js';
import { main } from '../../src/cli/main.js';
import { bufferIo } from '../../src/cli/io.js';

interface Assertion {
  list: 'errors' | 'recommendations' | 'notifications' | 'valid' | 'lines' | 'accessor';
  op: string;
  code?: string;
  index?: number;
  count?: number;
  lines?: number[];
  value?: unknown;
  name?: string;
  type?: string;
}
interface FetchResponse {
  url: string;
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  error?: string;
}
interface SectxtCase {
  name: string;
  kind: 'parse' | 'fetch' | 'localFile';
  input: string | null;
  assertions: Assertion[];
  parserOptions?: { recommend_unknown_fields?: boolean };
  fetch?: { domain: string; responses: FetchResponse[] };
}

const dir = join(conformanceDir, 'securitytxt');
const cases = JSON.parse(readFileSync(join(dir, 'sectxt-cases.json'), 'utf8')) as SectxtCase[];
const now = new Date();
const local = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 10);
const pad = (n: number) => String(n).padStart(2, '0');
const placeholders: Record<string, string> = {
  '{{DATE_TODAY_PLUS_10_DAYS}}': `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`,
  '{{YEAR_PLUS_3}}': String(now.getFullYear() + 3),
};
const fill = (text: string) => text.replace(/\{\{[A-Z_0-9]+\}\}/g, (p) => placeholders[p] ?? p);

/** A stand-in for the network answering only the case's listed addresses (like requests_mock). */
function fakeFetch(responses: FetchResponse[]) {
  return async (url: string): Promise<Response> => {
    const r = responses.find((x) => x.url === url);
    if (!r || r.error)
      throw new TypeError('fetch failed', { cause: { code: r ? 'UND_ERR_CONNECT_TIMEOUT' : 'ECONNREFUSED' } });
    // Bytes, not a string, so Response adds no Content-Type of its own.
    return new Response(new TextEncoder().encode(fill(r.body ?? '')), {
      status: r.status ?? 200,
      headers: r.headers ?? {},
    });
  };
}

async function run(c: SectxtCase): Promise<SecurityTxtResult> {
  if (c.kind === 'fetch') {
    return (await fetchSecurityTxt(c.fetch!.domain, { now, fetch: fakeFetch(c.fetch!.responses) })).result;
  }
  if (c.kind === 'localFile') {
    const tmp = mkdtempSync(join(tmpdir(), 'sectxt-'));
    try {
      writeFileSync(join(tmp, 'security.txt'), fill(c.input!));
      const io = bufferIo();
      await main(['securitytxt', join(tmp, 'security.txt'), '--json'], io);
      return JSON.parse(io.stdout()) as SecurityTxtResult;
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }
  return parseSecurityTxt(new TextEncoder().encode(fill(c.input!)), {
    now,
    ...(c.parserOptions?.recommend_unknown_fields === false ? { recommendUnknownFields: false } : {}),
  });
}

function accessor(result: SecurityTxtResult, name: string): unknown {
  if (name === 'contact_email') return contactEmails(result.contacts)[0] ?? null;
  if (name === 'contact_emails') return contactEmails(result.contacts);
  if (name === 'contact_url') return contactUrls(result.contacts)[0] ?? null;
  throw new TypeError(`unknown accessor ${name}`);
}

/** Returns a description of the failed assertion, or null. */
function check(result: SecurityTxtResult, a: Assertion): string | null {
  const codesOf = (list: 'errors' | 'recommendations' | 'notifications') => result[list].map((d) => d.code as string);
  const fail = (what: string) => `${a.list}/${a.op}${a.code ? ` ${a.code}` : ''}: ${what}`;
  switch (`${a.list}/${a.op}`) {
    case 'valid/equals':
      return result.valid === a.value
        ? null
        : fail(`valid is ${result.valid}; errors ${JSON.stringify(codesOf('errors'))}`);
    case 'lines/lineInfo': {
      const line = result.lines[a.index!];
      return line?.type === a.type && line?.value === a.value
        ? null
        : fail(`line ${a.index} is ${JSON.stringify(line)}`);
    }
    case 'accessor/equals':
    case 'accessor/includes':
    case 'accessor/excludes': {
      const got = accessor(result, a.name!);
      const ok = a.op === 'equals' ? got === a.value : (got as unknown[]).includes(a.value) === (a.op === 'includes');
      return ok ? null : fail(`${a.name} is ${JSON.stringify(got)}`);
    }
  }
  const list = a.list as 'errors' | 'recommendations' | 'notifications';
  const codes = codesOf(list);
  const ok = {
    first: () => codes[0] === a.code,
    atIndex: () => codes[a.index!] === a.code,
    contains: () => codes.includes(a.code!),
    absent: () => !codes.includes(a.code!),
    count: () => codes.filter((c) => c === a.code).length === a.count,
    lines: () =>
      JSON.stringify(result[list].filter((d) => d.code === a.code).map((d) => d.line)) === JSON.stringify(a.lines),
  }[a.op];
  if (!ok) return fail('unknown op');
  return ok() ? null : fail(`got ${JSON.stringify(result[list].map((d) => [d.code, d.line]))}`);
}

test('sectxt (internet.nl) cases pass', async () => {
  const failures: string[] = [];
  for (const c of cases) {
    const result = await run(c);
    for (const a of c.assertions) {
      const problem = check(result, a);
      if (problem) failures.push(`${c.name}: ${problem}`);
    }
  }
  const failed = new Set(failures.map((f) => f.split(':')[0])).size;
  assert.equal(failures.length, 0, `${failed} out of ${cases.length} cases failed:\n${failures.join('\n')}`);
});
