// `iotlabel serve [--port 8080] [--host 127.0.0.1] [--data-dir ./data] [--database-url URL] [--demo|--no-demo]`
// Opens (creating and migrating) the database, seeds demo data on a first start, serves the API until
// SIGTERM/SIGINT, then finishes the requests in flight and exits 0.
import { existsSync, writeFileSync, rmSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { IotlabelError } from '../../errors.js';
import { buildApp, checkPortFree, choosePublicUrl, startServer, warmPages } from '../../server/index.js';
import { LOG_KEY_FILE, openRegistry } from '../../registry/index.js';
import { loosePaths } from '../../store/index.js';
import { demoExamplesAvailable, seedDemo, type DemoSummary } from '../../demo/index.js';
import type { RegisterCommand } from '../command.js';
import type { CliIo } from '../io.js';

interface ServeOptions {
  port: string;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  demo?: boolean;
  logOrigin?: string;
  publicUrl?: string;
  allowLoopbackWebhooks?: boolean;
  supportWarningDays: string;
  webhookRetryBaseMs: string;
  snapshotInterval: string;
  bulkDocumentsPerMinute: string;
}

export const PID_FILE = 'iotlabel.pid';

export const registerServe: RegisterCommand = (program, ctx) => {
  program
    .command('serve')
    .description('run the registry: JSON API under /v1, OpenAPI at /openapi.json, docs at /docs')
    .option('--port <port>', 'TCP port (default: $PORT, else 8080)', ctx.config.port)
    .option('--host <host>', 'address to listen on (default: $HOST, else 127.0.0.1)', ctx.config.host)
    .option('--data-dir <dir>', 'folder of the embedded SQLite database', './data')
    .option('--database-url <url>', 'PostgreSQL URL instead of SQLite (default: $DATABASE_URL)')
    .option('--demo', 'seed demo data on a first start (default for SQLite)')
    .option('--no-demo', 'never seed demo data (default for PostgreSQL)')
    .option('--allow-loopback-webhooks', 'development and tests only: let webhooks call http(s)://127.0.0.1')
    .option(
      '--support-warning-days <days>',
      'tell watching retailers this many days before a support period ends',
      '90',
    )
    .option('--webhook-retry-base-ms <ms>', 'first webhook retry after this long, doubling up to an hour', '5000')
    .option(
      '--bulk-documents-per-minute <n>',
      'declarations each key may send per minute through POST /v1/declarations/bulk (default: $IOTLABEL_BULK_DOCUMENTS_PER_MINUTE, else 60000)',
      ctx.config.bulkDocumentsPerMinute ?? '60000',
    )
    .option(
      '--snapshot-interval <seconds>',
      'rebuild the offline snapshot at most this often after writes (the previous one is served meanwhile)',
      '5',
    )
    .option(
      '--log-origin <origin>',
      'name of a new transparency log, e.g. registry.example.org/log (default: $IOTLABEL_LOG_ORIGIN, else <host of the public URL>/log)',
    )
    .option(
      '--public-url <url>',
      "the registry's public base URL: label issuer, status lists, QR links, log origin (default: $IOTLABEL_PUBLIC_URL, else http://localhost:<port> on a loopback bind; required to issue labels on any other bind)",
    )
    .action(async (options: ServeOptions) => {
      const requestedPort = Number(options.port);
      if (!Number.isInteger(requestedPort) || requestedPort < 0 || requestedPort > 65535)
        throw new IotlabelError('USAGE', `--port "${options.port}" is not a TCP port number`);
      const { config } = ctx;
      const databaseUrl = options.databaseUrl ?? config.databaseUrl;
      const retail = {
        allowLoopbackWebhooks: options.allowLoopbackWebhooks === true,
        supportWarningDays: positive(options.supportWarningDays, '--support-warning-days'),
        retryBaseMs: positive(options.webhookRetryBaseMs, '--webhook-retry-base-ms'),
      };
      // Nothing is created or seeded until we know we can listen (a busy port is a plain exit 2).
      const port = await checkPortFree(options.host, requestedPort);
      const publicUrl = choosePublicUrl({ host: options.host, port }, options.publicUrl ?? config.publicUrl);
      const logOrigin = options.logOrigin ?? config.logOrigin;
      // A new log is named once, for good: not after an address others cannot reach.
      if (
        publicUrl.labelsRefused !== undefined &&
        logOrigin === undefined &&
        config.logKey === undefined &&
        !existsSync(join(options.dataDir, LOG_KEY_FILE))
      )
        throw new IotlabelError(
          'USAGE',
          `a first start on --host ${options.host} needs --public-url https://<the address people use> ` +
            '(or set IOTLABEL_PUBLIC_URL): the new transparency log is named after it, for good',
        );
      const bulk = { documentsPerMinute: positive(options.bulkDocumentsPerMinute, '--bulk-documents-per-minute') };
      const snapshots = { minIntervalMs: positive(options.snapshotInterval, '--snapshot-interval') * 1000 };
      const { services, empty, dialect } = await openRegistry({
        dataDir: options.dataDir,
        databaseUrl,
        publicUrl: publicUrl.url,
        labelsRefused: publicUrl.labelsRefused,
        logOrigin,
        logKey: config.logKey,
        labelKey: config.labelKey,
        webhookKey: config.webhookKey,
        retail,
        snapshots,
      });
      // Fails early, with the reason, when the label-signing key cannot be loaded or created.
      await services.labels.keys.ready().catch(async (error: unknown) => {
        await services.close();
        throw error;
      });
      const app = await buildApp(services, {
        publicUrl: services.publicUrl,
        logger: { level: config.logLevel },
        bulk,
      }).catch(async (error: unknown) => {
        await services.close();
        throw error;
      });
      const server = await startServer(app, services, { port, host: options.host }).catch(async (error: unknown) => {
        await app.close();
        await services.close();
        throw error;
      });
      // Seeded only once the server listens, so a start that fails leaves the database empty for the next one.
      let demo: DemoSummary | undefined;
      const wantDemo = options.demo ?? dialect === 'sqlite';
      const canSeed = empty && wantDemo && demoExamplesAvailable();
      if (canSeed && publicUrl.labelsRefused === undefined) {
        try {
          demo = await seedDemo(services);
        } catch (error) {
          await server.stop();
          throw error;
        }
      }
      // Another process (a second serve on the same PostgreSQL, `iotlabel admin`) may write: notice within a second.
      services.watchForeignWrites();
      // Fills the sellability read model for today in the background, so tills are answered from memory soon,
      // then the market rows the public pages show.
      void services.sellability
        .warm()
        .then(() => warmPages(services))
        .catch((error: unknown) => app.log.warn({ err: error }, 'warming the sellability answers failed'));
      // Watch-list notices, support-period scans and webhook deliveries.
      services.retail.startWorker({
        onError: (error) => app.log.error({ err: error }, 'retail notices or webhook delivery failed; retrying'),
      });
      const pidFile = dialect === 'sqlite' ? join(options.dataDir, PID_FILE) : undefined;
      if (pidFile) {
        mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
        writeFileSync(pidFile, `${process.pid}\n`);
        warnIfReadableByOthers(ctx.io, options.dataDir);
      }
      printBanner(ctx.io, {
        url: server.url,
        publicUrl: publicUrl.url,
        logOrigin: services.log.origin,
        location: services.store.location,
        dialect,
        demo,
      });
      if (publicUrl.labelsRefused) ctx.io.err(`warning: ${publicUrl.labelsRefused}\n`);
      if (canSeed && !demo) ctx.io.err('note: demo data is seeded on a start that can issue labels\n');
      if (wantDemo && !empty)
        ctx.io.out('Demo sign-ins and keys lost? Print new ones with: npx iotlabel admin demo-credentials\n');
      await server.stopped;
      if (pidFile) rmSync(pidFile, { force: true });
    });
};

function positive(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1)
    throw new IotlabelError('USAGE', `${flag} "${text}" is not a positive whole number`);
  return n;
}

interface Banner {
  url: string;
  publicUrl: string;
  logOrigin: string;
  location: string;
  dialect: string;
  demo: DemoSummary | undefined;
}

function printBanner(io: CliIo, banner: Banner): void {
  const { url, demo } = banner;
  io.out(`iotlabel registry listening on ${url}\n`);
  io.out(`  public URL: ${banner.publicUrl}   (label issuer, status lists, QR links)\n`);
  io.out(`  log origin: ${banner.logOrigin}\n`);
  io.out(`  API docs:  ${url}/docs   (OpenAPI: ${url}/openapi.json)\n`);
  io.out(`  database:  ${banner.location} (${banner.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'})\n`);
  io.out(`  label keys: ${url}/.well-known/iotlabel/keys\n`);
  io.out(`  log:       ${url}/log/checkpoint   (verifier key: ${url}/log/key)\n`);
  if (!demo) return;
  io.out(
    `\nFirst start: seeded demo data (${demo.products} products, ${demo.declarations} declarations, ${demo.labels} labels).\n`,
  );
  printDemoCredentials(io, url, demo);
  io.out(`\nTry:  curl '${url}/v1/sellable?gtin=05012345678900&regime=uk-psti-2023'\n\n`);
}

/** The demo API keys and sign-ins (also printed again by `iotlabel admin demo-credentials`). */
export function printDemoCredentials(io: CliIo, url: string, demo: Pick<DemoSummary, 'keys' | 'users'>): void {
  io.out('Demo API keys -- shown this once; the registry stores only their hashes:\n');
  const width = Math.max(...demo.keys.map((k) => k.organisation.length));
  for (const k of demo.keys) io.out(`  ${k.role.padEnd(12)} ${k.organisation.padEnd(width)}  ${k.key}\n`);
  io.out(`\nDemo sign-ins for the pages at ${url}/sign-in -- passwords shown this once:\n`);
  for (const u of demo.users) io.out(`  ${u.role.padEnd(12)} ${u.email.padEnd(24)} ${u.password}\n`);
}

/** The data folder holds password hashes, drafts and evidence: say so when others may read it. */
export function warnIfReadableByOthers(io: { err(text: string): void }, dataDir: string): void {
  const loose = loosePaths(dataDir);
  if (loose.length === 0) return;
  io.err(
    `warning: ${loose.join(', ')} can be read by other users of this machine; ` +
      `run: chmod 700 ${dataDir} && chmod 600 ${dataDir}/*.db*\n`,
  );
}
