// Starts `iotlabel serve` as a child process and waits for its "listening on" line. A server that exits
// early or does not start in time is killed before the error is thrown, so a failed start never leaves a
// process behind that holds the test run open.
import { spawn, type ChildProcess } from 'node:child_process';

export interface ServeProcess {
  child: ChildProcess;
  /** Everything the server wrote to stdout and stderr so far. */
  output: () => string;
  exited: Promise<number | null>;
}

export interface ServeOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** How long a start may take; generous, since a loaded CI machine starts Node slowly. */
  timeoutMs?: number;
}

export async function startServe(argv: string[], options: ServeOptions): Promise<ServeProcess> {
  const child = spawn(process.execPath, argv, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (chunk) => (out += chunk));
  child.stderr!.on('data', (chunk) => (out += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const timeoutMs = options.timeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  while (!out.includes('listening on')) {
    if (child.exitCode !== null) throw new Error(`serve exited early (${child.exitCode}):\n${out}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      await exited;
      throw new Error(`serve did not start in ${timeoutMs / 1000} s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, output: () => out, exited };
}
