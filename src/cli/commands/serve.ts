// `iotlabel serve [--port 8080] [--host 127.0.0.1] [--data-dir ./data] [--database-url URL] [--demo|--no-demo]`
// Opens (creating and migrating) the database, seeds demo data on a first start, serves the API until
// SIGTERM/SIGINT, then finishes the requests in flight and exits 0.
import { writeFileSync, rmSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { IotlabelError } from '../../errors.js';
import { buildApp, startServer } from '../../server/index.js';
import { openRegistry } from '../../registry/index.js';
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
      'name of a new transparency log, e.g. registry.example.org/log (default: $IOTLABEL_LOG_ORIGIN, else <host name>/log)',
    )
    .option(
      '--public-url <url>',
      "the registry's public base URL: label issuer, status lists, QR links (default: $IOTLABEL_PUBLIC_URL or http://localhost:8080)",
    )
    .action(async (options: ServeOptions) => {
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new IotlabelError('USAGE', `--port "${options.port}" is not a TCP port number`);
      const { config } = ctx;
      const databaseUrl = options.databaseUrl ?? config.databaseUrl;
      const retail = {
        allowLoopbackWebhooks: options.allowLoopbackWebhooks === true,
        supportWarningDays: positive(options.supportWarningDays, '--support-warning-days'),
        retryBaseMs: positive(options.webhookRetryBaseMs, '--webhook-retry-base-ms'),
      };
      const bulk = { documentsPerMinute: positive(options.bulkDocumentsPerMinute, '--bulk-documents-per-minute') };
      const snapshots = { minIntervalMs: positive(options.snapshotInterval, '--snapshot-interval') * 1000 };
      const { services, empty, dialect } = await openRegistry({
        dataDir: options.dataDir,
        databaseUrl,
        publicUrl: options.publicUrl ?? config.publicUrl,
        logOrigin: options.logOrigin ?? config.logOrigin,
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
      let demo: DemoSummary | undefined;
      const wantDemo = options.demo ?? dialect === 'sqlite';
      if (empty && wantDemo && demoExamplesAvailable()) demo = await seedDemo(services);
      const app = await buildApp(services, {
        publicUrl: services.publicUrl,
        logger: { level: config.logLevel },
        bulk,
      });
      const server = await startServer(app, services, { port, host: options.host });
      // Another process (a second serve on the same PostgreSQL, `iotlabel admin`) may write: notice within a second.
      services.watchForeignWrites();
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
      printBanner(ctx.io, server.url, services.store.location, dialect, demo);
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

function printBanner(io: CliIo, url: string, location: string, dialect: string, demo: DemoSummary | undefined): void {
  io.out(`iotlabel registry listening on ${url}\n`);
  io.out(`  API docs:  ${url}/docs   (OpenAPI: ${url}/openapi.json)\n`);
  io.out(`  database:  ${location} (${dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'})\n`);
  io.out(`  label keys: ${url}/.well-known/iotlabel/keys\n`);
  io.out(`  log:       ${url}/log/checkpoint   (verifier key: ${url}/log/key)\n`);
  if (!demo) return;
  io.out(
    `\nFirst start: seeded demo data (${demo.products} products, ${demo.declarations} declarations, ${demo.labels} labels).\n`,
  );
  io.out('Demo API keys -- shown this once; the registry stores only their hashes:\n');
  const width = Math.max(...demo.keys.map((k) => k.organisation.length));
  for (const k of demo.keys) io.out(`  ${k.role.padEnd(12)} ${k.organisation.padEnd(width)}  ${k.key}\n`);
  io.out(`\nDemo sign-ins for the pages at ${url}/sign-in -- passwords shown this once:\n`);
  for (const u of demo.users) io.out(`  ${u.role.padEnd(12)} ${u.email.padEnd(24)} ${u.password}\n`);
  io.out(`\nTry:  curl '${url}/v1/sellable?gtin=05012345678900&regime=uk-psti-2023'\n\n`);
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
