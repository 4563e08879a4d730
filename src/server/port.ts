// Before `serve` creates, migrates or seeds anything it makes sure it can listen: a newcomer whose port is
// taken gets one plain line (exit 2), and a first start that fails this way leaves no half-seeded database.
import { createServer } from 'node:net';
import { IotlabelError } from '../errors.js';

/**
 * Binds `host`:`port` for a moment and lets it go again; returns the port (the one the system chose when
 * `port` is 0). Throws USAGE naming the port when it is taken or not allowed, or the host when it is not ours.
 */
export async function checkPortFree(host: string, port: number): Promise<number> {
  const probe = createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen({ host, port, exclusive: true }, resolve);
    });
  } catch (error) {
    throw new IotlabelError('USAGE', listenProblem(error as NodeJS.ErrnoException, host, port), { cause: error });
  }
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : port;
}

/** A one-line explanation of why listening failed, with what to try. */
export function listenProblem(error: NodeJS.ErrnoException, host: string, port: number): string {
  switch (error.code) {
    case 'EADDRINUSE':
      return `port ${port} is in use; try --port`;
    case 'EACCES':
      return `port ${port} needs administrator rights on this machine; try --port 8080`;
    case 'EADDRNOTAVAIL':
      return `--host ${host} is not an address of this machine; try --host 127.0.0.1`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `--host ${host} is not a known host name; try --host 127.0.0.1`;
    default:
      return `cannot listen on ${host}:${port}: ${error.message}`;
  }
}
