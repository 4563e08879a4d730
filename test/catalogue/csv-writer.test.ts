// The one CSV writer: formula characters at the start of a cell are neutralised, quoting follows RFC 4180,
// and nothing else in src/ writes CSV on its own (issue 18, point 2).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { csvText, csvWriter } from '../../src/catalogue/csv-writer.js';

const RISKY = ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', '\uFF1D1'];

test('a cell starting with = + - @, a tab or a carriage return comes out prefixed with a quote', async () => {
  const text = csvText([RISKY, ['plain', 'a,b', 'say "hi"', 'x=1', 7, -1, '']]);
  const rows = parse(text, { relax_column_count: true }) as string[][];
  assert.deepEqual(
    rows[0],
    RISKY.map((cell) => `'${cell}`),
  );
  assert.deepEqual(rows[1], ['plain', 'a,b', 'say "hi"', 'x=1', '7', '-1', '']);

  const writer = csvWriter({ columns: ['a', 'b'] });
  writer.end(['=A1', 'ok']);
  let streamed = '';
  for await (const chunk of writer) streamed += String(chunk);
  assert.equal(streamed, "a,b\n'=A1,ok\n");
});

test('no module in src/ but the CSV writer uses csv-stringify', () => {
  const offenders: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.ts$/.test(name) && path !== join('src', 'catalogue', 'csv-writer.ts'))
        if (readFileSync(path, 'utf8').includes("'csv-stringify")) offenders.push(path);
    }
  };
  walk('src');
  assert.deepEqual(offenders, []);
});
