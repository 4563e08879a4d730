// The SVG charts: named and described for assistive technology, every value written as text, every text
// escaped, and a zero drawn as an empty bar rather than left out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { columnChart, escapeXml, horizontalBarChart, stackedBarChart } from '../../src/web/charts.js';

test('a bar chart is an image named by its title and described with every number', () => {
  const svg = horizontalBarChart({ id: 'c1', title: 'Products by type', summary: '3 products.' }, [
    {
      label: 'Smart camera',
      bars: [
        { label: 'Pass', value: 2, style: 'pass' },
        { label: 'Fail', value: 1, style: 'fail' },
        { label: 'Out of scope', value: 0 },
      ],
    },
  ]);
  assert.match(svg, /^<svg [^>]*role="img" aria-labelledby="c1-title c1-desc"/);
  assert.match(svg, /<title id="c1-title">Products by type<\/title>/);
  assert.match(svg, /<desc id="c1-desc">3 products\. Smart camera: Pass 2, Fail 1, Out of scope 0\.<\/desc>/);
  assert.match(svg, /fill="url\(#c1-hatch\)"/, 'fail bars are hatched, not only red');
  assert.match(svg, /<rect x="230" y="\d+" width="0"/, 'a zero is an empty bar');
  for (const value of ['2', '1', '0']) assert.match(svg, new RegExp(`>${value}</text>`));
});

test('a column chart writes each value above its column and each label below, turned when columns are narrow', () => {
  const few = columnChart({ id: 'y', title: 'By year', summary: '' }, [
    { label: '2027', value: 1 },
    { label: '2028', value: 0 },
  ]);
  assert.match(few, /<desc id="y-desc"> 2027: 1, 2028: 0\.<\/desc>/);
  assert.doesNotMatch(few, /transform="rotate\(-60/);
  const many = columnChart(
    { id: 'y', title: 'By year', summary: '' },
    Array.from({ length: 20 }, (_, i) => ({ label: String(2025 + i), value: i })),
  );
  assert.match(many, /transform="rotate\(-60 /);
  assert.match(
    columnChart({ id: 'e', title: 'Empty', summary: 'None.' }, []),
    /<desc id="e-desc">None\. No data\.<\/desc>/,
  );
});

test('no text given to a chart can become markup', () => {
  fc.assert(
    fc.property(fc.string(), fc.string(), (title, label) => {
      const svg =
        horizontalBarChart({ id: 'p', title, summary: label }, [{ label, bars: [{ label, value: 1 }] }]) +
        columnChart({ id: 'q', title, summary: label }, [{ label, value: 1 }]);
      const texts = svg.replace(/<[^>]*>/g, '');
      assert.ok(!/[<>]/.test(texts), 'every < and > in text is escaped');
      assert.ok(svg.includes(escapeXml(title)));
    }),
  );
});

test('stacked bars: one bar per group, its parts side by side, the total and every number written out', () => {
  const svg = stackedBarChart({ id: 's1', title: 'Products by type and outcome', summary: '7 products.' }, [
    {
      label: 'Smart camera',
      bars: [
        { label: 'Meets', value: 3, style: 'pass' },
        { label: 'Fails', value: 1, style: 'fail' },
      ],
    },
    {
      label: 'Smart plug',
      bars: [
        { label: 'Meets', value: 0, style: 'pass' },
        { label: 'Fails', value: 3, style: 'fail' },
      ],
    },
  ]);
  const bars = [...svg.matchAll(/<rect x="(\d+)" y="(\d+)" width="(\d+)" height="28"/g)];
  assert.equal(bars.length, 3, 'a part with no products draws nothing');
  // The camera's two parts share a row, the second starting where the first ends.
  assert.equal(bars[0]![2], bars[1]![2]);
  assert.equal(Number(bars[1]![1]), Number(bars[0]![1]) + Number(bars[0]![3]));
  assert.match(svg, />4<\/text>/);
  assert.match(svg, />Meets 3 · Fails 1<\/text>/);
  assert.match(svg, />Fails 3<\/text>/);
  assert.match(svg, /<desc[^>]*>7 products\. Smart camera: Meets 3, Fails 1\. Smart plug: Meets 0, Fails 3\.<\/desc>/);
  assert.match(svg, /url\(#s1-hatch\)/, 'failing parts are hatched, not only coloured');
});
