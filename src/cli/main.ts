// The `iotlabel` command. Each subcommand lives in its own module under commands/ and is listed here.
// Errors that users cause end as one line per problem and exit 2; never a stack trace.
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { isIotlabelError } from '../errors.js';
import type { CommandContext, ExitCode, RegisterCommand } from './command.js';
import { readConfig, type Config } from '../server/config.js';
import { processIo, type CliIo } from './io.js';
import { registerAdmin } from './commands/admin/admin.js';
import { registerAssess } from './commands/assess.js';
import { registerCheck } from './commands/check/check.js';
import { registerDeclare } from './commands/declare.js';
import { registerEvidence } from './commands/evidence.js';
import { registerExport } from './commands/export.js';
import { registerLog } from './commands/log.js';
import { registerMarkets } from './commands/markets.js';
import { registerCrosswalk } from './commands/crosswalk.js';
import { registerPasswords } from './commands/passwords.js';
import { registerRegimes } from './commands/regimes.js';
import { registerSchema } from './commands/schema.js';
import { registerSecuritytxt } from './commands/securitytxt.js';
import { registerServe } from './commands/serve.js';
import { registerVerify } from './commands/verify.js';

const COMMANDS: RegisterCommand[] = [
  registerRegimes,
  registerAssess,
  registerMarkets,
  registerCrosswalk,
  registerSchema,
  registerExport,
  registerVerify,
  registerSecuritytxt,
  registerPasswords,
  registerCheck,
  registerDeclare,
  registerServe,
  registerAdmin,
  registerLog,
  registerEvidence,
];

export async function main(argv: string[], io: CliIo = processIo): Promise<ExitCode> {
  let exit: ExitCode = 0;
  let config: Config;
  try {
    config = readConfig();
  } catch (error) {
    return reportError(error, io);
  }
  const ctx: CommandContext = { io, config, setExit: (code) => void (exit = code) };
  const program = new Command('iotlabel')
    .description('Registry and toolkit for consumer-IoT security labels')
    .version(packageVersion(), '-V, --version', 'print the version of iotlabel')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .showHelpAfterError(false);
  for (const register of COMMANDS) register(program, ctx);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exit;
  } catch (error) {
    return reportError(error, io);
  }
}

/** The version in package.json, two folders up from src/cli and from dist/cli alike. */
function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version?: unknown;
    };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

export function reportError(error: unknown, io: CliIo): ExitCode {
  if (error instanceof CommanderError) {
    // --help and --version end through exitOverride with exit code 0.
    return error.exitCode === 0 ? 0 : 2;
  }
  if (isIotlabelError(error)) {
    io.err(`iotlabel: ${error.message}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.err(`iotlabel: internal error: ${message}\n`);
  return 1;
}
