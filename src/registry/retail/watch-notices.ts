// Notices for retailers about the products on their watch lists. Three sources, all durable:
// - the events table, followed with a cursor (`notices`): a label revoked, suspended or reinstated, a new
//   declaration version, a product withdrawn. The cursor moves in the same transaction as the notices and
//   their webhook deliveries, so a crash repeats nothing and loses nothing;
// - a periodic scan of support periods (the time is passed in): ending within `warningDays`, or ended;
// - a periodic scan of the coming dates that change a watched product's answer in a market (the CRA's
//   11 December 2027, ...), told 90 and 30 days ahead.
// Each notice is stored once per retailer (unique dedupe key) and queued once per webhook of that retailer.
import type { UpcomingDate } from '../../assessment/index.js';
import { addDays, todayUtc } from '../../calendar.js';
import type { UpcomingSource } from '../markets/upcoming-source.js';
import { declarations, journal, newId, products, retail, retailerSettings, webhooks } from '../../store/index.js';
import type { EventRow, Executor, ProductRow } from '../../store/index.js';
import type { RegistryDeps } from '../deps.js';

export type NoticeType =
  | 'label-revoked'
  | 'label-suspended'
  | 'label-reinstated'
  | 'declaration-changed'
  | 'product-withdrawn'
  | 'support-ending'
  | 'support-ended'
  | 'sale-ends-soon'
  | 'rule-change-ahead';

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
  /** sale-ends-soon / rule-change-ahead: the coming date, how many days ahead this notice is, and per market what changes. */
  upcoming?: {
    date: string;
    leadDays: number;
    markets: { market: string; kind: string; regimes: string[]; sellableFrom: boolean; change: string }[];
  };
}

const CURSOR = 'notices';
const BATCH = 200;

export interface NoticeOptions {
  /** Warn this many days before a watched product's support period ends (default 90). */
  warningDays: number;
  /** How many days before a coming rule date to announce it, one notice each (default 90 and 30). */
  leadDays?: readonly number[];
}

export const DEFAULT_LEAD_DAYS: readonly number[] = [90, 30];

export function createNotices(deps: RegistryDeps, options: NoticeOptions, extras: { upcoming: UpcomingSource }) {
  const { store, publicUrl } = deps;
  const leads = [...new Set(options.leadDays ?? DEFAULT_LEAD_DAYS)].sort((a, b) => a - b);
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

  /**
   * Notices ahead of the coming dates that change a watched product's answer in a market (upcoming-dates.ts):
   * `sale-ends-soon` when from that day it may no longer be sold in a market, else `rule-change-ahead`. For
   * each date the nearest lead already reached (of 90 and 30 days) is told, so each (product, date, lead)
   * fires once, and a scan that starts late does not tell a stale 90-day notice after the 30-day one.
   * The support period's own end is told by scanSupportPeriods unless it stops a sale. A retailer that chose
   * its shop's market is told only of that market's dates; one that did not is told of every market's.
   */
  async function scanUpcomingDates(now: Date): Promise<number> {
    const today = todayUtc(now);
    const furthest = addDays(today, leads.at(-1) ?? 0);
    // Worked out before the write transaction (the dates are remembered per declaration and day), so the
    // transaction only records; a product changed meanwhile is caught by the next scan, and the dedupe key
    // keeps a notice from being told twice.
    const watched = await retail.watchedProducts(store.db);
    const gtinsOf = new Map<string, Map<string, string[]>>();
    for (const w of watched) {
      const orgs = gtinsOf.get(w.productId) ?? new Map<string, string[]>();
      orgs.set(w.organisationId, [...(orgs.get(w.organisationId) ?? []), w.gtin]);
      gtinsOf.set(w.productId, orgs);
    }
    const latest = await declarations.latestSubmittedOf(store.db, [...gtinsOf.keys()]);
    const due: { productId: string; date: string; lead: number; entries: UpcomingDate[] }[] = [];
    for (const [productId, row] of latest) {
      const byDate = new Map<string, UpcomingDate[]>();
      for (const u of extras.upcoming.of(row, today))
        if (u.date <= furthest && (u.kind !== 'support-ends' || (u.sellableBefore && !u.sellableFrom)))
          byDate.set(u.date, [...(byDate.get(u.date) ?? []), u]);
      for (const [date, entries] of byDate) {
        const lead = leads.find((days) => addDays(date, -days) <= today);
        if (lead !== undefined) due.push({ productId, date, lead, entries });
      }
    }
    if (due.length === 0) return 0;
    const shopMarket = new Map<string, string | null>();
    for (const org of new Set(watched.map((w) => w.organisationId)))
      shopMarket.set(org, await retailerSettings.findRetailerMarket(store.db, org));
    return store.db.transaction().execute(async (trx) => {
      await store.capabilities.serializeWrites(trx);
      let count = 0;
      for (const { productId, date, lead, entries } of due) {
        const product = await products.findProduct(trx, productId);
        if (!product || product.withdrawnAt !== null) continue;
        for (const [org, gtins] of gtinsOf.get(productId) ?? []) {
          const market = shopMarket.get(org) ?? null;
          const mine = market === null ? entries : entries.filter((u) => u.market === market);
          if (mine.length === 0) continue;
          const notice = aheadNotice(product, date, lead, mine, now);
          const full = { ...notice, product: { ...notice.product, watchedGtins: gtins } };
          if (await record(trx, org, `${notice.type}:${productId}:${date}:${lead}`, full)) count++;
        }
      }
      return count;
    });
  }

  function aheadNotice(
    product: ProductRow,
    date: string,
    lead: number,
    entries: readonly UpcomingDate[],
    now: Date,
  ): Omit<Notice, 'id'> {
    const name = `${product.brand} ${product.model}`;
    const stops = [...new Set(entries.filter((u) => u.sellableBefore && !u.sellableFrom).map((u) => u.market))];
    const where = [...new Set(entries.map((u) => u.market))];
    const laws = [...new Set(entries.flatMap((u) => u.regimes))];
    return {
      type: stops.length > 0 ? 'sale-ends-soon' : 'rule-change-ahead',
      at: now.toISOString(),
      title:
        stops.length > 0
          ? `${name}: may not be sold in ${stops.join(', ')} from ${date}`
          : `${name}: the rules change on ${date}`,
      summary:
        stops.length > 0
          ? `From ${date} (in ${lead} days or fewer) ${name} may no longer be sold in ${stops.join(', ')}: ${laws.join(', ')}. ${entries.find((u) => stops.includes(u.market))!.change}`
          : `On ${date} (in ${lead} days or fewer) the rules for ${name} change in ${where.join(', ')}: ${entries[0]!.change}`,
      upcoming: {
        date,
        leadDays: lead,
        markets: entries.map((u) => ({
          market: u.market,
          kind: u.kind,
          regimes: u.regimes,
          sellableFrom: u.sellableFrom,
          change: u.change,
        })),
      },
      product: {
        id: product.id,
        brand: product.brand,
        model: product.model,
        name: product.name,
        watchedGtins: [],
        url: productUrl(product.id),
      },
    };
  }

  /** The retailer's notices, newest first. */
  async function noticesOf(organisationId: string, limit = 100): Promise<{ notices: Notice[]; lastSeq: number }> {
    const rows = await retail.noticesOf(store.db, organisationId, limit);
    return {
      notices: rows.map((r) => JSON.parse(r.payload) as Notice),
      lastSeq: rows.length === 0 ? 0 : Number(rows[0]!.seq),
    };
  }

  return { followEvents, scanSupportPeriods, scanUpcomingDates, noticesOf };
}

export type Notices = ReturnType<typeof createNotices>;
