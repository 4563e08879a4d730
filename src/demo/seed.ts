// Demo data for a first start: a few manufacturers with products and declarations (from
// examples/declarations, re-branded for the second manufacturer), a retailer, a regulator and an admin,
// and one API key per organisation. Everything goes through the registry's use cases, like real data.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { gs1CheckDigit } from '../gs1/gtin.js';
import { IotlabelError } from '../errors.js';
import { systemActor, type Services } from '../registry/index.js';
import type { OrganisationKind } from '../registry/accounts/organisation-kinds.js';

export interface DemoKey {
  organisation: string;
  organisationId: string;
  role: OrganisationKind;
  key: string;
}

/** A web sign-in account; the password is generated on first start and shown once. */
export interface DemoUser {
  organisation: string;
  role: OrganisationKind;
  email: string;
  password: string;
}

export interface DemoSummary {
  keys: DemoKey[];
  users: DemoUser[];
  products: number;
  declarations: number;
  labels: number;
}

/** Both src/demo and dist/demo sit two levels below the package root, where examples/ lives. */
const EXAMPLES = fileURLToPath(new URL('../../examples/declarations/', import.meta.url));

/** Which examples become Acme's products; the two after them are re-branded for Brightly Home. */
const ACME = [
  'good-camera.json',
  'smartphone.json',
  'universal-default-password.json',
  'no-support-period.json',
  'excepted-laptop.json',
];
const BRIGHTLY = ['incremental-passwords.json', 'resettable-to-default.json'];

const DEMO_EMAILS: Record<OrganisationKind | 'brightly', string> = {
  manufacturer: 'demo@acme.example',
  brightly: 'demo@brightly.example',
  retailer: 'demo@retail.example',
  regulator: 'demo@regulator.example',
  admin: 'demo@operator.example',
};

const gtin = (companyAndItem: string) => `${companyAndItem}${gs1CheckDigit(companyAndItem)}`.padStart(14, '0');

function readExample(name: string): Record<string, unknown> | undefined {
  const file = join(EXAMPLES, name);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : undefined;
}

/** A copy of `doc` as another manufacturer's product: new name, brand and GTINs. */
function rebrand(
  doc: Record<string, unknown>,
  manufacturer: string,
  brand: string,
  gtins: string[],
): Record<string, unknown> {
  const copy = structuredClone(doc) as { manufacturer: Record<string, unknown>; product: Record<string, unknown> };
  copy.manufacturer = { ...copy.manufacturer, name: manufacturer, website: 'https://brightly.example' };
  // The product keeps its own name under the new brand ("Acme Smart Plug 10" becomes "Brightly Smart Plug 10").
  const name = String(copy.product.name ?? copy.product.model).replace(/^\S+/, brand);
  copy.product = { ...copy.product, brand, name, gtins };
  return copy;
}

/** The demo organisations, each with one API key and one sign-in. */
const DEMO_ORGANISATIONS: readonly { name: string; kind: OrganisationKind }[] = [
  { name: 'Acme Devices Ltd', kind: 'manufacturer' },
  { name: 'Brightly Home Ltd', kind: 'manufacturer' },
  { name: 'High Street Retail plc', kind: 'retailer' },
  { name: 'Office for Product Safety and Standards', kind: 'regulator' },
  { name: 'Registry Operator', kind: 'admin' },
];

const demoEmail = (org: { name: string; kind: OrganisationKind }) =>
  DEMO_EMAILS[org.kind === 'manufacturer' && org.name.startsWith('Brightly') ? 'brightly' : org.kind];

const demoPassword = () => randomBytes(12).toString('base64url');

/**
 * New demo API keys and sign-in passwords for a database the demo seeded (the ones shown at its first start
 * are gone with that terminal). Old keys keep working; old passwords do not. Throws NOT_FOUND when the
 * database holds none of the demo accounts.
 */
export async function renewDemoCredentials(services: Services): Promise<Pick<DemoSummary, 'keys' | 'users'>> {
  const actor = systemActor('demo credentials');
  const existing = await services.organisations.listOrganisations({ limit: 1000 });
  const keys: DemoKey[] = [];
  const users: DemoUser[] = [];
  for (const demo of DEMO_ORGANISATIONS) {
    const org = existing.find((o) => o.name === demo.name && o.kind === demo.kind);
    if (!org) continue;
    const email = demoEmail(demo);
    const user = (await services.users.listUsers(org.id)).find((u) => u.email === email);
    const key = await services.organisations.createKey(actor, org.id, { name: 'demo key' });
    keys.push({ organisation: org.name, organisationId: org.id, role: org.kind, key: key.key });
    if (!user) continue;
    const password = demoPassword();
    await services.users.setPassword(actor, user.id, password);
    users.push({ organisation: org.name, role: org.kind, email, password });
  }
  if (keys.length === 0)
    throw new IotlabelError(
      'NOT_FOUND',
      'this database has none of the demo organisations (it was not seeded by a first start)',
    );
  return { keys, users };
}

export async function seedDemo(services: Services): Promise<DemoSummary> {
  const actor = systemActor('demo seed');
  const orgs = DEMO_ORGANISATIONS;
  const keys: DemoKey[] = [];
  const users: DemoUser[] = [];
  const ids = new Map<string, string>();
  for (const input of orgs) {
    const org = await services.organisations.registerOrganisation(actor, input);
    ids.set(org.name, org.id);
    const key = await services.organisations.createKey(actor, org.id, { name: 'demo key' });
    keys.push({ organisation: org.name, organisationId: org.id, role: org.kind, key: key.key });
    const email = demoEmail(org);
    const password = demoPassword();
    await services.users.createUser(actor, { organisationId: org.id, email, name: `Demo ${org.kind}`, password });
    users.push({ organisation: org.name, role: org.kind, email, password });
  }
  let products = 0;
  let declarations = 0;
  const productOf = new Map<string, string>();
  const submit = async (organisationId: string, document: Record<string, unknown>, draft = false, example?: string) => {
    const result = await services.declarations.submitForModel(actor, document, { organisationId, draft });
    if (result.productCreated) products++;
    declarations++;
    if (example) productOf.set(example, result.product.id);
  };
  const acme = ids.get('Acme Devices Ltd')!;
  for (const name of ACME) {
    const doc = readExample(name);
    if (doc) await submit(acme, doc, false, name);
  }
  const brightly = ids.get('Brightly Home Ltd')!;
  for (const [i, name] of BRIGHTLY.entries()) {
    const doc = readExample(name);
    if (doc)
      await submit(
        brightly,
        rebrand(doc, 'Brightly Home Ltd', 'Brightly', [gtin(`506000000000${i + 1}`)]),
        false,
        name,
      );
  }
  const labels = await issueDemoLabels(services, productOf);
  // A draft (private to Brightly and regulators) and a product with no declaration yet.
  const camera = readExample('good-camera.json');
  if (camera) {
    const draft = rebrand(camera, 'Brightly Home Ltd', 'Brightly', [gtin('5060000000009')]);
    Object.assign(draft.product as Record<string, unknown>, { model: 'CAM-1', name: 'Brightly Indoor Camera 1' });
    await submit(brightly, draft, true);
  }
  await services.products.createProduct(actor, {
    organisationId: brightly,
    brand: 'Brightly',
    model: 'DOORBELL-1',
    name: 'Brightly Video Doorbell',
    category: 'smart-doorbell',
    gtins: [gtin('5060000000008')],
  });
  products++;
  return { keys, users, products, declarations, labels };
}

/**
 * Labels for the products that qualify: ticks for the good camera (Options A and C) and the smartphone, a
 * cross for the universal-default-password product under Option A, and one revoked label (Brightly's
 * incremental-password product) so that pages and tests have every case.
 */
async function issueDemoLabels(services: Services, productOf: ReadonlyMap<string, string>): Promise<number> {
  const actor = systemActor('demo seed');
  const wanted: [string, string][] = [
    ['good-camera.json', 'uk-2019-option-a'],
    ['good-camera.json', 'uk-2019-option-c'],
    ['smartphone.json', 'uk-2019-option-a'],
    ['universal-default-password.json', 'uk-2019-option-a'],
    ['incremental-passwords.json', 'uk-2019-option-a'],
  ];
  let issued = 0;
  for (const [example, regime] of wanted) {
    const productId = productOf.get(example);
    if (productId === undefined) continue;
    const { label } = await services.labels.issueLabel(actor, productId, { regime });
    issued++;
    if (example === 'incremental-passwords.json') {
      await services.labels.changeStatus(actor, label.id, {
        status: 'revoked',
        reason:
          "Device passwords are sequential, so one device's password reveals its neighbours' (market surveillance test)",
      });
    }
  }
  return issued;
}

/** True when the examples folder is there (it is in a source checkout; an installed package may lack it). */
export const demoExamplesAvailable = () => existsSync(EXAMPLES) && readdirSync(EXAMPLES).length > 0;
