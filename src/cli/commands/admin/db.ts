// What every `iotlabel admin` subcommand shares: the database options, opening the registry on them, printing
// JSON or text. Its own file so that admin.ts and its subcommand files (users.ts) do not import each other.
import type { Command } from 'commander';
import { openRegistry, type Services } from '../../../registry/index.js';
import type { CommandContext } from '../../command.js';
import type { Config } from '../../../server/config.js';
import { choosePublicUrl } from '../../../server/public-url.js';

export interface DbOptions {
  dataDir: string;
  databaseUrl?: string;
  json?: boolean;
}

export function withDb(command: Command): Command {
  return command
    .option('--data-dir <dir>', 'folder of the embedded SQLite database', './data')
    .option('--database-url <url>', 'PostgreSQL URL instead of SQLite (default: $DATABASE_URL)')
    .option('--json', 'print JSON');
}

/** The registry `serve` would open: the options name the database, the configuration the keys and URLs. */
export async function withServices<T>(
  config: Config,
  options: DbOptions,
  fn: (services: Services) => Promise<T>,
): Promise<T> {
  const { services } = await openRegistry({
    dataDir: options.dataDir,
    databaseUrl: options.databaseUrl ?? config.databaseUrl,
    // The public URL `serve` would derive with the same $PORT/$HOST, so a log key made here has the right origin.
    publicUrl: choosePublicUrl(listenOf(config), config.publicUrl).url,
    logOrigin: config.logOrigin,
    logKey: config.logKey,
    labelKey: config.labelKey,
    webhookKey: config.webhookKey,
  });
  try {
    return await fn(services);
  } finally {
    await services.close();
  }
}

/** Where `serve` listens by default under this configuration ($HOST, $PORT). */
export function listenOf(config: Config): { host: string; port: number } {
  const port = Number(config.port);
  return { host: config.host, port: Number.isInteger(port) && port > 0 ? port : 8080 };
}

export function print(ctx: CommandContext, options: DbOptions, value: unknown, human: string): void {
  ctx.io.out(options.json ? `${JSON.stringify(value, null, 2)}\n` : `${human}\n`);
}
