// The configuration: every environment variable the registry and the `iotlabel` command read, read here once
// into a typed, checked value that is passed down. Nothing else in src reads process.env (the table of
// variables is in docs/operations.md; command-line options, where a command has one, win over these).
import { IotlabelError } from '../errors.js';

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  /** DATABASE_URL: a PostgreSQL URL; unset means the embedded SQLite database under the data folder. */
  databaseUrl?: string;
  /** IOTLABEL_PUBLIC_URL: the registry's public base URL (label issuer, status lists, QR links). */
  publicUrl?: string;
  /** IOTLABEL_LOG_KEY: the transparency log's note signer key (else a key file in the data folder). */
  logKey?: string;
  /** IOTLABEL_LOG_ORIGIN: the origin of a new transparency log (else <public host>/log). */
  logOrigin?: string;
  /** IOTLABEL_LABEL_KEY: a private label-signing JWK (else key files under <data-dir>/keys). */
  labelKey?: string;
  /** IOTLABEL_WEBHOOK_KEY: the base64url key sealing webhook secrets (else <data-dir>/keys/webhook-secrets.key). */
  webhookKey?: string;
  /** LOG_LEVEL: the server's log level (default info). */
  logLevel: LogLevel;
  /** PORT and HOST: where `serve` listens by default (8080 on 127.0.0.1). */
  port: string;
  host: string;
  /** IOTLABEL_SERVER: the registry `check` asks when --server is not given. */
  server?: string;
  /** IOTLABEL_API_KEY: the API key CLI commands send when no key option is given. */
  apiKey?: string;
  /** IOTLABEL_USER_PASSWORD: the password `admin create-user` sets instead of a generated one. */
  userPassword?: string;
  /** IOTLABEL_BULK_DOCUMENTS_PER_MINUTE: declarations per key per minute through POST /v1/declarations/bulk. */
  bulkDocumentsPerMinute?: string;
  /** IOTLABEL_TRUST: registries `verify` trusts, URLs separated by commas or spaces (with any --trust). */
  trust?: string;
  /** IOTLABEL_TRUST_FILE: a file of trusted registry URLs, one a line, when --trust-file is not given. */
  trustFile?: string;
}

/** The variable each field comes from, for messages and documentation. */
export const CONFIG_VARIABLES = {
  databaseUrl: 'DATABASE_URL',
  publicUrl: 'IOTLABEL_PUBLIC_URL',
  logKey: 'IOTLABEL_LOG_KEY',
  logOrigin: 'IOTLABEL_LOG_ORIGIN',
  labelKey: 'IOTLABEL_LABEL_KEY',
  webhookKey: 'IOTLABEL_WEBHOOK_KEY',
  logLevel: 'LOG_LEVEL',
  port: 'PORT',
  host: 'HOST',
  server: 'IOTLABEL_SERVER',
  apiKey: 'IOTLABEL_API_KEY',
  userPassword: 'IOTLABEL_USER_PASSWORD',
  bulkDocumentsPerMinute: 'IOTLABEL_BULK_DOCUMENTS_PER_MINUTE',
  trust: 'IOTLABEL_TRUST',
  trustFile: 'IOTLABEL_TRUST_FILE',
} as const satisfies Record<keyof Config, string>;

/**
 * Reads the configuration from `env`. A variable set to the empty string counts as unset (so `DATABASE_URL=`
 * selects SQLite). Throws USAGE naming the variable when a value cannot be right.
 */
export function readConfig(env: Readonly<Record<string, string | undefined>> = process.env): Config {
  const text = (field: keyof Config): string | undefined => {
    const value = env[CONFIG_VARIABLES[field]];
    return value === undefined || value === '' ? undefined : value;
  };
  const logLevel = text('logLevel') ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel))
    throw new IotlabelError('USAGE', `LOG_LEVEL "${logLevel}" is not one of ${LOG_LEVELS.join(', ')}`);
  const config: Config = {
    logLevel: logLevel as LogLevel,
    port: text('port') ?? '8080',
    host: text('host') ?? '127.0.0.1',
  };
  for (const field of [
    'databaseUrl',
    'publicUrl',
    'logKey',
    'logOrigin',
    'labelKey',
    'webhookKey',
    'server',
    'apiKey',
    'userPassword',
    'bulkDocumentsPerMinute',
    'trust',
    'trustFile',
  ] as const) {
    const value = text(field);
    if (value !== undefined) config[field] = value;
  }
  return config;
}
