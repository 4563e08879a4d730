// A registry holding the products the catalogue fixture (test/catalogue/fixture.ts) names, in the states
// its rows exercise, plus a withdrawn and a never-declared product; and that catalogue with two rows more.
import { gs1CheckDigit } from '../../../src/gs1/gtin.js';
import type { Services } from '../../../src/registry/index.js';
import { catalogueCsv } from '../../catalogue/fixture.js';
import { declarationFor, example, manufacturer, operator } from '../../support/registry.js';

const gtin = (thirteen: string) => `${thirteen}${gs1CheckDigit(thirteen)}`;
export const WITHDRAWN_GTIN = gtin('0501234567810');
export const UNDECLARED_GTIN = gtin('0501234567811');

export interface RetailFixture {
  products: Record<'cam' | 'plug' | 'lock' | 'hub' | 'tv' | 'withdrawn' | 'undeclared', string>;
  labels: { cam: string; lock: string; hub: string };
}

export async function seedRetail(s: Services): Promise<RetailFixture> {
  const acme = await manufacturer(s, 'Acme Retail Fixture Ltd');
  const regulatorOrg = await s.organisations.registerOrganisation(operator, {
    name: 'Fixture Regulator',
    kind: 'regulator',
  });
  const regulator = await s.organisations.authenticate(
    (await s.organisations.createKey(operator, regulatorOrg.id, {})).key,
  );
  const declare = async (doc: Record<string, unknown>) =>
    (await s.declarations.submitForModel(acme.actor, doc)).product.id;
  const good = (brand: string, model: string, gtins: string[], end: string) =>
    declarationFor({ brand, model, gtins }, end);
  const bad = example('universal-default-password');
  bad.product = { ...bad.product, brand: 'Acme', model: 'PLUG-1', name: 'Acme Plug', gtins: ['12345678901231'] };
  const excepted = example('excepted-laptop');
  excepted.product = {
    ...excepted.product,
    brand: 'Cove',
    model: 'TV-1',
    name: 'Cove Laptop',
    gtins: ['00416000336108'],
  };

  const products = {
    cam: await declare(good('Acme', 'CAM-200', ['05012345678900'], '2030-12-31')),
    plug: await declare(bad),
    lock: await declare(good('Bolt', 'LOCK-9', ['01234567890128'], '2028-06-30')),
    hub: await declare(good('Bolt', 'Hub 3', ['00000002345673'], '2029-01-31')),
    tv: await declare(excepted),
    withdrawn: await declare(good('Acme', 'OLD-1', [WITHDRAWN_GTIN], '2029-01-31')),
    undeclared: (
      await s.products.createProduct(acme.actor, {
        brand: 'Acme',
        model: 'NEW-1',
        name: 'Acme New',
        category: 'smart-plug',
        gtins: [UNDECLARED_GTIN],
      })
    ).id,
  };
  const issue = async (productId: string) =>
    (await s.labels.issueLabel(acme.actor, productId, { regime: 'uk-2019-option-a' })).label.id;
  const labels = { cam: await issue(products.cam), lock: await issue(products.lock), hub: await issue(products.hub) };
  await s.labels.changeStatus(regulator, labels.lock, {
    status: 'revoked',
    reason: 'default password found in the field',
  });
  await s.products.withdrawProduct(acme.actor, products.withdrawn, 'battery fault');
  return { products, labels };
}

/** The catalogue fixture with a withdrawn (line 18) and a never-declared product (line 19). */
export function retailCatalogueCsv(): Uint8Array {
  const more = new TextEncoder().encode(`\nS14,${WITHDRAWN_GTIN},,,withdrawn\nS15,${UNDECLARED_GTIN},,,not declared\n`);
  const base = catalogueCsv();
  const out = new Uint8Array(base.length + more.length);
  out.set(base);
  out.set(more, base.length);
  return out;
}
