import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCatalogue, sniffFormat, formatForContentType } from '../../src/catalogue/parse-catalogue.js';
import type { CatalogueFormat, CatalogueLimits, CatalogueRow } from '../../src/catalogue/types.js';
import { unclosedQuoteCsv } from './fixture.js';

async function rows(
  input: string | Uint8Array,
  format: CatalogueFormat,
  limits: Partial<CatalogueLimits> = {},
): Promise<CatalogueRow[]> {
  const out: CatalogueRow[] = [];
  for await (const r of parseCatalogue([input], format, limits)) out.push(r);
  return out;
}

const brief = (r: CatalogueRow) => [r.line, r.sku, r.gtin, r.problem?.kind ?? null];

test('CSV headers match case-insensitively through aliases, with a BOM and CRLF line ends', async () => {
  const csv = '\uFEFFRetailer SKU;x\r\n'.replace(';x', ',GTIN-13,MAKE,mpn') + 'a,5012345678900,,\r\nb,,Acme,CAM\r\n';
  assert.deepEqual((await rows(csv, 'csv')).map(brief), [
    [2, 'a', '05012345678900', null],
    [3, 'b', null, null],
  ]);
  assert.equal((await rows(csv, 'csv'))[1]!.brand, 'Acme');
});

test('a header without a GTIN column or brand and model columns makes the file unreadable', async () => {
  await assert.rejects(rows('sku,brand\n1,Acme\n', 'csv'), {
    code: 'INPUT_UNREADABLE',
    message: /line 1: the header names no GTIN column/,
  });
  await assert.rejects(rows('', 'csv'), { code: 'INPUT_UNREADABLE' });
});

test('the same bytes split at every possible place give the same rows', async () => {
  const text = 'sku,gtin\n"a\nb",5012345678900\nc,"1234567890128"\r\n\nd,"x""y"\n';
  const whole = await rows(text, 'csv');
  assert.equal(whole.length, 3);
  const bytes = new TextEncoder().encode(text);
  for (let cut = 1; cut < bytes.length; cut++) {
    const out: CatalogueRow[] = [];
    for await (const r of parseCatalogue([bytes.subarray(0, cut), bytes.subarray(cut)], 'csv')) out.push(r);
    assert.deepEqual(out, whole, `cut at ${cut}`);
  }
});

test('a CSV record over the line limit is reported and the next line is read normally', async () => {
  const text = `sku,gtin\na,${'9'.repeat(100)}\nb,5012345678900\nc,"${'y'.repeat(100)}\nd,5012345678900\n`;
  assert.deepEqual((await rows(text, 'csv', { maxLineLength: 50 })).map(brief), [
    [2, null, null, 'too-large'],
    [3, 'b', '05012345678900', null],
    [4, null, null, 'too-large'],
    [5, 'd', '05012345678900', null],
  ]);
});

test('a malformed CSV record does not swallow its neighbours', async () => {
  const text = 'sku,gtin\na,5012345678900\nb,"x"y\nc,1234567890128\nd,a"b\ne,5012345678900\n';
  assert.deepEqual((await rows(text, 'csv')).map(brief), [
    [2, 'a', '05012345678900', null],
    [3, null, null, 'csv-malformed'],
    [4, 'c', '01234567890128', null],
    [5, null, null, 'csv-malformed'],
    [6, 'e', '05012345678900', null],
  ]);
});

test('a quote never closed loses only its own line, at the end of the input or at the line limit', async () => {
  for (const total of [100, 5000]) {
    const out = await rows(unclosedQuoteCsv(total), 'csv');
    assert.deepEqual(
      out.map((r) => r.line),
      Array.from({ length: total }, (_, i) => i + 2),
      `${total} rows`,
    );
    assert.deepEqual(brief(out[1]!), [3, null, null, 'csv-malformed']);
    assert.equal(out[1]!.problem?.message, 'a quoted value is never closed');
    assert.ok(out.every((r, i) => i === 1 || (r.problem === null && r.sku === `S${i + 1}`)));
  }
});

test('a quote opened on one line and closed badly on a later one loses only the line that opened it', async () => {
  const text = 'sku,gtin\na,"5012345678900\nb,1234567890128\nc,"x"y\nd,"5012345678900"\ne,"a\nb",q"\nf,1234567890128\n';
  assert.deepEqual((await rows(text, 'csv')).map(brief), [
    [2, null, null, 'csv-malformed'],
    [3, 'b', '01234567890128', null],
    [4, null, null, 'csv-malformed'],
    [5, 'd', '05012345678900', null],
    [6, null, null, 'csv-malformed'],
    [7, null, null, 'csv-malformed'],
    [8, 'f', '01234567890128', null],
  ]);
});

test('NDJSON: bad lines, non-objects, numbers as GTINs and over-long lines are each one row', async () => {
  const text = `{"sku":"a","ean":5012345678900}\nnot json\n[1]\n\n{"sku":"b","brand":"B","model":"M"}\n{"sku":"${'z'.repeat(80)}"}\n{"sku":"a","gtin":"1234567890128"}`;
  assert.deepEqual((await rows(text, 'ndjson', { maxLineLength: 60 })).map(brief), [
    [1, 'a', '05012345678900', null],
    [2, null, null, 'json-malformed'],
    [3, null, null, 'json-malformed'],
    [5, 'b', null, null],
    [6, null, null, 'too-large'],
    [7, 'a', '01234567890128', 'sku-duplicate'],
  ]);
});

test('JSON arrays are scanned element by element; a broken element is one row', async () => {
  const text =
    '[\n {"sku":"a","gtin":"5012345678900"},\n {"sku":"b","gtin":"x\\"]"} ,\n 3 4,\n {"sku":"c", "brand":"B","model":"M"}, {"a":1]}, {}\n]\n';
  assert.deepEqual((await rows(text, 'json')).map(brief), [
    [2, 'a', '05012345678900', null],
    [3, 'b', 'x"]', 'gtin-invalid'],
    [4, null, null, 'json-malformed'],
    [5, 'c', null, null],
    [5, null, null, 'json-malformed'],
    [5, null, null, 'columns-missing'],
  ]);
  assert.deepEqual(await rows('[ ]', 'json'), []);
  await assert.rejects(rows('{"sku":1}', 'json'), { code: 'INPUT_UNREADABLE' });
  await assert.rejects(rows('[{"gtin":"5012345678900"}', 'json'), {
    code: 'INPUT_UNREADABLE',
    message: /never closed/,
  });
  await assert.rejects(rows('[] x', 'json'), { code: 'INPUT_UNREADABLE', message: /after the end/ });
});

test('more rows than the limit refuse the whole catalogue with PAYLOAD_TOO_LARGE', async () => {
  await assert.rejects(rows('gtin\n5012345678900\n5012345678900\n5012345678900\n', 'csv', { maxRows: 2 }), {
    code: 'PAYLOAD_TOO_LARGE',
  });
});

test('the format comes from the content type or the first character', () => {
  assert.equal(formatForContentType('text/csv; charset=utf-8'), 'csv');
  assert.equal(formatForContentType('application/x-ndjson'), 'ndjson');
  assert.equal(formatForContentType('application/json'), 'json');
  assert.equal(formatForContentType('text/plain'), undefined);
  assert.deepEqual(
    [sniffFormat(' [{'), sniffFormat('{"a":1}'), sniffFormat('\uFEFFsku,gtin')],
    ['json', 'ndjson', 'csv'],
  );
});
