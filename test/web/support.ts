// Page tests: the whole app (API + pages) over a fresh SQLite registry with demo-like data, a browser-ish
// cookie jar for app.inject, and helpers to read a form's CSRF token and sign in.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/index.js';
import { createServices, systemActor, type Services } from '../../src/registry/index.js';
import type { WebOptions } from '../../src/web/plugin.js';
import type { DialectName, Store } from '../../src/store/index.js';
import { openTestStore } from '../support/dialects.js';
import { declarationFor } from '../support/registry.js';

export const TODAY = '2026-11-24';
export const HOSTILE = '<script>alert(1)</script>';

/**
 * HTML with every run of whitespace as one space: kept pages drop their templates' indentation
 * (src/web/compact-html.ts), so a kept page and a full render are compared as a browser lays them out.
 */
export const squashSpace = (html: string): string => html.replace(/\s+/g, ' ');
const operator = systemActor('test');

export interface WebFixture {
  app: FastifyInstance;
  services: Services;
  acme: {
    orgId: string;
    email: string;
    password: string;
    productId: string;
    hostileProductId: string;
    labelId: string;
    labelLink: string;
    token: string;
  };
  brightly: { orgId: string; email: string; password: string };
  retailer: { orgId: string; email: string; password: string };
  /** Another connection to the same database, as a second `serve` process would have. */
  reopen(): Promise<Store>;
  /** Moves the clock (session expiry tests). */
  advance(ms: number): void;
  close(): Promise<void>;
}

/** `dialect`: SQLite unless a test runs its pages on each of DIALECTS. */
export async function openWebFixture(
  options: { web?: WebOptions; listen?: boolean; dialect?: DialectName } = {},
): Promise<WebFixture> {
  const t = await openTestStore(options.dialect ?? 'sqlite');
  let now = Date.parse(`${TODAY}T10:00:00Z`);
  const services = createServices({
    store: t.store,
    clock: () => new Date(now),
    scryptCost: { N: 1024, r: 8, p: 1 },
    sessions: { idleMinutes: 30 },
    retail: { allowLoopbackWebhooks: true },
  });
  const org = async (name: string, kind: 'manufacturer' | 'retailer', email: string) => {
    const o = await services.organisations.registerOrganisation(operator, { name, kind });
    await services.users.createUser(operator, {
      organisationId: o.id,
      email,
      name: `${kind} person`,
      password: `${kind} password 1`,
    });
    return { orgId: o.id, email, password: `${kind} password 1` };
  };
  const acme = await org('Acme Devices Ltd', 'manufacturer', 'jane@acme.example');
  const brightly = await services.organisations.registerOrganisation(operator, {
    name: 'Brightly Home Ltd',
    kind: 'manufacturer',
  });
  await services.users.createUser(operator, {
    organisationId: brightly.id,
    email: 'bo@brightly.example',
    name: 'Bo',
    password: 'brightly password 1',
  });
  const retailer = await org('High Street Retail plc', 'retailer', 'ray@retail.example');
  const submitted = await services.declarations.submitForModel(
    operator,
    declarationFor({ brand: 'Acme', model: 'CAM-200', gtins: ['05012345678900'] }, '2030-12-31'),
    { organisationId: acme.orgId },
  );
  // A product whose every text a manufacturer controls is hostile markup: pages must show it as text.
  const hostile = declarationFor({ brand: HOSTILE, model: `${HOSTILE}-2`, gtins: ['05012345678917'] }, '2027-01-31');
  hostile.product.name = HOSTILE;
  hostile.provisions.statements['5.7-1'] = { status: 'not-applicable', justification: HOSTILE };
  hostile.vulnerabilityDisclosure.contacts = [
    'mailto:security@acme.example',
    'https://acme.example/"><script>alert(1)</script>',
  ];
  const hostileProduct = await services.declarations.submitForModel(operator, hostile, { organisationId: acme.orgId });
  const label = await services.labels.issueLabel(operator, submitted.product.id, { regime: 'uk-2019-option-a' });
  const app = await buildApp(services, { logger: false, writesPerMinute: 100_000, web: options.web });
  await app.ready();
  return {
    app,
    services,
    acme: {
      ...acme,
      productId: submitted.product.id,
      hostileProductId: hostileProduct.product.id,
      labelId: label.label.id,
      labelLink: label.label.links.qr,
      token: label.label.token,
    },
    brightly: { orgId: brightly.id, email: 'bo@brightly.example', password: 'brightly password 1' },
    retailer,
    reopen: () => t.reopen(),
    advance: (ms) => void (now += ms),
    close: async () => {
      await app.close();
      await t.close();
    },
  };
}

/** Keeps cookies between injected requests, like a browser (ignores Secure: inject is not a network). */
export class Browserish {
  readonly cookies = new Map<string, string>();
  constructor(private readonly app: FastifyInstance) {}

  private remember(res: LightMyRequestResponse): void {
    for (const c of res.cookies as { name: string; value: string; expires?: Date; maxAge?: number }[]) {
      const gone = (c.expires !== undefined && c.expires.getTime() <= Date.now()) || c.maxAge === 0 || c.value === '';
      if (gone) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  private header(): Record<string, string> {
    return this.cookies.size === 0 ? {} : { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const res = await this.app.inject({ method: 'GET', url, headers: { ...headers, ...this.header() } });
    this.remember(res);
    return res;
  }

  async post(url: string, form: Record<string, string | string[]>): Promise<LightMyRequestResponse> {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
    const res = await this.app.inject({
      method: 'POST',
      url,
      headers: { ...this.header(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    });
    this.remember(res);
    return res;
  }

  /** GETs `page`, then POSTs `form` to `action` with the page's CSRF token. */
  async submit(page: string, action: string, form: Record<string, string | string[]>): Promise<LightMyRequestResponse> {
    const html = (await this.get(page)).body;
    return this.post(action, { _csrf: csrfToken(html), ...form });
  }

  async signIn(email: string, password: string): Promise<LightMyRequestResponse> {
    return this.submit('/sign-in', '/sign-in', { email, password });
  }
}

export function csrfToken(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no CSRF token on the page');
  return m[1]!;
}
