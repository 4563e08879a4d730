import type { FastifyServerOptions } from 'fastify';

export interface HttpOptions {
  /** pino options, or false for silence (tests). */
  logger?: FastifyServerOptions['logger'];
  /** Largest request body accepted, in bytes (default 1 MiB). */
  bodyLimit?: number;
  /** Writes per key (or per address when anonymous) per minute (default 120). */
  writesPerMinute?: number;
  /** Public base URL, for links in answers (default: taken from the request). */
  publicUrl?: string;
  /** POST /v1/checks: catalogue size and row limits (default 1 GiB, 5,000,000 rows) and checks per key per minute (default 30). */
  checks?: { maxBytes?: number; maxRows?: number; perMinute?: number };
  /** POST /v1/declarations/bulk: documents per key per minute (default 60,000) and stream size (default 256 MiB). */
  bulk?: { documentsPerMinute?: number; maxBytes?: number };
}

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

export const writeLimit = (options: HttpOptions) => ({ max: options.writesPerMinute ?? 120, timeWindow: 60_000 });
