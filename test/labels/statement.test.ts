import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildStatement, type StatementInput, type StatementOfCompliance } from '../../src/labels/statement.js';
import { renderStatementHtml } from '../../src/labels/statement-html.js';
import { renderStatementPdf } from '../../src/labels/statement-pdf.js';

// The example declaration of DESIGN.md, with the Schedule 2 provisions stated.
const declaration = {
  schemaVersion: 'iotlabel.declaration/v1',
  manufacturer: { name: 'Acme Devices Ltd', address: '1 High St, London N1 1AA, UK', website: 'https://acme.example' },
  product: {
    brand: 'Acme',
    model: 'CAM-200',
    name: 'Acme Indoor Camera 2',
    category: 'smart-camera',
    gtins: ['05012345678900'],
    hardwareVersion: 'B1',
    firmwareVersion: '2.4.1',
    batch: '2026-W40',
  },
  supportPeriod: { endDate: '2030-12-31', publishedAt: 'https://acme.example/support' },
  provisions: {
    catalog: 'etsi-en-303645-v2.1.1',
    statements: {
      '5.1-1': { status: 'implemented' },
      '5.1-2': { status: 'implemented' },
      '5.2-1': { status: 'implemented' },
      '5.3-13': { status: 'implemented' },
    } as Record<string, { status: string }>,
  },
  signatory: { name: 'Jane Smith', function: 'Head of Product Security', place: 'London', date: '2026-11-20' },
};

function statementOf(input: StatementInput): StatementOfCompliance {
  const result = buildStatement(input);
  assert.ok(result.ok, JSON.stringify(result));
  return result.statement;
}

describe('buildStatement', () => {
  test('fills every Schedule 4 item from the declaration, with the standard for deemed compliance', () => {
    const s = statementOf(declaration);
    assert.equal(
      s.productType,
      'Acme CAM-200 (Acme Indoor Camera 2, category smart-camera, hardware B1, firmware 2.4.1)',
    );
    assert.equal(s.batch, '2026-W40');
    assert.deepEqual(s.manufacturer, { name: 'Acme Devices Ltd', address: '1 High St, London N1 1AA, UK' });
    assert.match(s.preparedBy, /prepared by or on behalf of Acme Devices Ltd/);
    assert.equal(s.basis, 'schedule-2');
    assert.deepEqual(s.standard, {
      number: 'ETSI EN 303 645',
      version: 'V2.1.1',
      date: '2020-06-19',
      provisions: ['5.1-1', '5.1-2', '5.2-1', '5.3-13'],
    });
    assert.match(s.opinion, /deemed compliance in Schedule 2/);
    assert.equal(s.supportPeriod.text, 'Security updates will be provided until at least 31 December 2030.');
    assert.deepEqual(s.signatory, { name: 'Jane Smith', function: 'Head of Product Security' });
    assert.equal(s.place, 'London');
    assert.equal(s.dateOfIssue, '2026-11-20');
  });

  test('without the Schedule 2 provisions (or with another catalog) the declaration is of Schedule 1, with no standard', () => {
    const notDeemed = statementOf({
      ...declaration,
      provisions: { ...declaration.provisions, statements: { '5.1-1': { status: 'implemented' } } },
    });
    assert.equal(notDeemed.basis, 'schedule-1');
    assert.equal(notDeemed.standard, undefined);
    assert.match(notDeemed.opinion, /security requirements in Schedule 1/);
    assert.equal(
      statementOf({ ...declaration, provisions: { ...declaration.provisions, catalog: 'etsi-en-303645-v3.1.3' } })
        .basis,
      'schedule-1',
    );
  });

  test('names every missing item with its Schedule 4 letter and JSON path', () => {
    const result = buildStatement({
      manufacturer: { name: 'Acme Devices Ltd' },
      product: { brand: 'Acme' },
      signatory: { name: 'Jane Smith', date: '20/11/2026' },
    });
    assert.equal(result.ok, false);
    assert.ok(!result.ok);
    assert.deepEqual(
      result.missing.map((m) => `${m.item} ${m.path}`),
      [
        'a product.batch',
        'b manufacturer.address',
        'e supportPeriod.endDate',
        'f signatory.function',
        'g signatory.place',
        'g signatory.date',
      ],
    );
    assert.ok(result.missing.every((m) => m.message.startsWith(`Schedule 4 (${m.item})`)));
  });

  test('an empty declaration misses every item', () => {
    const result = buildStatement({});
    assert.ok(!result.ok);
    assert.deepEqual([...new Set(result.missing.map((m) => m.item))], ['a', 'b', 'e', 'f', 'g']);
  });
});

describe('rendering', () => {
  test('HTML lists items (a) to (g) and escapes every value', () => {
    const hostile = statementOf({
      ...declaration,
      manufacturer: { ...declaration.manufacturer, name: '<img src=x onerror=alert(1)>' },
    });
    const html = renderStatementHtml(hostile);
    assert.doesNotMatch(html, /<img/);
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
    const plain = renderStatementHtml(statementOf(declaration));
    for (const ref of ['(a)', '(b)', '(c)', '(d)', '(e)', '(f)', '(g)'])
      assert.ok(plain.includes(`<span class="ref">${ref}</span>`), ref);
    assert.match(plain, /ETSI EN 303 645, version V2.1.1, issued 19 June 2020/);
    assert.match(plain, /London, 20 November 2026/);
  });

  test('PDF is a PDF document, the same bytes for the same statement', async () => {
    const s = statementOf(declaration);
    const pdf = await renderStatementPdf(s);
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.match(pdf.subarray(-8).toString('latin1'), /%%EOF/);
    assert.ok(pdf.length > 1000);
    assert.ok(pdf.toString('latin1').includes('Statement of compliance'), 'the title is in the document info');
    assert.deepEqual(await renderStatementPdf(s), pdf);
  });
});
