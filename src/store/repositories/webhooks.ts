// Webhook subscriptions, the durable delivery outbox (one row per webhook and notice) and every attempt.
import type { Executor } from './executor.js';
import type { WebhookAttemptRow, WebhookDeliveryRow, WebhookRow } from '../schema.js';

export async function insertWebhook(db: Executor, row: WebhookRow): Promise<void> {
  await db.insertInto('webhooks').values(row).execute();
}

export async function findWebhook(db: Executor, id: string): Promise<WebhookRow | undefined> {
  return db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function webhooksOf(db: Executor, organisationId: string): Promise<WebhookRow[]> {
  return db
    .selectFrom('webhooks')
    .selectAll()
    .where('organisationId', '=', organisationId)
    .where('deletedAt', 'is', null)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}

export async function deleteWebhook(db: Executor, id: string, at: string): Promise<void> {
  await db.updateTable('webhooks').set({ deletedAt: at }).where('id', '=', id).execute();
  await db
    .updateTable('webhookDeliveries')
    .set({ status: 'cancelled' })
    .where('webhookId', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

export async function insertDelivery(db: Executor, row: Omit<WebhookDeliveryRow, 'seq'>): Promise<void> {
  await db.insertInto('webhookDeliveries').values(row).execute();
}

/** For each webhook with pending deliveries: its oldest one (only that one may go next: order per webhook). */
export async function headsOfQueues(db: Executor, limit: number): Promise<WebhookDeliveryRow[]> {
  return db
    .selectFrom('webhookDeliveries as d')
    .selectAll('d')
    .where('d.status', '=', 'pending')
    .where((eb) =>
      eb(
        'd.seq',
        '=',
        eb
          .selectFrom('webhookDeliveries as e')
          .select((e) => e.fn.min('e.seq').as('s'))
          .whereRef('e.webhookId', '=', 'd.webhookId')
          .where('e.status', '=', 'pending'),
      ),
    )
    .orderBy('d.nextAttemptAt')
    .limit(limit)
    .execute();
}

export async function recordAttempt(db: Executor, row: Omit<WebhookAttemptRow, 'id'>): Promise<void> {
  await db.insertInto('webhookAttempts').values(row).execute();
}

export async function markDelivered(db: Executor, id: string, attempts: number, at: string): Promise<void> {
  await db
    .updateTable('webhookDeliveries')
    .set({ status: 'delivered', attempts, deliveredAt: at })
    .where('id', '=', id)
    .execute();
}

export async function scheduleRetry(db: Executor, id: string, attempts: number, next: string): Promise<void> {
  await db.updateTable('webhookDeliveries').set({ attempts, nextAttemptAt: next }).where('id', '=', id).execute();
}

/** The webhook's deliveries, newest first, with the notice each carries. */
export async function deliveriesOf(
  db: Executor,
  webhookId: string,
  limit: number,
): Promise<(WebhookDeliveryRow & { type: string })[]> {
  return db
    .selectFrom('webhookDeliveries as d')
    .innerJoin('retailNotices as n', 'n.id', 'd.noticeId')
    .selectAll('d')
    .select('n.type as type')
    .where('d.webhookId', '=', webhookId)
    .orderBy('d.seq', 'desc')
    .limit(limit)
    .execute();
}

export async function attemptsOf(db: Executor, deliveryIds: readonly string[]): Promise<WebhookAttemptRow[]> {
  if (deliveryIds.length === 0) return [];
  return db.selectFrom('webhookAttempts').selectAll().where('deliveryId', 'in', deliveryIds).orderBy('id').execute();
}
