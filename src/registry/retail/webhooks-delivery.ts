// Delivers the outbox: each webhook's pending deliveries strictly in order (only the oldest pending one of a
// webhook is ever in flight), different webhooks side by side. A delivery is marked done only after the
// receiver answered 2xx, in the same transaction as its attempt's log row; anything else (an error, a
// timeout, a crash or kill -9 mid-request) leaves it pending, to be sent again with the same notice id after
// an exponential backoff. So every notice arrives at least once and in order, and receivers drop repeats by id.
//
// The request: POST, JSON body (the notice), headers
//   Iotlabel-Event-Id:   the notice id (unique; the same on every retry)
//   Iotlabel-Signature:  t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
import { createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { retail, webhooks as repo } from '../../store/index.js';
import type { WebhookDeliveryRow } from '../../store/index.js';
import { webhookLookup } from '../../net/webhook-url.js';
import type { SecretSealer } from './webhooks-secrets.js';
import type { RegistryDeps } from '../deps.js';

export interface DeliveryOptions {
  sealer: SecretSealer;
  allowLoopback: boolean;
  /** First retry after this many ms, doubling each time up to `retryMaxMs` (defaults 5 s and 1 h). */
  retryBaseMs: number;
  retryMaxMs: number;
  /** A receiver must answer within this many ms (default 10 s). */
  timeoutMs: number;
}

export function signatureHeader(secret: string, body: string, unixSeconds: number): string {
  return `t=${unixSeconds},v1=${createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex')}`;
}

export function backoffMs(attempts: number, base: number, max: number): number {
  return Math.min(max, base * 2 ** Math.max(0, attempts - 1));
}

export function createDelivery(deps: RegistryDeps, options: DeliveryOptions) {
  const { store, clock } = deps;
  const lookup = webhookLookup(options.allowLoopback);

  function post(
    url: string,
    body: string,
    headers: Record<string, string>,
  ): Promise<{ statusCode: number | null; error: string | null }> {
    return new Promise((resolve) => {
      const target = new URL(url);
      const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = send(target, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          'user-agent': 'iotlabel-webhooks/1',
          ...headers,
        },
        lookup,
        timeout: options.timeoutMs,
      });
      req.on('response', (res) => {
        res.resume();
        res.on('end', () => resolve({ statusCode: res.statusCode ?? null, error: null }));
        res.on('error', (e) => resolve({ statusCode: res.statusCode ?? null, error: e.message }));
      });
      req.on('timeout', () => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
      req.on('error', (e) => resolve({ statusCode: null, error: e.message.slice(0, 300) }));
      req.end(body);
    });
  }

  async function attempt(delivery: WebhookDeliveryRow): Promise<boolean> {
    const [hook, notice] = await Promise.all([
      repo.findWebhook(store.db, delivery.webhookId),
      retail.findNotice(store.db, delivery.noticeId),
    ]);
    if (!hook || !notice || hook.deletedAt !== null) return false;
    const body = notice.payload;
    const started = Date.now();
    const now = clock();
    const headers = {
      'iotlabel-event-id': notice.id,
      'iotlabel-signature': signatureHeader(
        options.sealer.open(hook.secretSealed, hook.id),
        body,
        Math.floor(now.getTime() / 1000),
      ),
    };
    const result = await post(hook.url, body, headers);
    const ok = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
    const attempts = Number(delivery.attempts) + 1;
    const at = clock().toISOString();
    await store.db.transaction().execute(async (trx) => {
      await repo.recordAttempt(trx, {
        deliveryId: delivery.id,
        webhookId: hook.id,
        at,
        statusCode: result.statusCode,
        error: result.error ?? (ok ? null : `answered ${result.statusCode}`),
        ms: Date.now() - started,
      });
      if (ok) await repo.markDelivered(trx, delivery.id, attempts, at);
      else
        await repo.scheduleRetry(
          trx,
          delivery.id,
          attempts,
          new Date(clock().getTime() + backoffMs(attempts, options.retryBaseMs, options.retryMaxMs)).toISOString(),
        );
    });
    return ok;
  }

  /**
   * One round: the head of each webhook's queue that is due is sent (webhooks in parallel); a webhook whose
   * head was delivered goes on with its next one at once. Returns the number delivered.
   */
  async function deliverDue(): Promise<number> {
    let delivered = 0;
    for (;;) {
      const now = clock().toISOString();
      const due = (await repo.headsOfQueues(store.db, 50)).filter((d) => d.nextAttemptAt <= now);
      if (due.length === 0) return delivered;
      const results = await Promise.all(due.map(attempt));
      const ok = results.filter(Boolean).length;
      delivered += ok;
      if (ok === 0) return delivered;
    }
  }

  return { deliverDue };
}

export type Delivery = ReturnType<typeof createDelivery>;
