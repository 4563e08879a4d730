// Organisations and their API keys. A key is `iotl_<8-char prefix>_<32-char secret>` (160 random bits in the
// secret); only its SHA-256 is stored, the whole key is returned once, at creation.
import { sha256Hex } from '../../encoding/sha256.js';
import { apiKeys, newId, organisations, randomToken } from '../../store/index.js';
import type { Actor, KeyActor } from '../actor.js';
import { Conflict, InputInvalid, NotFound, Unauthenticated } from '../errors.js';
import { apiKeyView, organisationView, type ApiKeyView, type OrganisationView } from '../products/views.js';
import type { RegistryDeps } from '../deps.js';
import { ORGANISATION_KINDS, type OrganisationKind } from './organisation-kinds.js';

const KEY_PATTERN = /^iotl_([a-z2-9]{8})_([a-z2-9]{32})$/;
/** last_used_at is bookkeeping: write it at most once a minute per key, not on every request. */
const TOUCH_INTERVAL_MS = 60_000;
/**
 * A key found valid is believed for this long (real time) before the store is asked again, so an
 * authenticated request costs no query. A revocation in this process takes effect at once; one made by
 * another process on the same database, within this time.
 */
const KEY_RECHECK_MS = 1000;
/** Keys believed at most (a registry has far fewer; past this the list starts again). */
const KNOWN_KEYS_LIMIT = 10_000;

export interface CreatedKey extends ApiKeyView {
  /** The secret key. Shown once; the registry keeps only its hash. */
  key: string;
}

export function hashKey(key: string): string {
  return sha256Hex(key);
}

export function createOrganisationUseCases(deps: RegistryDeps) {
  const { store, writer, clock } = deps;
  const touched = new Map<string, number>();
  /** Key hash -> the actor it stood for and until when (performance.now()) that is believed. */
  const believed = new Map<string, { actor: KeyActor; until: number }>();
  /** Bumped on every revocation, so a look-up that ran across one is not believed. */
  let revocations = 0;
  writer.onCommit((events) => {
    for (const event of events) {
      if (event.type !== 'key-revoked') continue;
      revocations++;
      for (const [hash, entry] of believed) if (entry.actor.keyId === event.subjectId) believed.delete(hash);
    }
  });

  async function registerOrganisation(
    actor: Actor,
    input: { name: string; kind: OrganisationKind },
  ): Promise<OrganisationView> {
    const name = input.name.trim().replace(/\s+/g, ' ');
    const problems = [];
    if (name.length === 0 || name.length > 200)
      problems.push({ path: '/name', message: 'must be 1 to 200 characters' });
    if (!ORGANISATION_KINDS.includes(input.kind))
      problems.push({ path: '/kind', message: `must be one of ${ORGANISATION_KINDS.join(', ')}` });
    if (problems.length > 0) throw new InputInvalid(problems);
    return writer.write(actor, async (ctx) => {
      if (await organisations.findOrganisationByName(ctx.trx, name))
        throw new Conflict(`an organisation named "${name}" already exists`);
      const row = { id: newId('org'), name, nameKey: name.toLowerCase(), kind: input.kind, createdAt: ctx.now };
      await organisations.insertOrganisation(ctx.trx, row);
      await ctx.audit({
        action: 'organisation.register',
        subjectType: 'organisation',
        subjectId: row.id,
        detail: { name, kind: row.kind },
      });
      await ctx.emit({
        type: 'organisation-registered',
        subjectId: row.id,
        organisationId: row.id,
        payload: { name, kind: row.kind },
      });
      return organisationView(row);
    });
  }

  async function getOrganisation(id: string): Promise<OrganisationView> {
    const row = await organisations.findOrganisation(store.db, id);
    if (!row) throw new NotFound(`no organisation with id ${id}`);
    return organisationView(row);
  }

  async function listOrganisations(options: {
    kind?: OrganisationKind;
    limit: number;
    after?: string;
  }): Promise<OrganisationView[]> {
    return (await organisations.listOrganisations(store.db, options)).map(organisationView);
  }

  async function createKey(actor: Actor, organisationId: string, input: { name?: string }): Promise<CreatedKey> {
    const name = (input.name ?? 'API key').trim().slice(0, 200) || 'API key';
    return writer.write(actor, async (ctx) => {
      const org = await organisations.findOrganisation(ctx.trx, organisationId);
      if (!org) throw new NotFound(`no organisation with id ${organisationId}`);
      const prefix = `iotl_${randomToken(8)}`;
      const key = `${prefix}_${randomToken(32)}`;
      const row = {
        id: newId('key'),
        organisationId,
        role: org.kind,
        name,
        prefix,
        secretHash: hashKey(key),
        createdAt: ctx.now,
        revokedAt: null,
        lastUsedAt: null,
      };
      await apiKeys.insertApiKey(ctx.trx, row);
      await ctx.audit({
        action: 'key.create',
        subjectType: 'api-key',
        subjectId: row.id,
        detail: { organisationId, role: row.role, prefix },
      });
      await ctx.emit({ type: 'key-created', subjectId: row.id, organisationId, payload: { role: row.role, prefix } });
      return { ...apiKeyView(row), key };
    });
  }

  async function revokeKey(actor: Actor, keyId: string): Promise<ApiKeyView> {
    return writer.write(actor, async (ctx) => {
      const row = await apiKeys.findApiKey(ctx.trx, keyId);
      if (!row) throw new NotFound(`no API key with id ${keyId}`);
      if (row.revokedAt !== null) return apiKeyView(row);
      await apiKeys.markKeyRevoked(ctx.trx, keyId, ctx.now);
      await ctx.audit({
        action: 'key.revoke',
        subjectType: 'api-key',
        subjectId: keyId,
        detail: { organisationId: row.organisationId, prefix: row.prefix },
      });
      await ctx.emit({
        type: 'key-revoked',
        subjectId: keyId,
        organisationId: row.organisationId,
        payload: { prefix: row.prefix },
      });
      return apiKeyView({ ...row, revokedAt: ctx.now });
    });
  }

  async function listKeys(organisationId: string): Promise<ApiKeyView[]> {
    if (!(await organisations.findOrganisation(store.db, organisationId)))
      throw new NotFound(`no organisation with id ${organisationId}`);
    return (await apiKeys.listApiKeys(store.db, organisationId)).map(apiKeyView);
  }

  /** The actor a presented key stands for. Unknown, malformed and revoked keys are all UNAUTHENTICATED. */
  async function authenticate(key: string): Promise<KeyActor> {
    if (!KEY_PATTERN.test(key))
      throw new Unauthenticated('the API key is malformed: expected iotl_<8 characters>_<32 characters>');
    const hash = hashKey(key);
    const known = believed.get(hash);
    if (known !== undefined && performance.now() < known.until) {
      await touch(known.actor.keyId);
      return known.actor;
    }
    const before = revocations;
    const found = await apiKeys.findKeyByHash(store.db, hash);
    if (!found) throw new Unauthenticated('the API key is not known to this registry');
    if (found.key.revokedAt !== null)
      throw new Unauthenticated(`the API key ${found.key.prefix} was revoked on ${found.key.revokedAt.slice(0, 10)}`);
    await touch(found.key.id);
    const actor: KeyActor = {
      kind: 'key',
      keyId: found.key.id,
      organisationId: found.organisation.id,
      organisationName: found.organisation.name,
      role: found.key.role,
    };
    if (before === revocations) {
      if (believed.size >= KNOWN_KEYS_LIMIT) believed.clear();
      believed.set(hash, { actor, until: performance.now() + KEY_RECHECK_MS });
    }
    return actor;
  }

  async function touch(keyId: string): Promise<void> {
    const nowMs = clock().getTime();
    if (nowMs - (touched.get(keyId) ?? 0) > TOUCH_INTERVAL_MS) {
      touched.set(keyId, nowMs);
      await apiKeys.touchApiKey(store.db, keyId, new Date(nowMs).toISOString());
    }
  }

  return { registerOrganisation, getOrganisation, listOrganisations, createKey, revokeKey, listKeys, authenticate };
}
