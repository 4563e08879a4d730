// Revocation and suspension, and the status lists that publish them. A regulator revokes (final) or
// suspends a label with a reason, and may reinstate a suspended one; each change is a new history row and
// an event. Status list n is an IETF Token Status List JWT (2 bits per label) signed with the active key,
// cached until the next status change (or a key change) and re-signed daily so its `exp` stays ahead.
import { createHash } from 'node:crypto';
import { STATUS_REVOKED, STATUS_SUSPENDED, signStatusList } from '../../labels/index.js';
import { journal, labels as repo } from '../../store/index.js';
import type { Actor } from '../actor.js';
import { Conflict, Forbidden, InputInvalid, NotFound, StateDisagreesWithLog } from '../errors.js';
import { statusListProblems } from '../log/consistency.js';
import { STATUS_LIST_SIZE, type LabelUseCases } from './labels.js';
import { statusListUri, type LabelView } from './view.js';
import type { LabelKeys } from './signing-keys.js';
import type { RegistryDeps } from '../deps.js';
import type { LabelStatus } from '../../labels/label-status.js';

/** Seconds a client may cache a status list (also its Cache-Control max-age). */
export const STATUS_LIST_TTL = 300;
/** A list token is valid for 30 days (`exp`): an offline verifier must refresh it at least that often. */
export const STATUS_LIST_LIFETIME = 30 * 24 * 3600;
/** Re-sign a cached list once it is a day old, well before it expires. */
const RESIGN_AFTER = 24 * 3600;

export interface SignedStatusList {
  list: number;
  uri: string;
  token: string;
  etag: string;
  ttl: number;
  issuedAt: number;
}

const TRANSITIONS: Record<LabelStatus, readonly LabelStatus[]> = {
  valid: ['revoked', 'suspended'],
  suspended: ['valid', 'revoked'],
  revoked: [],
};
const CODE: Record<LabelStatus, number> = { valid: 0, revoked: STATUS_REVOKED, suspended: STATUS_SUSPENDED };
const STATUS_EVENTS = new Set(['label-status-changed', 'label-issued', 'label-key-rotated', 'label-key-activated']);

export function createLabelStatus(deps: RegistryDeps, extras: { keys: LabelKeys; labels: LabelUseCases }) {
  const { store, writer, publicUrl, clock } = deps;
  const { keys, labels } = extras;
  const cache = new Map<number, SignedStatusList>();
  let seenSeq = -1;
  writer.onCommit((events) => {
    if (events.some((e) => STATUS_EVENTS.has(e.type))) cache.clear();
  });

  /** Revokes, suspends or reinstates (status "valid") a label. Regulators only; revoked is final. */
  async function changeStatus(
    actor: Actor,
    labelId: string,
    input: { status: LabelStatus; reason: string },
  ): Promise<LabelView> {
    if (actor.kind !== 'system' && actor.role !== 'regulator')
      throw new Forbidden('only regulators change the status of a label');
    const reason = input.reason.trim().replace(/\s+/g, ' ');
    const problems = [];
    if (!(input.status in TRANSITIONS))
      problems.push({ path: '/status', message: 'must be revoked, suspended or valid' });
    if (reason.length === 0 || reason.length > 1000)
      problems.push({ path: '/reason', message: 'must be 1 to 1000 characters' });
    if (problems.length > 0) throw new InputInvalid(problems);
    await writer.write(actor, async (ctx) => {
      const row = await repo.findLabel(ctx.trx, labelId);
      if (!row) throw new NotFound(`no label with id ${labelId}`);
      if (row.status === 'revoked')
        throw new Conflict(`label ${labelId} was revoked on ${row.statusAt.slice(0, 10)}; revocation is final`);
      if (!TRANSITIONS[row.status].includes(input.status))
        throw new Conflict(`label ${labelId} is already ${row.status}`);
      const { seq } = await ctx.emit({
        type: 'label-status-changed',
        subjectId: labelId,
        productId: row.productId,
        organisationId: row.organisationId,
        payload: {
          labelId,
          status: input.status,
          previous: row.status,
          reason,
          statusList: Number(row.statusList),
          statusIndex: Number(row.statusIndex),
        },
      });
      await repo.setLabelStatus(ctx.trx, labelId, input.status, ctx.now, reason);
      await repo.appendStatusChange(ctx.trx, {
        labelId,
        at: ctx.now,
        status: input.status,
        previous: row.status,
        reason,
        organisationId: actor.kind === 'system' ? null : actor.organisationId,
        eventSeq: seq,
      });
      await ctx.audit({
        action: `label.${input.status === 'valid' ? 'reinstate' : input.status === 'revoked' ? 'revoke' : 'suspend'}`,
        subjectType: 'label',
        subjectId: labelId,
        detail: { previous: row.status, reason },
      });
    });
    return labels.byId(labelId);
  }

  async function sign(list: number): Promise<SignedStatusList> {
    const problems = await statusListProblems(store.db, list);
    if (problems.length > 0) {
      const products = [...new Set(problems.map((p) => p.productId))];
      throw new StateDisagreesWithLog(products[0]!, problems, `status list ${list} (products ${products.join(', ')})`);
    }
    await keys.ready();
    const statuses = new Uint8Array(STATUS_LIST_SIZE);
    for (const entry of await repo.statusesOfList(store.db, list)) statuses[entry.index] = CODE[entry.status];
    const issuedAt = Math.floor(clock().getTime() / 1000);
    const uri = statusListUri(publicUrl, list);
    const token = signStatusList(
      { uri, statuses, issuedAt, ttl: STATUS_LIST_TTL, expiresAt: issuedAt + STATUS_LIST_LIFETIME, issuer: publicUrl },
      await keys.signingKey(store.db),
    );
    const etag = `"${createHash('sha256').update(token).digest('base64url').slice(0, 27)}"`;
    return { list, uri, token, etag, ttl: STATUS_LIST_TTL, issuedAt };
  }

  /** Status list n, signed; NOT_FOUND for a list no label uses yet. */
  async function statusList(list: number): Promise<SignedStatusList> {
    const hit = cache.get(list);
    if (hit && Math.floor(clock().getTime() / 1000) - hit.issuedAt < RESIGN_AFTER) return hit;
    const last = await repo.lastStatusSlot(store.db);
    if (!Number.isSafeInteger(list) || list < 1 || !last || list > last.list)
      throw new NotFound(`no status list ${list}: no label has been given an index in it`);
    const signed = await sign(list);
    cache.set(list, signed);
    return signed;
  }

  /** Clears the cached lists when another process has written (see Services.watchForeignWrites). */
  async function refreshFromStore(): Promise<void> {
    const seq = await journal.lastEventSeq(store.db);
    if (seq !== seenSeq) {
      seenSeq = seq;
      cache.clear();
      keys.forget();
    }
  }

  return { changeStatus, statusList, refreshFromStore };
}

export type LabelStatusUseCases = ReturnType<typeof createLabelStatus>;
