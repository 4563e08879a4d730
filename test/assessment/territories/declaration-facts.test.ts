// Declaration v1's optional territory facts (territories.md §10): accepted when well formed, refused with a
// JSON path when not, published in the schema, and absent from old documents without changing their meaning.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { declarationJsonSchema, parseDeclaration, DeclarationInvalid } from '../../../src/assessment/index.js';

const raw = () =>
  JSON.parse(readFileSync(new URL('../../../examples/declarations/good-camera.json', import.meta.url), 'utf8')) as {
    product: Record<string, unknown>;
    [k: string]: unknown;
  };

test('§10: the new optional facts parse', () => {
  const doc = raw();
  Object.assign(doc.product, {
    firstPlacedOnMarket: '2027-12-11',
    radioInterfaces: ['wifi', 'bluetooth'],
    expectedUseMonths: 36,
    features: { securityFunction: true, locationTracking: false },
  });
  doc.labTestReports = [{ scheme: 'sg-cls', lab: 'Lab', reportId: 'R-1', date: '2026-05-01', level: 3 }];
  doc.sbom = { format: 'spdx', url: 'https://acme.example/sbom.spdx.json' };
  const d = parseDeclaration(doc);
  assert.equal(d.product.firstPlacedOnMarket, '2027-12-11');
  assert.deepEqual(d.product.radioInterfaces, ['wifi', 'bluetooth']);
  assert.equal(d.labTestReports?.[0]?.level, 3);
  assert.equal(d.sbom?.format, 'spdx');
});

test('§10: malformed facts are refused, each with its path', () => {
  const doc = raw();
  Object.assign(doc.product, {
    firstPlacedOnMarket: '2027-02-30',
    radioInterfaces: ['wifi', 'wifi'],
    expectedUseMonths: 60,
  });
  doc.labTestReports = [{ scheme: 'Not A Scheme', lab: 'Lab', reportId: 'R', date: '2026-01-01' }];
  doc.sbom = { format: 'xml' };
  assert.throws(
    () => parseDeclaration(doc),
    (e: unknown) => {
      assert.ok(e instanceof DeclarationInvalid);
      const paths = e.problems.map((p) => p.path);
      for (const p of ['/product/expectedUseMonths', '/labTestReports/0/scheme', '/sbom/format'])
        assert.ok(paths.includes(p), `${p} in ${paths.join(', ')}`);
      return true;
    },
  );
  const dates = raw();
  Object.assign(dates.product, { firstPlacedOnMarket: '2027-02-30', radioInterfaces: ['wifi', 'wifi'] });
  assert.throws(
    () => parseDeclaration(dates),
    (e: unknown) =>
      e instanceof DeclarationInvalid &&
      e.problems.some((p) => p.path === '/product/firstPlacedOnMarket') &&
      e.problems.some((p) => p.path === '/product/radioInterfaces'),
  );
});

test('§10: the published schema names the new fields, all optional', () => {
  const product = declarationJsonSchema.properties.product;
  for (const f of ['firstPlacedOnMarket', 'radioInterfaces', 'expectedUseMonths', 'features'])
    assert.ok(f in product.properties, f);
  assert.ok(!(product.required as readonly string[]).includes('firstPlacedOnMarket'));
  assert.ok('labTestReports' in declarationJsonSchema.properties);
  assert.ok('sbom' in declarationJsonSchema.properties);
  assert.ok('authorisedRepresentative' in declarationJsonSchema.properties.manufacturer.properties);
  assert.ok(!(declarationJsonSchema.required as readonly string[]).includes('labTestReports'));
});
