// The NDJSON splitter of bulk declarations: every non-blank line is one entry numbered as the body counts
// lines, however the bytes are chunked; long and unreadable lines become problems on their line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { declarationLines, type DocumentLine } from '../../../src/registry/products/declaration-lines.js';
import { hasCode } from '../../support/assert.js';

const limits = { maxLineLength: 40, maxBytes: 1_000_000 };

async function collect(chunks: (string | Uint8Array)[], l = limits): Promise<DocumentLine[]> {
  const out: DocumentLine[] = [];
  for await (const entry of declarationLines(chunks, l)) out.push(entry);
  return out;
}

/** Cuts `text` at the given positions (sorted, deduplicated) into chunks, as a network would. */
function cut(text: string, at: number[]): string[] {
  const points = [...new Set(at.map((p) => p % (text.length + 1)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let from = 0;
  for (const p of points) {
    chunks.push(text.slice(from, p));
    from = p;
  }
  chunks.push(text.slice(from));
  return chunks;
}

test('each line is numbered as the body counts it, whatever the chunks; blank lines are skipped', async () => {
  const line = fc.oneof(
    fc.constant(''),
    fc.constant('   '),
    fc.integer().map((n) => JSON.stringify({ n })),
    fc.constant('{"unclosed":'),
    fc.constant(`{"pad":"${'x'.repeat(60)}"}`),
  );
  await fc.assert(
    fc.asyncProperty(fc.array(line, { maxLength: 12 }), fc.array(fc.nat(), { maxLength: 6 }), async (lines, at) => {
      const got = await collect(cut(lines.join('\n'), at));
      const want = lines.flatMap(
        (text, k): ({ line: number; problem: string } | { line: number; document: unknown })[] => {
          if (text.trim() === '') return [];
          if (text.length > limits.maxLineLength) return [{ line: k + 1, problem: 'PAYLOAD_TOO_LARGE' }];
          if (text.startsWith('{"unclosed"')) return [{ line: k + 1, problem: 'INPUT_UNREADABLE' }];
          return [{ line: k + 1, document: JSON.parse(text) as unknown }];
        },
      );
      assert.deepEqual(
        got.map((e) => ('problem' in e ? { line: e.line, problem: e.problem.code } : e)),
        want,
      );
    }),
    { seed: 17, numRuns: 300 },
  );
});

test('bytes split inside a character and a CRLF line end still read as one document', async () => {
  const bytes = new TextEncoder().encode('{"name":"Café"}\r\n{"n":2}');
  const got = await collect([bytes.slice(0, 13), bytes.slice(13)]);
  assert.deepEqual(got, [
    { line: 1, document: { name: 'Café' } },
    { line: 2, document: { n: 2 } },
  ]);
});

test('a stream over its size limit ends with PAYLOAD_TOO_LARGE', async () => {
  await assert.rejects(
    collect(['{"n":1}\n', '{"n":2}\n'], { maxLineLength: 40, maxBytes: 10 }),
    hasCode('PAYLOAD_TOO_LARGE'),
  );
});
