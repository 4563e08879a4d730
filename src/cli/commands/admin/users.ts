// `iotlabel admin create-user`: a web sign-in account for an organisation (the person gets the
// organisation's role). The password is generated and printed once, or taken from $IOTLABEL_USER_PASSWORD
// so it never appears in a shell history or process list.
import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { systemActor } from '../../../registry/index.js';
import type { CommandContext } from '../../command.js';
import { print, withDb, withServices, type DbOptions } from './db.js';

export const USER_PASSWORD_ENV = 'IOTLABEL_USER_PASSWORD';

/** 20 characters from a 64-symbol alphabet: 120 random bits, easy to copy. */
export const generatePassword = () => randomBytes(15).toString('base64url');

export function registerAdminUsers(admin: Command, ctx: CommandContext): void {
  withDb(admin.command('create-user'))
    .description(
      `create a web sign-in account in an organisation; prints a generated password once (or set $${USER_PASSWORD_ENV})`,
    )
    .requiredOption('--organisation <id>', 'organisation id (see `iotlabel admin organisations`)')
    .requiredOption('--email <email>', 'email address to sign in with')
    .requiredOption('--name <name>', "the person's name")
    .action(async (options: DbOptions & { organisation: string; email: string; name: string }) => {
      const given = ctx.config.userPassword;
      const password = given && given.length > 0 ? given : generatePassword();
      await withServices(ctx.config, options, async (services) => {
        const user = await services.users.createUser(systemActor('cli admin'), {
          organisationId: options.organisation,
          email: options.email,
          name: options.name,
          password,
        });
        const shown = given ? '(from $' + USER_PASSWORD_ENV + ')' : password;
        print(
          ctx,
          options,
          { user, ...(given ? {} : { password }) },
          `user ${user.id}  ${user.email} (${user.role})\npassword (shown once): ${shown}`,
        );
      });
    });

  withDb(admin.command('unlock-sign-in'))
    .description('lift the lockout after too many failed sign-ins for an email address (every server shares it)')
    .argument('<email>', 'the email address that is locked out')
    .action(async (email: string, options: DbOptions) => {
      await withServices(ctx.config, options, async (services) => {
        const unlocked = await services.sessions.unlock(email);
        print(
          ctx,
          options,
          { email, unlocked },
          unlocked
            ? `sign-ins for ${email} are unlocked`
            : `no failed sign-ins are counted for ${email}; nothing to unlock`,
        );
      });
    });
}
