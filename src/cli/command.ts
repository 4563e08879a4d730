// The shape every CLI command module follows: it adds itself to the program and, when run,
// returns the exit code (0 success, 1 a check failed, 2 bad usage or input).
import type { Command } from 'commander';
import type { Config } from '../server/config.js';
import type { CliIo } from './io.js';

export type ExitCode = 0 | 1 | 2;

export interface CommandContext {
  io: CliIo;
  /** The environment, read once by main() (src/server/config.ts). */
  config: Config;
  /** Set by the command's action; main() returns it. */
  setExit(code: ExitCode): void;
}

export type RegisterCommand = (program: Command, ctx: CommandContext) => void;
