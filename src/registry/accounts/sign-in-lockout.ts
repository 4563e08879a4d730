// The sign-in lockout: after `maxFailures` failed sign-ins for one email address within `lockoutMinutes`, further
// tries for it are refused until that window ends, an operator unlocks it (`iotlabel admin unlock-sign-in`), or
// its password is reset. Counts live in the database (migration 0800), so every `serve` on it shares them and a
// restart keeps them; the table is bounded (expired rows go, and beyond `maxTracked` the least-tried go, never
// a locked one), so a flood of made-up addresses neither grows it without end nor unlocks anyone.
import { sha256Hex } from '../../encoding/sha256.js';
import { signInFailures } from '../../store/index.js';
import type { RegistryDeps } from '../deps.js';

export interface LockoutOptions {
  /** Failed sign-ins for one email within `lockoutMinutes` before further tries are refused (default 5). */
  maxFailures?: number;
  lockoutMinutes?: number;
  /** The most addresses tracked at once (default 100,000). */
  maxTracked?: number;
}

/** The form an email address is counted under: trimmed, lower case, bounded. */
export const emailKeyOf = (email: string): string => email.trim().toLowerCase().slice(0, 320);

/** What the table is keyed by: a hash, so it holds no one's email address. */
export const signInEmailHash = (email: string) => sha256Hex(`iotlabel sign-in\n${emailKeyOf(email)}`);

export function createSignInLockout(deps: Pick<RegistryDeps, 'store' | 'clock'>, options: LockoutOptions = {}) {
  const { store, clock } = deps;
  const maxFailures = options.maxFailures ?? 5;
  const lockoutMs = (options.lockoutMinutes ?? 15) * 60_000;
  const maxTracked = options.maxTracked ?? 100_000;
  const windowStart = () => new Date(clock().getTime() - lockoutMs).toISOString();

  return {
    lockoutMinutes: Math.round(lockoutMs / 60_000),
    /** True when sign-ins for `email` are refused for now. */
    async isLocked(email: string): Promise<boolean> {
      return (await signInFailures.signInFailures(store.db, signInEmailHash(email), windowStart())) >= maxFailures;
    },
    /** Counts a failed sign-in for `email` (and keeps the table bounded). */
    async recordFailure(email: string): Promise<void> {
      const start = windowStart();
      await signInFailures.recordSignInFailure(store.db, signInEmailHash(email), clock().toISOString(), start);
      await signInFailures.pruneSignInFailures(store.db, start, maxTracked, maxFailures);
    },
    /** Forgets the failures for `email`; true when it had some. */
    async clear(email: string): Promise<boolean> {
      return signInFailures.clearSignInFailures(store.db, signInEmailHash(email));
    },
  };
}

export type SignInLockout = ReturnType<typeof createSignInLockout>;
