// The product page lists the duties that markets' laws put on the manufacturer once the product is sold,
// as they stand today: the CRA's Article 14 reporting from 11 September 2026 (territories.md, EU CRA), for
// products in its scope, and nothing for a product the CRA excludes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { systemActor } from '../../src/registry/index.js';
import { defaultEngine } from '../../src/registry/default-engine.js';
import { obligationsInForce } from '../../src/web/models/product-model.js';
import { declarationFor } from '../support/registry.js';
import { openWebFixture, type WebFixture } from './support.js';

let f: WebFixture;
before(async () => {
  f = await openWebFixture();
});
after(async () => {
  await f.close();
});

const camera = () => defaultEngine.parseDeclaration(declarationFor({ brand: 'Acme', model: 'CAM-9', gtins: [] }));

test('the CRA reporting duty is in force from 11 September 2026, not the day before', () => {
  assert.deepEqual(obligationsInForce(camera(), defaultEngine, '2026-09-10'), []);
  const from = obligationsInForce(camera(), defaultEngine, '2026-09-11');
  assert.equal(from.length, 1, JSON.stringify(from));
  assert.match(from[0]!.title, /Article 14/);
  assert.match(from[0]!.text, /24 hours/);
  assert.match(from[0]!.text, /72 hours/);
  assert.equal(from[0]!.from, '2026-09-11');
});

test('a product the CRA excludes carries no CRA duty', () => {
  const doc = declarationFor({ brand: 'Acme', model: 'PUMP-1', gtins: [] });
  doc.product.category = 'medical-device' as never;
  const medical = defaultEngine.parseDeclaration(doc);
  assert.ok(!obligationsInForce(medical, defaultEngine, '2026-11-24').some((o) => /Article 14/.test(o.title)));
});

test('the product page shows the duty in words, escaped, after the way to report a problem', async () => {
  const submitted = await f.services.declarations.submitForModel(
    systemActor('test'),
    declarationFor({ brand: 'Acme', model: 'CAM-9', gtins: [] }),
    { organisationId: f.acme.orgId },
  );
  const page = await f.app.inject({ url: `/products/${submitted.product.id}` });
  assert.equal(page.statusCode, 200);
  const duties = /data-qa="obligations">([\s\S]*?)<\/ul>/.exec(page.body)?.[1] ?? '';
  assert.match(duties, /Article 14: report actively exploited vulnerabilities/);
  assert.match(duties, /since 11 September 2026/);
  assert.ok(page.body.indexOf('id="report"') < page.body.indexOf('id="duties"'));
});
