// Sign-in and sessions for the web pages. The browser holds a random 256-bit session id in a cookie; the
// database keeps only its SHA-256, so a leaked database cannot be replayed as cookies. Sessions expire
// after `idleMinutes` without use and, however busy, `absoluteHours` after sign-in. Wrong passwords get
// one generic answer; repeated failures for one email are throttled in the database (sign-in-lockout.ts), and
// the web route also limits per network address.
import { sha256Hex } from '../../encoding/sha256.js';
import { randomBytes } from 'node:crypto';
import { sessions, users } from '../../store/index.js';
import type { UserActor } from '../actor.js';
import { IotlabelError } from '../../errors.js';
import { Unauthenticated } from '../errors.js';
import { dummyPasswordHash, verifyPassword, type ScryptCost } from './password.js';
import { PASSWORD_MAX, userView, type UserView } from './users.js';
import type { RegistryDeps } from '../deps.js';
import { createSignInLockout, emailKeyOf, type LockoutOptions } from './sign-in-lockout.js';

export interface SessionOptions extends LockoutOptions {
  idleMinutes?: number;
  absoluteHours?: number;
  /** The cost new passwords are hashed at (so an unknown email costs as much as a known one). */
  scryptCost?: ScryptCost;
}

export interface SignedIn {
  /** SHA-256 of the session id: the row's key, safe to log or bind CSRF tokens to. */
  sessionKey: string;
  user: UserView;
  organisationName: string;
  actor: UserActor;
  expiresAt: string;
  /** A multi-step form's saved answers, or null. */
  formState: unknown;
}

export const SIGN_IN_FAILED = 'The email address or password is not right';
const MAX_FORM_STATE = 256 * 1024;
const EXTEND_AFTER_MS = 60_000;

export const hashSessionId = (id: string): string => sha256Hex(id);

export function createSessionUseCases(deps: RegistryDeps, options: SessionOptions = {}) {
  const { store, clock } = deps;
  const idleMs = (options.idleMinutes ?? 120) * 60_000;
  const absoluteMs = (options.absoluteHours ?? 12) * 3_600_000;
  const lockout = createSignInLockout(deps, options);

  /** Checks the password and starts a session. Unknown email, wrong password and disabled account look alike. */
  async function signIn(
    email: string,
    password: string,
  ): Promise<{ sessionId: string; expiresAt: string; user: UserView }> {
    const emailKey = emailKeyOf(email);
    if (await lockout.isLocked(emailKey))
      throw new IotlabelError(
        'RATE_LIMITED',
        `too many failed sign-ins for this email address; wait ${lockout.lockoutMinutes} minutes and try again`,
      );
    const user = emailKey === '' ? undefined : await users.findUserByEmail(store.db, emailKey);
    const candidate = password.slice(0, PASSWORD_MAX + 1);
    // Always run one scrypt, so the time taken does not tell whether the email is registered.
    const ok = await verifyPassword(candidate, user?.passwordHash ?? (await dummyPasswordHash(options.scryptCost)));
    if (!user || !ok || user.disabledAt !== null) {
      await lockout.recordFailure(emailKey);
      throw new Unauthenticated(SIGN_IN_FAILED);
    }
    await lockout.clear(emailKey);
    const nowMs = clock().getTime();
    const sessionId = randomBytes(32).toString('base64url');
    const now = new Date(nowMs).toISOString();
    const expiresAt = new Date(Math.min(nowMs + idleMs, nowMs + absoluteMs)).toISOString();
    await sessions.insertSession(store.db, {
      idHash: hashSessionId(sessionId),
      userId: user.id,
      createdAt: now,
      expiresAt,
      lastSeenAt: now,
      formState: null,
    });
    return { sessionId, expiresAt, user: userView(user) };
  }

  /** The signed-in user for a cookie's session id, or null when unknown, expired or the account is disabled. */
  async function resume(sessionId: string): Promise<SignedIn | null> {
    if (sessionId.length === 0 || sessionId.length > 100) return null;
    const idHash = hashSessionId(sessionId);
    const row = await sessions.findSession(store.db, idHash);
    if (!row) return null;
    const nowMs = clock().getTime();
    if (Date.parse(row.expiresAt) <= nowMs) {
      await sessions.deleteSession(store.db, idHash);
      return null;
    }
    const found = await users.findUserWithOrganisation(store.db, row.userId);
    if (!found || found.user.disabledAt !== null) return null;
    let expiresAt = row.expiresAt;
    if (nowMs - Date.parse(row.lastSeenAt) > EXTEND_AFTER_MS) {
      expiresAt = new Date(Math.min(nowMs + idleMs, Date.parse(row.createdAt) + absoluteMs)).toISOString();
      await sessions.extendSession(store.db, idHash, new Date(nowMs).toISOString(), expiresAt);
    }
    const { user, organisation } = found;
    return {
      sessionKey: idHash,
      user: userView(user),
      organisationName: organisation.name,
      actor: {
        kind: 'user',
        userId: user.id,
        organisationId: organisation.id,
        organisationName: organisation.name,
        role: user.role,
      },
      expiresAt,
      formState: row.formState === null ? null : (JSON.parse(row.formState) as unknown),
    };
  }

  async function signOut(sessionId: string): Promise<void> {
    await sessions.deleteSession(store.db, hashSessionId(sessionId));
  }

  /** Saves (or with null clears) the session's form answers. */
  async function saveFormState(sessionKey: string, state: unknown): Promise<void> {
    const json = state === null ? null : JSON.stringify(state);
    if (json !== null && json.length > MAX_FORM_STATE)
      throw new IotlabelError('PAYLOAD_TOO_LARGE', `the form's answers are larger than ${MAX_FORM_STATE / 1024} KiB`);
    await sessions.setFormState(store.db, sessionKey, json);
  }

  async function purgeExpired(): Promise<number> {
    return sessions.deleteExpiredSessions(store.db, clock().toISOString());
  }

  /** The operator lifting a lockout before its window ends; false when the address had no failures counted. */
  async function unlock(email: string): Promise<boolean> {
    return lockout.clear(email);
  }

  return { signIn, resume, signOut, saveFormState, purgeExpired, unlock };
}
