// The registry's label-signing keys: which one is active (in the database, shared by every process on it),
// the published key set (JWKS), and rotation. Private keys come from a LabelKeySource and never enter the
// database or an answer. Every change of the key set is a registry event (`label-key-activated`,
// `label-key-rotated`), so the transparency log records it.
import { createHash } from 'node:crypto';
import { IotlabelError } from '../../errors.js';
import {
  generateLabelKey,
  jwksDocument,
  parseLabelJwk,
  type LabelJwk,
  type LabelJwks,
  type LabelSigningKey,
} from '../../labels/index.js';
import { labels as repo } from '../../store/index.js';
import type { Executor, LabelKeyRow } from '../../store/index.js';
import { systemActor, type Actor } from '../actor.js';
import type { LabelKeySource } from './signing-keys-source.js';
import type { WriteContext } from '../write.js';
import type { RegistryDeps } from '../deps.js';

export interface PublishedKeys {
  jwks: LabelJwks;
  etag: string;
}

export interface RotatedKey {
  kid: string;
  retired: string[];
  jwks: LabelJwks;
}

const KEY_EVENTS = new Set(['label-key-activated', 'label-key-rotated']);
const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

export function jwkOfRow(row: LabelKeyRow): LabelJwk {
  return parseLabelJwk({
    kty: 'OKP',
    crv: 'Ed25519',
    x: row.x,
    kid: row.kid,
    status: row.status,
    ...(row.retiredAt === null ? {} : { retired_at: Number(row.retiredAt) }),
  });
}

export function createLabelKeys(deps: RegistryDeps, extras: { source: LabelKeySource }) {
  const { store, writer } = deps;
  const { source } = extras;
  let signing: LabelSigningKey | undefined;
  let published: Promise<PublishedKeys> | undefined;
  let readied: Promise<void> | undefined;
  writer.onCommit((events) => {
    if (events.some((e) => KEY_EVENTS.has(e.type))) published = undefined;
  });

  async function insertActive(
    ctx: WriteContext,
    key: LabelSigningKey,
    type: 'label-key-activated' | 'label-key-rotated',
  ): Promise<string[]> {
    // A key retired at second s still covers labels issued during s (their iat is s): retire from s + 1.
    const retiredAt = seconds(ctx.now) + 1;
    const retired = await repo.retireLabelKeys(ctx.trx, retiredAt);
    await repo.insertLabelKey(ctx.trx, {
      kid: key.kid,
      x: key.publicJwk.x,
      status: 'active',
      createdAt: ctx.now,
      retiredAt: null,
    });
    await ctx.audit({
      action: type === 'label-key-rotated' ? 'label-key.rotate' : 'label-key.activate',
      subjectType: 'label-key',
      subjectId: key.kid,
      detail: { retired, source: source.description },
    });
    await ctx.emit({
      type,
      subjectId: key.kid,
      payload: { kid: key.kid, x: key.publicJwk.x, retired, retiredAt: retired.length > 0 ? retiredAt : null },
    });
    return retired;
  }

  /** Makes sure an active key exists and this process can sign with it. Runs once per process. */
  function ready(): Promise<void> {
    readied ??= writer
      .write(systemActor('label keys'), async (ctx) => {
        const active = await repo.activeLabelKey(ctx.trx);
        const fixed = source.fixed;
        if (fixed && fixed.kid !== active?.kid) {
          const known = await repo.findLabelKey(ctx.trx, fixed.kid);
          if (known)
            throw new IotlabelError(
              'LABEL_KEY_UNAVAILABLE',
              `${source.description} holds key ${fixed.kid}, which was retired at ${new Date(Number(known.retiredAt) * 1000).toISOString()}; give a new key`,
            );
          await insertActive(ctx, fixed, active ? 'label-key-rotated' : 'label-key-activated');
          signing = fixed;
          return;
        }
        if (!active) {
          const key = source.initial();
          await insertActive(ctx, key, 'label-key-activated');
          signing = key;
          return;
        }
        signing = loadActive(active.kid);
      })
      .catch((error: unknown) => {
        readied = undefined;
        throw error;
      });
    return readied;
  }

  function loadActive(kid: string): LabelSigningKey {
    const key = signing?.kid === kid ? signing : source.load(kid);
    if (!key) {
      throw new IotlabelError(
        'LABEL_KEY_UNAVAILABLE',
        `the active label-signing key ${kid} is not in ${source.description}: every process of a registry must use the same key (share the data folder's keys/ or set IOTLABEL_LABEL_KEY alike), or rotate the key`,
      );
    }
    return key;
  }

  /**
   * The key to sign with (`db`: the write's transaction when issuing). Call ready() first, outside the
   * write. Read in the transaction, so a process whose key another process
   * has rotated away picks up the new one (shared folder) or refuses, and never signs with a retired key.
   */
  async function signingKey(db: Executor): Promise<LabelSigningKey> {
    if (!readied) throw new IotlabelError('INTERNAL', 'label keys used before ready()');
    await readied;
    const active = await repo.activeLabelKey(db);
    if (!active) throw new IotlabelError('LABEL_KEY_UNAVAILABLE', 'the registry has no active label-signing key');
    signing = loadActive(active.kid);
    return signing;
  }

  /** The published key set (active first, then retired), cached until the key set changes. */
  function publishedKeys(): Promise<PublishedKeys> {
    published ??= (async () => {
      await ready();
      const jwks = jwksDocument((await repo.labelKeys(store.db)).map(jwkOfRow));
      const etag = `"${createHash('sha256').update(JSON.stringify(jwks)).digest('base64url').slice(0, 27)}"`;
      return { jwks, etag };
    })().catch((error: unknown) => {
      published = undefined;
      throw error;
    });
    return published;
  }

  /** A new active key; the old one stays published as retired so its labels keep verifying. */
  async function rotate(actor: Actor): Promise<RotatedKey> {
    if (actor.kind !== 'system' && actor.role !== 'admin')
      throw new IotlabelError('FORBIDDEN', 'only the operator rotates the label-signing key');
    const save = source.save;
    if (!save)
      throw new IotlabelError(
        'LABEL_KEY_UNAVAILABLE',
        `the label-signing key is fixed by ${source.description}: put a new private JWK there (iotlabel admin generate-label-key) and restart`,
      );
    // No ready() first: rotating is also how an operator recovers when the active key's file was lost.
    const key = generateLabelKey();
    save(key);
    let retired: string[];
    try {
      retired = await writer.write(actor, (ctx) => insertActive(ctx, key, 'label-key-rotated'));
    } catch (error) {
      source.discard?.(key.kid);
      throw error;
    }
    signing = key;
    readied = Promise.resolve();
    // A retired key never signs again: its private half is no longer needed.
    for (const kid of retired) source.discard?.(kid);
    return { kid: key.kid, retired, jwks: (await publishedKeys()).jwks };
  }

  return { ready, signingKey, publishedKeys, rotate, forget: () => void (published = undefined), source };
}

export type LabelKeys = ReturnType<typeof createLabelKeys>;
