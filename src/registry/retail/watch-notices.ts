// Notices for retailers about the products on their watch lists. Two sources, both durable:
// - the events table, followed with a cursor (`notices`): a label revoked, suspended or reinstated, a new
//   declaration version, a product withdrawn. The cursor moves in the same transaction as the notices and
//   their webhook deliveries, so a crash repeats nothing and loses nothing;
// - a periodic scan of support periods (the time is passed in): ending within `warningDays`, or ended.
// Each notice is stored once per retailer (unique dedupe key) and queued once per webhook of that retailer.
import { addDays, todayUtc } from '../../calendar.js';
import { declarations, journal, newId, products, retail, webhooks } from '../../store/index.js';
import type { EventRow, Executor, ProductRow } from '../../store/index.js';
import type { RegistryDeps } from '../deps.js';

export type NoticeType =
  | 'label-revoked'
  | 'label-suspended'
  | 'label-reinstated'
  | 'declaration-changed'
  | 'product-withdrawn'
  | 'support-ending'
  | 'support-ended';

/** A notice as feeds and webhooks carry it. `id` is stable and unique: receivers drop repeats by it. */
export interface Notice {
  id: string;
  type: NoticeType;
  at: string;
  title: string;
  summary: string;
  product: { id: string; brand: string; model: string; name: string; watchedGtins: string[]; url: string };
  labelId?: string;
  declarationVersion?: number;
  supportEndDate?: string | null;
  reason?: string;
}

const CURSOR = 'notices';
const BATCH = 200;

export interface NoticeOptions {
  /** Warn this many days before a watched product's support period ends (default 90). */
  warningDays: number;
}

export function createNotices(deps: RegistryDeps, options: NoticeOptions) {
  const { store, publicUrl } = deps;
  const productUrl = (id: string) => `${publicUrl}/v1/products/${id}`;

  async function record(
    db: Executor,
    organisationId: string,
    dedupeKey: string,
    notice: Omit<Notice, 'id'>,
  ): Promise<boolean> {
    const id = newId('ntc');
    const inserted = await retail.insertNotice(db, {
      id,
      organisationId,
      dedupeKey,
      type: notice.type,
      at: notice.at,
      productId: notice.product.id,
      payload: JSON.stringify({ id, ...notice }),
    });
    if (!inserted) return false;
    for (const hook of await webhooks.webhooksOf(db, organisationId)) {
      await webhooks.insertDelivery(db, {
        id: newId('dlv'),
        webhookId: hook.id,
        noticeId: id,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: notice.at,
        deliveredAt: null,
      });
    }
    return true;
  }

  function fromEvent(event: EventRow, product: ProductRow): Omit<Notice, 'id' | 'product'> | null {
    const p = JSON.parse(event.payload) as Record<string, unknown>;
    const name = `${product.brand} ${product.model}`;
    const base = { at: event.at };
    switch (event.type) {
      case 'label-status-changed': {
        const status = p.status as string;
        const type: NoticeType =
          status === 'revoked' ? 'label-revoked' : status === 'suspended' ? 'label-suspended' : 'label-reinstated';
        const verb = status === 'valid' ? 'reinstated' : status;
        return {
          ...base,
          type,
          labelId: String(p.labelId),
          reason: String(p.reason ?? ''),
          title: `${name}: security label ${verb}`,
          summary: `Label ${String(p.labelId)} of ${name} was ${verb}: ${String(p.reason ?? '')}`,
        };
      }
      case 'declaration-submitted':
        return {
          ...base,
          type: 'declaration-changed',
          declarationVersion: Number(p.version),
          supportEndDate: (p.supportEndDate as string | null) ?? null,
          title: `${name}: declaration version ${Number(p.version)}`,
          summary: `${name} has a new security declaration (version ${Number(p.version)}); check whether it may still be sold.`,
        };
      case 'product-withdrawn':
        return {
          ...base,
          type: 'product-withdrawn',
          reason: String(p.reason ?? ''),
          title: `${name}: withdrawn`,
          summary: `${name} was withdrawn by its manufacturer: ${String(p.reason ?? '')}`,
        };
      default:
        return null;
    }
  }

  /** Turns the events after the cursor into notices, a batch per transaction. Returns how many notices. */
  async function followEvents(): Promise<number> {
    let made = 0;
    for (;;) {
      const { done, count } = await store.db.transaction().execute(async (trx) => {
        await store.capabilities.serializeWrites(trx);
        const after = (await retail.cursor(trx, CURSOR)) ?? 0;
        const events = await journal.eventsAfter(trx, after, BATCH);
        let count = 0;
        for (const event of events) {
          if (event.productId === null) continue;
          const watchers = await retail.watchersOfProduct(trx, event.productId, Number(event.seq));
          if (watchers.size === 0) continue;
          const product = await products.findProduct(trx, event.productId);
          const notice = product && fromEvent(event, product);
          if (!product || !notice) continue;
          for (const [org, gtins] of watchers) {
            const full = {
              ...notice,
              product: {
                id: product.id,
                brand: product.brand,
                model: product.model,
                name: product.name,
                watchedGtins: gtins,
                url: productUrl(product.id),
              },
            };
            if (await record(trx, org, `event:${Number(event.seq)}`, full)) count++;
          }
        }
        if (events.length > 0) await retail.setCursor(trx, CURSOR, Number(events.at(-1)!.seq));
        return { done: events.length < BATCH, count };
      });
      made += count;
      if (done) return made;
    }
  }

  /** Notices for watched products whose support period ends within `warningDays` of `now`, or has ended. */
  async function scanSupportPeriods(now: Date): Promise<number> {
    const today = todayUtc(now);
    const horizon = addDays(today, options.warningDays);
    return store.db.transaction().execute(async (trx) => {
      await store.capabilities.serializeWrites(trx);
      const watched = await retail.watchedProducts(trx);
      const ids = [...new Set(watched.map((w) => w.productId))];
      const latest = await declarations.latestSubmittedOf(trx, ids);
      let count = 0;
      const byKey = new Map<string, string[]>();
      for (const w of watched)
        byKey.set(`${w.organisationId} ${w.productId}`, [
          ...(byKey.get(`${w.organisationId} ${w.productId}`) ?? []),
          w.gtin,
        ]);
      for (const [key, gtins] of byKey) {
        const [org, productId] = key.split(' ') as [string, string];
        const end = latest.get(productId)?.supportEndDate ?? null;
        if (end === null || end > horizon) continue;
        const product = await products.findProduct(trx, productId);
        if (!product || product.withdrawnAt !== null) continue;
        const ended = end < today;
        const name = `${product.brand} ${product.model}`;
        const notice: Omit<Notice, 'id'> = {
          type: ended ? 'support-ended' : 'support-ending',
          at: now.toISOString(),
          supportEndDate: end,
          title: ended ? `${name}: security updates ended ${end}` : `${name}: security updates end ${end}`,
          summary: ended
            ? `The manufacturer's security-update period for ${name} ended on ${end}.`
            : `The manufacturer's security-update period for ${name} ends on ${end}, within ${options.warningDays} days.`,
          product: {
            id: product.id,
            brand: product.brand,
            model: product.model,
            name: product.name,
            watchedGtins: gtins,
            url: productUrl(product.id),
          },
        };
        if (await record(trx, org, `${notice.type}:${productId}:${end}`, notice)) count++;
      }
      return count;
    });
  }

  /** The retailer's notices, newest first. */
  async function noticesOf(organisationId: string, limit = 100): Promise<{ notices: Notice[]; lastSeq: number }> {
    const rows = await retail.noticesOf(store.db, organisationId, limit);
    return {
      notices: rows.map((r) => JSON.parse(r.payload) as Notice),
      lastSeq: rows.length === 0 ? 0 : Number(rows[0]!.seq),
    };
  }

  return { followEvents, scanSupportPeriods, noticesOf };
}

export type Notices = ReturnType<typeof createNotices>;
