// Web accounts: people who sign in to the pages. A user belongs to one organisation and has its role
// (manufacturer, retailer, regulator, admin), exactly like that organisation's API keys. Created by the
// operator (`iotlabel admin create-user`, the demo seed) or an admin, through the write seam.
import { newId, organisations, sessions, signInFailures, users } from '../../store/index.js';
import { signInEmailHash } from './sign-in-lockout.js';
import type { UserRow } from '../../store/index.js';
import type { Actor } from '../actor.js';
import { Conflict, Forbidden, InputInvalid, NotFound, type FieldProblem } from '../errors.js';
import { hashPassword, type ScryptCost } from './password.js';
import type { RegistryDeps } from '../deps.js';
import type { OrganisationKind } from './organisation-kinds.js';

export interface UserView {
  id: string;
  organisationId: string;
  role: OrganisationKind;
  email: string;
  name: string;
  createdAt: string;
  disabledAt: string | null;
}

export interface NewUser {
  organisationId: string;
  email: string;
  name: string;
  password: string;
}

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{1,63}$/;

export const userView = (row: UserRow): UserView => ({
  id: row.id,
  organisationId: row.organisationId,
  role: row.role,
  email: row.email,
  name: row.name,
  createdAt: row.createdAt,
  disabledAt: row.disabledAt,
});

export function createUserUseCases(deps: RegistryDeps, options: { scryptCost?: ScryptCost } = {}) {
  const { store, writer } = deps;
  function validate(input: NewUser): FieldProblem[] {
    const problems: FieldProblem[] = [];
    const email = input.email.trim();
    if (email.length > 320 || !EMAIL.test(email))
      problems.push({ path: '/email', message: 'must be an email address, like name@example.com' });
    const name = input.name.trim();
    if (name.length === 0 || name.length > 200)
      problems.push({ path: '/name', message: 'must be 1 to 200 characters' });
    if (input.password.length < PASSWORD_MIN || input.password.length > PASSWORD_MAX)
      problems.push({ path: '/password', message: `must be ${PASSWORD_MIN} to ${PASSWORD_MAX} characters` });
    return problems;
  }

  /** Creates a user in the organisation, with the organisation's role. Only the operator or an admin may. */
  async function createUser(actor: Actor, input: NewUser): Promise<UserView> {
    if (actor.kind !== 'system' && actor.role !== 'admin')
      throw new Forbidden('only the operator or an admin creates user accounts');
    const problems = validate(input);
    if (problems.length > 0) throw new InputInvalid(problems);
    const passwordHash = await hashPassword(input.password, options.scryptCost);
    return writer.write(actor, async (ctx) => {
      const org = await organisations.findOrganisation(ctx.trx, input.organisationId);
      if (!org) throw new NotFound(`no organisation with id ${input.organisationId}`);
      if (await users.findUserByEmail(ctx.trx, input.email))
        throw new Conflict(`a user with email ${input.email.trim()} already exists`);
      const row: UserRow = {
        id: newId('usr'),
        organisationId: org.id,
        role: org.kind,
        email: input.email.trim(),
        emailKey: input.email.trim().toLowerCase(),
        name: input.name.trim(),
        passwordHash,
        createdAt: ctx.now,
        disabledAt: null,
      };
      await users.insertUser(ctx.trx, row);
      // The audit trail names the account; the event (which feeds may publish) carries no personal data.
      await ctx.audit({
        action: 'user.create',
        subjectType: 'user',
        subjectId: row.id,
        detail: { organisationId: org.id, role: row.role, email: row.email },
      });
      await ctx.emit({ type: 'user-created', subjectId: row.id, organisationId: org.id, payload: { role: row.role } });
      return userView(row);
    });
  }

  async function listUsers(organisationId: string): Promise<UserView[]> {
    return (await users.listUsers(store.db, organisationId)).map(userView);
  }

  /**
   * Gives the account a new password (the operator resetting a forgotten one, or fresh demo sign-ins). Its
   * sessions end, so whoever held the old password is signed out, and a sign-in lockout on it is lifted.
   */
  async function setPassword(actor: Actor, userId: string, password: string): Promise<UserView> {
    if (actor.kind !== 'system' && actor.role !== 'admin')
      throw new Forbidden('only the operator or an admin sets passwords');
    if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX)
      throw new InputInvalid([{ path: '/password', message: `must be ${PASSWORD_MIN} to ${PASSWORD_MAX} characters` }]);
    const passwordHash = await hashPassword(password, options.scryptCost);
    return writer.write(actor, async (ctx) => {
      const row = await users.findUser(ctx.trx, userId);
      if (!row) throw new NotFound(`no user with id ${userId}`);
      await users.setPasswordHash(ctx.trx, row.id, passwordHash);
      await sessions.deleteUserSessions(ctx.trx, row.id);
      await signInFailures.clearSignInFailures(ctx.trx, signInEmailHash(row.email));
      await ctx.audit({ action: 'user.set-password', subjectType: 'user', subjectId: row.id });
      return userView({ ...row, passwordHash });
    });
  }

  return { createUser, listUsers, setPassword };
}
