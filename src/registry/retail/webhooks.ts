// Webhook subscriptions of a retailer: where to POST its notices, and the secret they are signed with. The
// URL is checked (https to a public address) and resolved when registered; the secret is returned once and
// stored sealed (webhooks-secrets.ts). Deleting a subscription cancels what it still had to deliver.
import { randomBytes } from 'node:crypto';
import { newId, webhooks as repo } from '../../store/index.js';
import type { WebhookRow } from '../../store/index.js';
import type { Actor, KeyActor, UserActor } from '../actor.js';
import { Forbidden, InputInvalid, NotFound } from '../errors.js';
import { checkWebhookUrl, resolveWebhookUrl } from '../../net/webhook-url.js';
import type { SecretSealer } from './webhooks-secrets.js';
import type { RegistryDeps } from '../deps.js';

export const WEBHOOKS_PER_RETAILER = 10;

export interface WebhookView {
  id: string;
  url: string;
  createdAt: string;
}

export interface DeliveryView {
  id: string;
  noticeId: string;
  type: string;
  status: 'pending' | 'delivered' | 'cancelled';
  attempts: number;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  log: { at: string; statusCode: number | null; error: string | null; ms: number }[];
}

export interface WebhookOptions {
  sealer: SecretSealer;
  /** Development and tests only: also allow http(s) to 127.0.0.1 / ::1 / localhost. */
  allowLoopback: boolean;
}

const view = (row: WebhookRow): WebhookView => ({ id: row.id, url: row.url, createdAt: row.createdAt });

/** A retailer's key holder, or a person signed in to the retailer pages. */
function retailerOf(actor: Actor): KeyActor | UserActor {
  if (actor.kind === 'system' || actor.role !== 'retailer') throw new Forbidden('only a retailer has webhooks');
  return actor;
}

export function createWebhooks(deps: RegistryDeps, options: WebhookOptions) {
  const { store, writer } = deps;
  async function owned(actor: Actor, id: string): Promise<WebhookRow> {
    const row = await repo.findWebhook(store.db, id);
    if (!row || row.deletedAt !== null || row.organisationId !== retailerOf(actor).organisationId)
      throw new NotFound(`no webhook with id ${id}`);
    return row;
  }

  /** Registers a webhook; the answer carries the signing secret, shown this once. */
  async function create(
    actor: Actor,
    input: { url: string; secret?: string | undefined },
  ): Promise<WebhookView & { secret: string }> {
    const org = retailerOf(actor).organisationId;
    const url = checkWebhookUrl(input.url, options.allowLoopback);
    await resolveWebhookUrl(url, options.allowLoopback);
    const secret = input.secret ?? `whsec_${randomBytes(32).toString('base64url')}`;
    if (secret.length < 16 || secret.length > 200)
      throw new InputInvalid([{ path: '/secret', message: 'must be 16 to 200 characters' }]);
    const row: WebhookRow = {
      id: newId('whk'),
      organisationId: org,
      url: url.href,
      secretSealed: '',
      createdAt: '',
      deletedAt: null,
    };
    row.secretSealed = options.sealer.seal(secret, row.id);
    await writer.write(actor, async (ctx) => {
      if ((await repo.webhooksOf(ctx.trx, org)).length >= WEBHOOKS_PER_RETAILER)
        throw new InputInvalid([
          { path: '/url', message: `a retailer may have at most ${WEBHOOKS_PER_RETAILER} webhooks` },
        ]);
      row.createdAt = ctx.now;
      await repo.insertWebhook(ctx.trx, row);
      await ctx.audit({
        action: 'webhook.create',
        subjectType: 'webhook',
        subjectId: row.id,
        detail: { host: url.host },
      });
      await ctx.emit({ type: 'webhook-created', subjectId: row.id, organisationId: org, payload: {} });
    });
    return { ...view(row), secret };
  }

  async function list(actor: Actor): Promise<WebhookView[]> {
    return (await repo.webhooksOf(store.db, retailerOf(actor).organisationId)).map(view);
  }

  async function remove(actor: Actor, id: string): Promise<void> {
    const row = await owned(actor, id);
    await writer.write(actor, async (ctx) => {
      await repo.deleteWebhook(ctx.trx, id, ctx.now);
      await ctx.audit({ action: 'webhook.delete', subjectType: 'webhook', subjectId: id, detail: {} });
      await ctx.emit({ type: 'webhook-deleted', subjectId: id, organisationId: row.organisationId, payload: {} });
    });
  }

  /** The webhook's deliveries, newest first, each with every attempt. */
  async function deliveries(actor: Actor, id: string, limit = 50): Promise<DeliveryView[]> {
    await owned(actor, id);
    const rows = await repo.deliveriesOf(store.db, id, limit);
    const attempts = await repo.attemptsOf(
      store.db,
      rows.map((r) => r.id),
    );
    return rows.map((r) => ({
      id: r.id,
      noticeId: r.noticeId,
      type: r.type,
      status: r.status,
      attempts: Number(r.attempts),
      nextAttemptAt: r.status === 'pending' ? r.nextAttemptAt : null,
      deliveredAt: r.deliveredAt,
      log: attempts
        .filter((a) => a.deliveryId === r.id)
        .map((a) => ({
          at: a.at,
          statusCode: a.statusCode === null ? null : Number(a.statusCode),
          error: a.error,
          ms: Number(a.ms),
        })),
    }));
  }

  return { create, list, remove, deliveries };
}

export type Webhooks = ReturnType<typeof createWebhooks>;
