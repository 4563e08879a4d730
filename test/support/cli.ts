// Runs the CLI in-process with captured output, as the CLI tests do.
import { bufferIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';

/** `iotlabel <argv...>`: the exit code and what it printed. */
export async function runCli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = bufferIo();
  const code = await main(argv, io);
  return { code, out: io.stdout(), err: io.stderr() };
}
