// Services over a fresh store for registry and HTTP tests, a fixed clock, and declarations from the
// project's examples (copied and adjusted per test, never edited on disk).
import { readFileSync } from 'node:fs';
import { createServices, systemActor, type Services } from '../../src/registry/index.js';
import type { DialectName } from '../../src/store/index.js';
import { openTestStore } from './dialects.js';
import { generateNoteKey } from '../../src/tlog/note-key.js';

/** One transparency-log key for the test process, so every services instance on a database signs alike. */
export const TEST_LOG_KEY = generateNoteKey('registry.test/log');

export const TODAY = '2026-11-24';
export const fixedClock = () => new Date(`${TODAY}T10:00:00.000Z`);
export const operator = systemActor('test');

export interface TestRegistry {
  services: Services;
  /** Services over a second connection to the same database: a second `iotlabel serve`. */
  second(): Promise<Services>;
  close(): Promise<void>;
}

export async function openTestRegistry(dialect: DialectName, clock: () => Date = fixedClock): Promise<TestRegistry> {
  const t = await openTestStore(dialect);
  const logSignerKey = TEST_LOG_KEY.signerKey;
  // Snapshots rebuild with no pause between builds, so a test needs no timer to see a write in the next one.
  const snapshots = { minIntervalMs: 0, maxBuildShare: 1 };
  const services = createServices({ store: t.store, clock, logSignerKey, snapshots });
  return {
    services,
    second: async () => createServices({ store: await t.reopen(), clock, logSignerKey, snapshots }),
    close: () => services.close(),
  };
}

export type DeclarationDoc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function example(name: string): DeclarationDoc {
  return JSON.parse(
    readFileSync(new URL(`../../examples/declarations/${name}.json`, import.meta.url), 'utf8'),
  ) as DeclarationDoc;
}

/** The good camera example as another product: brand, model and GTINs replaced, support end date optional. */
export function declarationFor(
  product: { brand: string; model: string; gtins: string[] },
  endDate?: string | null,
): DeclarationDoc {
  const doc = example('good-camera');
  doc.product = {
    ...doc.product,
    brand: product.brand,
    model: product.model,
    name: `${product.brand} ${product.model}`,
    gtins: product.gtins,
  };
  if (endDate === null) delete doc.supportPeriod;
  else if (endDate !== undefined) doc.supportPeriod = { ...doc.supportPeriod, endDate };
  return doc;
}

/** Registers a manufacturer with one key; returns its id, key and actor. */
export async function manufacturer(services: Services, name: string) {
  const org = await services.organisations.registerOrganisation(operator, { name, kind: 'manufacturer' });
  const key = await services.organisations.createKey(operator, org.id, {});
  const actor = await services.organisations.authenticate(key.key);
  return { org, key: key.key, keyId: key.id, actor };
}
