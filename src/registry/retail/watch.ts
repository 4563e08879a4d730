// A retailer's watch list: the GTINs it sells. Replaced whole by an upload (CSV with a GTIN column, or a JSON
// list), or changed one GTIN at a time. Every change is one write through the seam, with an audit entry and
// an event that says how many GTINs changed (never which: a retailer's range is its own business).
import { gtinProblem, normalizeGtin } from '../../gs1/gtin.js';
import { parseCatalogue } from '../../catalogue/parse-catalogue.js';
import { retail } from '../../store/index.js';
import type { Actor, KeyActor, UserActor } from '../actor.js';
import { Forbidden, InputInvalid, NotFound, type FieldProblem } from '../errors.js';
import type { RegistryDeps } from '../deps.js';

/** Most GTINs one watch list may hold. */
export const WATCHLIST_LIMIT = 100_000;

export interface Watchlist {
  count: number;
  gtins: string[];
}

/** A retailer's key holder, or a person signed in to the retailer pages. */
function retailerOf(actor: Actor): KeyActor | UserActor {
  if (actor.kind === 'system' || actor.role !== 'retailer') throw new Forbidden('only a retailer has a watch list');
  return actor;
}

/** Normalised GTINs of a JSON list, or every problem with its JSON pointer. */
export function gtinsFromList(values: readonly unknown[], base: string): string[] {
  const problems: FieldProblem[] = [];
  const out: string[] = [];
  values.forEach((value, i) => {
    const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
    const problem = typeof text === 'string' ? gtinProblem(text) : 'must be a GTIN written as digits';
    if (problem !== null) problems.push({ path: `${base}/${i}`, message: problem });
    else out.push(normalizeGtin(text as string));
  });
  if (problems.length > 0) throw new InputInvalid(problems.slice(0, 100), 'GTIN_INVALID');
  return out;
}

/** Normalised GTINs of a CSV upload (a header naming a GTIN column, as a catalogue's); problems name the line. */
export async function gtinsFromCsv(text: string): Promise<string[]> {
  const problems: FieldProblem[] = [];
  const out: string[] = [];
  for await (const row of parseCatalogue([text], 'csv', { maxRows: WATCHLIST_LIMIT + 1 })) {
    if (row.problem !== null && row.problem.kind !== 'sku-duplicate')
      problems.push({ path: `/line/${row.line}`, message: row.problem.message });
    else if (row.gtin === null) problems.push({ path: `/line/${row.line}`, message: 'has no GTIN' });
    else out.push(row.gtin);
  }
  if (problems.length > 0) throw new InputInvalid(problems.slice(0, 100));
  return out;
}

export function createWatchlists(deps: RegistryDeps) {
  const { store, writer } = deps;
  const limit = (gtins: readonly string[]) => {
    if (new Set(gtins).size > WATCHLIST_LIMIT)
      throw new InputInvalid([{ path: '/gtins', message: `a watch list holds at most ${WATCHLIST_LIMIT} GTINs` }]);
  };

  async function get(actor: Actor): Promise<Watchlist> {
    const gtins = await retail.watchedGtins(store.db, retailerOf(actor).organisationId);
    return { count: gtins.length, gtins };
  }

  /** A page of the list (GTIN order) with the whole list's count: for pages, which show 100 at a time. */
  async function page(actor: Actor, offset: number, limit: number): Promise<Watchlist> {
    return retail.watchedGtinPage(
      store.db,
      retailerOf(actor).organisationId,
      Math.max(0, offset),
      Math.max(1, Math.min(limit, WATCHLIST_LIMIT)),
    );
  }

  /** Replaces the whole list. */
  async function replace(actor: Actor, gtins: readonly string[]): Promise<Watchlist> {
    const org = retailerOf(actor).organisationId;
    limit(gtins);
    await writer.write(actor, async (ctx) => {
      const keep = new Set(gtins);
      const { seq } = await ctx.emit({
        type: 'watchlist-replaced',
        subjectId: org,
        organisationId: org,
        payload: { count: keep.size },
      });
      // GTINs that stay keep their place in time, so notices about events before this upload still reach them.
      const removed = await retail.keepOnlyWatched(ctx.trx, org, keep);
      const added = await retail.addWatched(ctx.trx, org, [...keep], ctx.now, seq);
      await ctx.audit({
        action: 'watchlist.replace',
        subjectType: 'organisation',
        subjectId: org,
        detail: { added, removed, count: keep.size },
      });
    });
    return get(actor);
  }

  async function add(actor: Actor, gtins: readonly string[]): Promise<Watchlist & { added: number }> {
    const org = retailerOf(actor).organisationId;
    const added = await writer.write(actor, async (ctx) => {
      limit([...(await retail.watchedGtins(ctx.trx, org)), ...gtins]);
      const { seq } = await ctx.emit({
        type: 'watchlist-changed',
        subjectId: org,
        organisationId: org,
        payload: { added: gtins.length, removed: 0 },
      });
      const n = await retail.addWatched(ctx.trx, org, gtins, ctx.now, seq);
      await ctx.audit({ action: 'watchlist.add', subjectType: 'organisation', subjectId: org, detail: { added: n } });
      return n;
    });
    return { added, ...(await get(actor)) };
  }

  async function remove(actor: Actor, gtin: string): Promise<void> {
    const org = retailerOf(actor).organisationId;
    const [normal] = gtinsFromList([gtin], '/gtin');
    await writer.write(actor, async (ctx) => {
      if (!(await retail.removeWatched(ctx.trx, org, normal!)))
        throw new NotFound(`GTIN ${normal} is not on the watch list`);
      await ctx.audit({
        action: 'watchlist.remove',
        subjectType: 'organisation',
        subjectId: org,
        detail: { removed: 1 },
      });
      await ctx.emit({
        type: 'watchlist-changed',
        subjectId: org,
        organisationId: org,
        payload: { added: 0, removed: 1 },
      });
    });
  }

  return { get, page, replace, add, remove };
}

export type Watchlists = ReturnType<typeof createWatchlists>;
