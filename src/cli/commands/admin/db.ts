// What every `iotlabel admin` subcommand shares: the database options, opening the registry on them, printing
// JSON or text. Its own file so that admin.ts and its subcommand files (users.ts) do not import each other.
import type { Command } from 'commander';
import { openRegistry, type Services } from '../../../registry/index.js';
import type { CommandContext } from '../../command.js';

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

export async function withServices<T>(options: DbOptions, fn: (services: Services) => Promise<T>): Promise<T> {
  const { services } = await openRegistry({ dataDir: options.dataDir, databaseUrl: options.databaseUrl });
  try {
    return await fn(services);
  } finally {
    await services.close();
  }
}

export function print(ctx: CommandContext, options: DbOptions, value: unknown, human: string): void {
  ctx.io.out(options.json ? `${JSON.stringify(value, null, 2)}\n` : `${human}\n`);
}
