// An app over a fresh store with one organisation (and key) per role, for HTTP tests with app.inject().
import type { FastifyInstance } from 'fastify';
import { buildApp, type ServerOptions } from '../../src/server/index.js';
import type { Services } from '../../src/registry/index.js';
import type { DialectName } from '../../src/store/index.js';
import { manufacturer, openTestRegistry, operator } from './registry.js';

export interface TestApp {
  app: FastifyInstance;
  services: Services;
  keys: { acme: string; brightly: string; retailer: string; regulator: string; admin: string; revoked: string };
  orgs: { acme: string; brightly: string; retailer: string; regulator: string; admin: string };
  close(): Promise<void>;
}

export async function openTestApp(options: ServerOptions = {}, dialect: DialectName = 'sqlite'): Promise<TestApp> {
  const t = await openTestRegistry(dialect);
  const s = t.services;
  const acme = await manufacturer(s, 'Acme Devices Ltd');
  const brightly = await manufacturer(s, 'Brightly Home Ltd');
  const org = async (name: string, kind: 'retailer' | 'regulator' | 'admin') => {
    const o = await s.organisations.registerOrganisation(operator, { name, kind });
    return { id: o.id, key: (await s.organisations.createKey(operator, o.id, {})).key };
  };
  const retailer = await org('High Street Retail plc', 'retailer');
  const regulator = await org('Market Surveillance', 'regulator');
  const admin = await org('Operator', 'admin');
  const revoked = await s.organisations.createKey(operator, acme.org.id, { name: 'old' });
  await s.organisations.revokeKey(operator, revoked.id);
  const app = await buildApp(s, { logger: false, writesPerMinute: 100_000, ...options });
  await app.ready();
  return {
    app,
    services: s,
    keys: {
      acme: acme.key,
      brightly: brightly.key,
      retailer: retailer.key,
      regulator: regulator.key,
      admin: admin.key,
      revoked: revoked.key,
    },
    orgs: {
      acme: acme.org.id,
      brightly: brightly.org.id,
      retailer: retailer.id,
      regulator: regulator.id,
      admin: admin.id,
    },
    close: async () => {
      await app.close();
      await t.close();
    },
  };
}

export const bearer = (key: string | undefined) => (key === undefined ? {} : { authorization: `Bearer ${key}` });
