// Property tests for the three catalogue parsers: whatever the bytes, they never crash (only the documented
// whole-file errors), and every row written is accounted for exactly once, on the line it starts on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { stringify } from 'csv-stringify/sync';
import { isIotlabelError } from '../../src/errors.js';
import { parseCatalogue } from '../../src/catalogue/parse-catalogue.js';
import type { CatalogueFormat, CatalogueRow } from '../../src/catalogue/types.js';

const value = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.constantFrom('05012345678900', '1234567890128', '5012345678901', '"', '""', ',', '\n', '\r\n', ' ', ''),
);
const catalogueRows = fc.array(fc.record({ sku: value, gtin: value, brand: value, model: value }), { maxLength: 25 });
/** Cuts bytes into chunks at arbitrary places, as a network or a file stream would. */
const cuts = fc.array(fc.nat(), { maxLength: 6 });

function chunked(bytes: Uint8Array, at: number[]): Uint8Array[] {
  const points = [...new Set(at.map((n) => (bytes.length === 0 ? 0 : n % bytes.length)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const p of points) {
    out.push(bytes.subarray(from, p));
    from = p;
  }
  out.push(bytes.subarray(from));
  return out;
}

async function parseAll(chunks: Uint8Array[], format: CatalogueFormat): Promise<CatalogueRow[]> {
  const rows: CatalogueRow[] = [];
  for await (const row of parseCatalogue(chunks, format, { maxLineLength: 200, maxFieldLength: 40 })) rows.push(row);
  return rows;
}

type Row = { sku: string; gtin: string; brand: string; model: string };

function serialise(rows: Row[], format: CatalogueFormat): { text: string; lines: number[] } {
  const lines: number[] = [];
  if (format === 'csv') {
    let text = 'sku,gtin,brand,model\n';
    let line = 2;
    for (const r of rows) {
      const record = stringify([[r.sku, r.gtin, r.brand, r.model]], { eof: false });
      // A record of empty values is a blank line, which CSV readers skip; give it a marker column instead.
      const body = record.replace(/,/g, '').trim() === '' ? `${record},x` : record;
      lines.push(line);
      line += (body.match(/\n/g) ?? []).length + 1;
      text += `${body}\n`;
    }
    return { text, lines };
  }
  if (format === 'ndjson')
    return { text: rows.map((r) => JSON.stringify(r)).join('\n'), lines: rows.map((_, i) => i + 1) };
  return { text: `[${rows.map((r) => `\n${JSON.stringify(r)}`).join(',')}\n]`, lines: rows.map((_, i) => i + 2) };
}

for (const format of ['csv', 'ndjson', 'json'] as const) {
  test(`${format}: every written row comes back exactly once, on its own line, in order`, async () => {
    await fc.assert(
      fc.asyncProperty(catalogueRows, cuts, async (rows, at) => {
        const { text, lines } = serialise(rows, format);
        const parsed = await parseAll(chunked(new TextEncoder().encode(text), at), format);
        assert.deepEqual(
          parsed.map((r) => r.line),
          lines,
        );
        parsed.forEach((row, i) => {
          const sku = rows[i]!.sku.trim();
          // The SKU survives unless the row was refused before its values were read.
          if (row.problem === null || row.problem.kind === 'gtin-invalid' || row.problem.kind === 'columns-missing') {
            assert.equal(row.sku, sku === '' ? null : sku);
          }
          if (row.problem === null) assert.match(row.gtin ?? '', /^(|[0-9]{14})$/);
        });
      }),
      { numRuns: 150 },
    );
  });

  test(`${format}: arbitrary bytes never crash the parser; rows come in line order`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }),
          fc.string({ maxLength: 300 }).map((s) => new TextEncoder().encode(s)),
        ),
        cuts,
        async (bytes, at) => {
          try {
            const rows = await parseAll(chunked(bytes, at), format);
            for (let i = 1; i < rows.length; i++) assert.ok(rows[i]!.line >= rows[i - 1]!.line);
          } catch (error) {
            assert.ok(
              isIotlabelError(error) && (error.code === 'INPUT_UNREADABLE' || error.code === 'PAYLOAD_TOO_LARGE'),
              String(error),
            );
          }
        },
      ),
      { numRuns: 200 },
    );
  });
}

// Values of good single-line rows: anything but quotes, commas and line ends (so that no value is quoted and a
// stray quote cannot be read as closing one), with GTIN-like values among them.
const plain = fc.oneof(
  fc.string({ maxLength: 12 }).map((s) => s.replace(/[",\r\n]/g, '')),
  fc.constantFrom('05012345678900', '1234567890128', ''),
);
const goodRow = fc.tuple(fc.stringMatching(/^[A-Za-z0-9][\w.-]{0,9}$/), plain, plain, plain);

test('csv: a row that opens a quote and never closes it loses only its own line; every other line is read', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(goodRow, { minLength: 1, maxLength: 40 }),
      fc.nat(),
      fc.nat(3),
      fc.boolean(),
      cuts,
      async (rows, badAt, field, crlf, at) => {
        const bad = badAt % rows.length;
        const eol = crlf ? '\r\n' : '\n';
        const lines = rows.map((r, i) => (i === bad ? r.map((v, f) => (f === field ? `"${v}` : v)) : r).join(','));
        const text = `sku,gtin,brand,model${eol}${lines.join(eol)}${eol}`;
        const parsed = await parseAll(chunked(new TextEncoder().encode(text), at), 'csv');
        assert.deepEqual(
          parsed.map((r) => r.line),
          rows.map((_, i) => i + 2),
        );
        parsed.forEach((row, i) => {
          if (i === bad) assert.equal(row.problem?.kind, 'csv-malformed');
          else assert.ok(row.problem?.kind !== 'csv-malformed' && row.problem?.kind !== 'too-large', `line ${i + 2}`);
        });
      },
    ),
    { numRuns: 300 },
  );
});
