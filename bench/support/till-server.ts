// The registry for the till benchmark, in a child process so the load generator does not share its event loop:
//   node --import tsx bench/support/till-server.ts '{"dataDir": DIR | "databaseUrl": URL, "products": N}'
// Seeds N products (one declaration each, straight through the registry's use cases, 64 in flight so the
// group commit batches them), skipping those a kept database already holds, then serves the API and pages as `iotlabel serve`
// does, with the per-key write limits raised so the benchmark measures the registry, not the limiter.
// Prints one JSON line {"url", "key", "seeded", "seedSeconds"} when ready.
import { openRegistry } from '../../src/registry/index.js';
import { systemActor } from '../../src/registry/index.js';
import { buildApp } from '../../src/server/app.js';
import { warmPages } from '../../src/server/index.js';
import { startServer } from '../../src/server/listen.js';
import { benchDeclaration, gtinOf } from './till-data.js';

const options = JSON.parse(process.argv[2] ?? '{}') as { dataDir?: string; databaseUrl?: string; products: number };
const { services } = await openRegistry({
  dataDir: options.dataDir,
  databaseUrl: options.databaseUrl,
  publicUrl: 'http://localhost:8080',
  snapshots: { minIntervalMs: 5000 },
});
await services.labels.keys.ready();
const operator = systemActor('bench');
// One manufacturer owns every bench product, so a kept database (--data-dir) is reused by the same maker.
const BENCH_MAKER = 'Tillbench Devices';
const makers = await services.organisations.listOrganisations({ kind: 'manufacturer', limit: 1000 });
const org =
  makers.find((o) => o.name === BENCH_MAKER) ??
  (await services.organisations.registerOrganisation(operator, { name: BENCH_MAKER, kind: 'manufacturer' }));
const key = await services.organisations.createKey(operator, org.id, {});
const actor = await services.organisations.authenticate(key.key);

const started = performance.now();
await services.sellability.refreshFromStore(); // loads the GTIN index: what a kept database already holds
let next = 0;
const worker = async () => {
  for (let i = next++; i < options.products; i = next++)
    if (services.sellability.productOfGtin(gtinOf(i)) === undefined)
      await services.declarations.submitForModel(actor, benchDeclaration(i));
};
await Promise.all(Array.from({ length: 64 }, worker));
const seedSeconds = (performance.now() - started) / 1000;

const app = await buildApp(services, {
  publicUrl: services.publicUrl,
  logger: { level: 'warn' },
  writesPerMinute: 1e9,
  bulk: { documentsPerMinute: 1e9 },
});
const server = await startServer(app, services, { port: 0, host: '127.0.0.1' });
services.watchForeignWrites();
// As `serve` does in the background; awaited here so the figures are of a warm registry.
const warmStart = performance.now();
await services.sellability.warm();
await warmPages(services);
const warmSeconds = (performance.now() - warmStart) / 1000;
console.log(JSON.stringify({ url: server.url, key: key.key, seeded: options.products, seedSeconds, warmSeconds }));
await server.stopped;
