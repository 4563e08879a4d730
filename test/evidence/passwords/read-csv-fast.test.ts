// The fast CSV path gives exactly what csv-parse gives: the same records, the same problems with the same
// line numbers, the same refusals, whatever the input and however it is cut into chunks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readCredentialCsv, readCsvWithParser, type BatchItem } from '../../../src/evidence/passwords/read-csv.js';

type Reader = typeof readCredentialCsv;

async function outcome(read: Reader, chunks: (string | Uint8Array)[], maxRowLength?: number): Promise<unknown> {
  const items: BatchItem[] = [];
  try {
    for await (const item of read(chunks, maxRowLength === undefined ? {} : { maxRowLength })) items.push(item);
    return { items };
  } catch (error) {
    return { items, error: { code: (error as { code?: string }).code, message: (error as Error).message } };
  }
}

function cut(text: string, at: number[], bytes: boolean): (string | Uint8Array)[] {
  const points = [...new Set(at.map((a) => a % (text.length + 1)))].sort((a, b) => a - b);
  const parts: string[] = [];
  let last = 0;
  for (const p of points) {
    parts.push(text.slice(last, p));
    last = p;
  }
  parts.push(text.slice(last));
  return bytes
    ? [
        Buffer.from(parts.join(''), 'utf8').subarray(0, Math.floor(text.length / 2)),
        Buffer.from(parts.join(''), 'utf8').subarray(Math.floor(text.length / 2)),
      ]
    : parts;
}

const HEADER = 'device_id,credential_type,password,mac_addresses,production_date,serial_number';
const cell = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      'd1',
      'wifi_psk',
      'Secret-1',
      '00:11:22:33:44:55',
      '2026-02-03',
      'SN-1',
      '',
      'nope',
      '2026-02-30',
    ),
  },
  { weight: 2, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 1, arbitrary: fc.constantFrom('"', '""', '"a,b"', '\r', '\r\n', '\n', '\uFEFF', 'é€😀') },
);
const row = fc.array(cell, { minLength: 0, maxLength: 7 }).map((cells) => cells.join(','));
const body = fc
  .tuple(fc.array(row, { maxLength: 10 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean())
  .map(([rows, eol, trailing]) => rows.join(eol) + (trailing ? eol : ''));

test('property: fast path and csv-parse agree on any input, any chunking', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom('', HEADER + '\n', HEADER + '\r\n', '\uFEFF' + HEADER + '\n', '\n\n' + HEADER + '\n', 'id,pw\n'),
      body,
      fc.array(fc.nat(), { maxLength: 4 }),
      fc.boolean(),
      async (head, text, at, bytes) => {
        const input = head + text;
        const fast = await outcome(readCredentialCsv, cut(input, at, bytes));
        const slow = await outcome(readCsvWithParser, [input]);
        assert.deepEqual(fast, slow, JSON.stringify(input));
      },
    ),
    { numRuns: 400 },
  );
});

test('simple, quoted and CRLF rows: same items as csv-parse, with line numbers', async () => {
  const inputs = [
    `${HEADER}\nd1,wifi_psk,a1,,2026-01-01,S1\n\nd2,wifi_psk,"q,1",,,S2\nd3,wifi_psk,a3,,,S3\nd4,bad\n`,
    `${HEADER}\r\nd1,wifi_psk,a1,,,S1\r\n\r\nd2,wifi_psk,a2\r\nd3,wifi_psk,a3,,,S3\n,x\r\n`,
    `${HEADER}\nd1,wifi_psk,a\r1,,,S1\nd2,wifi_psk,b,,,S2`,
  ];
  for (const input of inputs) {
    assert.deepEqual(
      await outcome(readCredentialCsv, [input]),
      await outcome(readCsvWithParser, [input]),
      JSON.stringify(input),
    );
  }
  const { items } = (await outcome(readCredentialCsv, [inputs[0]!])) as { items: BatchItem[] };
  assert.deepEqual(
    items.map((i) => ('record' in i ? i.record.line : i.problem.line)),
    [2, 4, 5, 6],
  );
});

test('a row longer than the limit is one problem, and the rows after it are still read', async () => {
  const { items } = (await outcome(
    readCredentialCsv,
    [`${HEADER}\nd1,wifi_psk,${'x'.repeat(300)},,,S1\nd2,wifi_psk,b,,,S2\n`],
    200,
  )) as { items: BatchItem[] };
  assert.deepEqual(
    items.map((i) => ('record' in i ? `record ${i.record.line}` : i.problem.message)),
    ['line 2: row is too long', 'record 3'],
  );
});

test('a string chunk that ends inside a surrogate pair keeps the character whole, on both paths', async () => {
  const quoted = `${HEADER}\nd1,wifi_psk,"a",,,S1\nd2,wifi_psk,b,,x😀y,S2\n`; // handed to csv-parse before the cut
  const plain = `${HEADER}\nd1,wifi_psk,a,,,S1\nd2,wifi_psk,b,,x😀y,S2\n`;
  for (const input of [quoted, plain]) {
    const at = input.indexOf('😀') + 1; // between the two halves
    const { items } = (await outcome(readCredentialCsv, [input.slice(0, at), input.slice(at)])) as {
      items: BatchItem[];
    };
    assert.deepEqual(items, ((await outcome(readCsvWithParser, [input])) as { items: BatchItem[] }).items);
    assert.match(JSON.stringify(items), /x😀y/);
  }
});
