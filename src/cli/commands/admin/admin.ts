// `iotlabel admin ...`: the operator's commands, run against the same database as `serve`
// (--data-dir for SQLite, --database-url or $DATABASE_URL for PostgreSQL). They act as the operator
// ("system" in the audit trail) and go through the same use cases as the API.
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { IotlabelError } from '../../../errors.js';
import { LABEL_KEY_ENV, systemActor } from '../../../registry/index.js';
import { exportLabelKey, generateLabelKey } from '../../../labels/index.js';
import { restoreSqlite, storeOptionsFrom } from '../../../store/index.js';
import type { RegisterCommand } from '../../command.js';
import { PID_FILE, printDemoCredentials } from '../serve.js';
import { renewDemoCredentials } from '../../../demo/index.js';
import { choosePublicUrl } from '../../../server/index.js';
import { listenOf, print, withDb, withServices, type DbOptions } from './db.js';
import { registerAdminUsers } from './users.js';
import { ORGANISATION_KINDS, type OrganisationKind } from '../../../registry/accounts/organisation-kinds.js';

const actor = systemActor('cli admin');

/** The pid of a live `iotlabel serve` using this data folder, or null. */
function runningServer(dataDir: string): number | null {
  const file = join(dataDir, PID_FILE);
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? pid : null;
  }
}

/** Refuses, before anything is opened, a target whose folder is missing or not writable. */
function checkWritableFolder(file: string): void {
  const folder = dirname(resolve(file));
  try {
    if (!statSync(folder).isDirectory()) throw new IotlabelError('USAGE', `${folder} is not a folder`);
    accessSync(folder, constants.W_OK);
  } catch (error) {
    if (error instanceof IotlabelError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new IotlabelError(
      'USAGE',
      code === 'ENOENT'
        ? `cannot write ${file}: the folder ${folder} does not exist`
        : `cannot write ${file}: the folder ${folder} is not writable`,
    );
  }
}

export const registerAdmin: RegisterCommand = (program, ctx) => {
  const admin = program
    .command('admin')
    .description(
      'operate the registry: organisations, API keys, users, sign-in lockouts, demo credentials, label-signing keys, backup and restore',
    );

  withDb(admin.command('create-organisation'))
    .description('register an organisation; with --key also create its first API key (printed once)')
    .requiredOption('--name <name>', 'organisation name')
    .requiredOption('--kind <kind>', `one of ${ORGANISATION_KINDS.join(', ')}`)
    .option('--key', 'also create an API key')
    .action(async (options: DbOptions & { name: string; kind: string; key?: boolean }) => {
      if (!ORGANISATION_KINDS.includes(options.kind as OrganisationKind))
        throw new IotlabelError('USAGE', `--kind "${options.kind}" is not one of ${ORGANISATION_KINDS.join(', ')}`);
      await withServices(ctx.config, options, async (services) => {
        const org = await services.organisations.registerOrganisation(actor, {
          name: options.name,
          kind: options.kind as OrganisationKind,
        });
        const key = options.key
          ? await services.organisations.createKey(actor, org.id, { name: 'first key' })
          : undefined;
        const human =
          `organisation ${org.id}  ${org.name} (${org.kind})` + (key ? `\nAPI key (shown once): ${key.key}` : '');
        print(ctx, options, { organisation: org, ...(key ? { key } : {}) }, human);
      });
    });

  withDb(admin.command('organisations'))
    .description('list organisations')
    .action(async (options: DbOptions) => {
      await withServices(ctx.config, options, async (services) => {
        const orgs = await services.organisations.listOrganisations({ limit: 100 });
        print(ctx, options, orgs, orgs.map((o) => `${o.id}  ${o.kind.padEnd(12)} ${o.name}`).join('\n'));
      });
    });

  withDb(admin.command('create-key'))
    .description("create an API key for an organisation (its role is the organisation's kind); printed once")
    .requiredOption('--organisation <id>', 'organisation id')
    .option('--name <label>', 'a label for the key', 'API key')
    .action(async (options: DbOptions & { organisation: string; name: string }) => {
      await withServices(ctx.config, options, async (services) => {
        const key = await services.organisations.createKey(actor, options.organisation, { name: options.name });
        print(ctx, options, key, `key ${key.id} (${key.role}) -- shown once, store it now:\n${key.key}`);
      });
    });

  withDb(admin.command('revoke-key'))
    .description('revoke an API key; it stops working at once')
    .argument('<key-id>', 'the key id (key_...)')
    .action(async (keyId: string, options: DbOptions) => {
      await withServices(ctx.config, options, async (services) => {
        const key = await services.organisations.revokeKey(actor, keyId);
        print(ctx, options, key, `key ${key.id} (${key.prefix}...) revoked at ${key.revokedAt}`);
      });
    });

  withDb(admin.command('backup'))
    .description('online copy of the SQLite database to FILE (safe while serve runs); PostgreSQL: use pg_dump')
    .argument('<file>', 'where to write the copy (must not exist)')
    .action(async (file: string, options: DbOptions) => {
      if (options.databaseUrl ?? ctx.config.databaseUrl)
        throw new IotlabelError(
          'USAGE',
          'backup copies the SQLite database; for PostgreSQL use pg_dump (docs/operations.md)',
        );
      if (existsSync(file)) throw new IotlabelError('USAGE', `${file} exists; choose a new file name`);
      checkWritableFolder(file);
      await withServices(ctx.config, options, async (services) => {
        await services.store.backup(file);
        print(ctx, options, { file: resolve(file) }, `backed up ${services.store.location} to ${file}`);
      });
    });

  withDb(admin.command('demo-credentials'))
    .description('new demo API keys and sign-in passwords for a database seeded with the demo (printed once)')
    .action(async (options: DbOptions) => {
      await withServices(ctx.config, options, async (services) => {
        const demo = await renewDemoCredentials(services);
        if (options.json) print(ctx, options, demo, '');
        else printDemoCredentials(ctx.io, choosePublicUrl(listenOf(ctx.config), ctx.config.publicUrl).url, demo);
      });
    });

  withDb(admin.command('restore'))
    .description('replace the SQLite database with a backup (the server must be stopped; the old file is kept)')
    .argument('<file>', 'a file written by `iotlabel admin backup`')
    .action(async (file: string, options: DbOptions) => {
      if (options.databaseUrl ?? ctx.config.databaseUrl)
        throw new IotlabelError(
          'USAGE',
          'restore replaces the SQLite database; for PostgreSQL use pg_restore (docs/operations.md)',
        );
      const pid = runningServer(options.dataDir);
      if (pid !== null)
        throw new IotlabelError(
          'CONFLICT',
          `iotlabel serve (pid ${pid}) is using ${options.dataDir}; stop it before restoring`,
        );
      const storeOptions = storeOptionsFrom({ dataDir: options.dataDir });
      if (storeOptions.kind !== 'sqlite') throw new IotlabelError('USAGE', 'restore needs an SQLite data folder');
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const { previous } = await restoreSqlite(file, storeOptions.file, stamp);
      print(
        ctx,
        options,
        { restored: storeOptions.file, previous },
        `restored ${file} into ${storeOptions.file}` +
          (previous ? `\nthe database it replaced is kept as ${previous}` : ''),
      );
    });

  withDb(admin.command('rotate-label-key'))
    .description(
      'make a new label-signing key active; the old one stays published as retired (labels it signed keep verifying)',
    )
    .action(async (options: DbOptions) => {
      await withServices(ctx.config, options, async (services) => {
        const rotated = await services.labels.keys.rotate(actor);
        print(
          ctx,
          options,
          rotated,
          `label-signing key ${rotated.kid} is active; retired: ${rotated.retired.join(', ') || 'none'}`,
        );
      });
    });

  admin
    .command('generate-label-key')
    .description(`print a new private label-signing key (JWK) for ${LABEL_KEY_ENV}; keep it secret`)
    .action(() => {
      ctx.io.out(`${JSON.stringify(exportLabelKey(generateLabelKey()))}\n`);
    });
  registerAdminUsers(admin, ctx);
};
