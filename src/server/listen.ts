// Listening and stopping. On SIGTERM/SIGINT the server stops accepting connections, finishes the requests
// in flight (Fastify's close waits for them; idle keep-alive sockets are closed), then closes the store.
import type { FastifyInstance } from 'fastify';
import type { Services } from '../registry/index.js';
import { IotlabelError } from '../errors.js';
import { listenProblem } from './port.js';

export interface RunningServer {
  url: string;
  /** Resolves once the server has stopped (after a signal or stop()). */
  stopped: Promise<void>;
  stop(): Promise<void>;
}

export async function startServer(
  app: FastifyInstance,
  services: Services,
  listen: { port: number; host: string },
  signals: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT'],
): Promise<RunningServer> {
  try {
    await app.listen({ port: listen.port, host: listen.host });
  } catch (error) {
    // Someone took the port after checkPortFree: still one plain line, not a stack trace.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === undefined || !code.startsWith('E')) throw error;
    throw new IotlabelError('USAGE', listenProblem(error as NodeJS.ErrnoException, listen.host, listen.port), {
      cause: error,
    });
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : listen.port;
  const shownHost =
    listen.host === '0.0.0.0' || listen.host === '::'
      ? 'localhost'
      : listen.host.includes(':')
        ? `[${listen.host}]`
        : listen.host;
  let resolveStopped: () => void;
  const stopped = new Promise<void>((resolve) => (resolveStopped = resolve));
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      for (const signal of signals) process.off(signal, onSignal);
      try {
        await app.close();
      } finally {
        await services.close();
        resolveStopped();
      }
    })());
  const onSignal = (signal: NodeJS.Signals) => {
    app.log.info({ signal }, 'shutting down: finishing requests in flight');
    void stop();
  };
  for (const signal of signals) process.on(signal, onSignal);
  return { url: `http://${shownHost}:${port}`, stopped, stop };
}
