// Reads for retail checks (products, assessments and labels of many products at once), retailers' watch
// lists, their notices, and the cursor with which notices follow the events table.
import type { Executor } from './executor.js';
import { selectAssessments } from './declarations.js';
import type { AssessmentRow, LabelRow, ProductRow, RetailNoticeRow } from '../schema.js';

/** The products that own these GTINs (withdrawn ones too), by GTIN. One query. */
export async function productsByGtins(db: Executor, gtins: readonly string[]): Promise<Map<string, ProductRow>> {
  if (gtins.length === 0) return new Map();
  const rows = await db
    .selectFrom('productGtins as g')
    .innerJoin('products as p', 'p.id', 'g.productId')
    .selectAll('p')
    .select('g.gtin as gtin')
    .where('g.gtin', 'in', gtins)
    .execute();
  return new Map(rows.map(({ gtin, ...product }) => [gtin, product]));
}

/** Products whose (lower-cased, trimmed) brand is one of `brands` and model one of `models`, by id. One query. */
export async function productsByBrandsModels(
  db: Executor,
  brands: readonly string[],
  models: readonly string[],
): Promise<ProductRow[]> {
  if (brands.length === 0 || models.length === 0) return [];
  return db
    .selectFrom('products')
    .selectAll()
    .where('brandKey', 'in', brands)
    .where('modelKey', 'in', models)
    .orderBy('id')
    .execute();
}

/** One page of every product (withdrawn ones too), in id order. */
export async function productPage(db: Executor, after: string, limit: number): Promise<ProductRow[]> {
  return db.selectFrom('products').selectAll().where('id', '>', after).orderBy('id').limit(limit).execute();
}

export async function assessmentsOfDeclarations(
  db: Executor,
  declarationIds: readonly string[],
): Promise<AssessmentRow[]> {
  if (declarationIds.length === 0) return [];
  return selectAssessments(db).where('a.declarationId', 'in', declarationIds).execute();
}

/** Every label of these products, newest first per product and regime (the first is the current one). */
export async function labelsOfProducts(db: Executor, productIds: readonly string[]): Promise<LabelRow[]> {
  if (productIds.length === 0) return [];
  return db
    .selectFrom('labels')
    .selectAll()
    .where('productId', 'in', productIds)
    .orderBy('declarationVersion', 'desc')
    .orderBy('issuedAt', 'desc')
    .orderBy('id')
    .execute();
}

// Watch lists.

export async function watchedGtins(db: Executor, organisationId: string): Promise<string[]> {
  return (
    await db
      .selectFrom('watchlistGtins')
      .select('gtin')
      .where('organisationId', '=', organisationId)
      .orderBy('gtin')
      .execute()
  ).map((r) => r.gtin);
}

/** One page of a watch list in GTIN order, and how many GTINs the whole list has. */
export async function watchedGtinPage(
  db: Executor,
  organisationId: string,
  offset: number,
  limit: number,
): Promise<{ count: number; gtins: string[] }> {
  const counted = await db
    .selectFrom('watchlistGtins')
    .select((eb) => eb.fn.countAll().as('count'))
    .where('organisationId', '=', organisationId)
    .executeTakeFirst();
  const rows = await db
    .selectFrom('watchlistGtins')
    .select('gtin')
    .where('organisationId', '=', organisationId)
    .orderBy('gtin')
    .limit(limit)
    .offset(offset)
    .execute();
  return { count: Number(counted?.count ?? 0), gtins: rows.map((r) => r.gtin) };
}

/** Removes the GTINs not in `keep` (those kept keep their `sinceSeq`); returns how many went. */
export async function keepOnlyWatched(
  db: Executor,
  organisationId: string,
  keep: ReadonlySet<string>,
): Promise<number> {
  const gone = (await watchedGtins(db, organisationId)).filter((g) => !keep.has(g));
  for (let i = 0; i < gone.length; i += 500) {
    await db
      .deleteFrom('watchlistGtins')
      .where('organisationId', '=', organisationId)
      .where('gtin', 'in', gone.slice(i, i + 500))
      .execute();
  }
  return gone.length;
}

/** Adds GTINs (already on the list: ignored) as watched since event `sinceSeq`; returns how many were new. */
export async function addWatched(
  db: Executor,
  organisationId: string,
  gtins: readonly string[],
  at: string,
  sinceSeq: number,
): Promise<number> {
  const have = new Set(await watchedGtins(db, organisationId));
  const fresh = [...new Set(gtins)].filter((g) => !have.has(g));
  for (let i = 0; i < fresh.length; i += 500) {
    await db
      .insertInto('watchlistGtins')
      .values(fresh.slice(i, i + 500).map((gtin) => ({ organisationId, gtin, createdAt: at, sinceSeq })))
      .execute();
  }
  return fresh.length;
}

export async function removeWatched(db: Executor, organisationId: string, gtin: string): Promise<boolean> {
  const result = await db
    .deleteFrom('watchlistGtins')
    .where('organisationId', '=', organisationId)
    .where('gtin', '=', gtin)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Which organisations watched a GTIN of this product before event `seq`, with the watched GTINs. */
export async function watchersOfProduct(db: Executor, productId: string, seq: number): Promise<Map<string, string[]>> {
  const rows = await db
    .selectFrom('watchlistGtins as w')
    .innerJoin('productGtins as g', 'g.gtin', 'w.gtin')
    .select(['w.organisationId', 'w.gtin'])
    .where('g.productId', '=', productId)
    .where('w.sinceSeq', '<', seq)
    .orderBy('w.organisationId')
    .orderBy('w.gtin')
    .execute();
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.organisationId, [...(out.get(r.organisationId) ?? []), r.gtin]);
  return out;
}

/** Every watched product with a declared support end date: (organisation, product, watched GTINs). */
export async function watchedProducts(
  db: Executor,
): Promise<{ organisationId: string; productId: string; gtin: string }[]> {
  return db
    .selectFrom('watchlistGtins as w')
    .innerJoin('productGtins as g', 'g.gtin', 'w.gtin')
    .select(['w.organisationId', 'g.productId', 'w.gtin'])
    .orderBy('w.organisationId')
    .orderBy('g.productId')
    .orderBy('w.gtin')
    .execute();
}

// Notices.

/** Inserts a notice unless the same thing was already noticed for the organisation; true when inserted. */
export async function insertNotice(db: Executor, row: Omit<RetailNoticeRow, 'seq'>): Promise<boolean> {
  const seen = await db
    .selectFrom('retailNotices')
    .select('id')
    .where('organisationId', '=', row.organisationId)
    .where('dedupeKey', '=', row.dedupeKey)
    .executeTakeFirst();
  if (seen) return false;
  await db.insertInto('retailNotices').values(row).execute();
  return true;
}

/** The organisation's notices, newest first. */
export async function noticesOf(
  db: Executor,
  organisationId: string,
  limit: number,
  before?: number,
): Promise<RetailNoticeRow[]> {
  let query = db.selectFrom('retailNotices').selectAll().where('organisationId', '=', organisationId);
  if (before !== undefined) query = query.where('seq', '<', before);
  return query.orderBy('seq', 'desc').limit(limit).execute();
}

export async function findNotice(db: Executor, id: string): Promise<RetailNoticeRow | undefined> {
  return db.selectFrom('retailNotices').selectAll().where('id', '=', id).executeTakeFirst();
}

// Cursors over the events table.

export async function cursor(db: Executor, name: string): Promise<number | undefined> {
  const row = await db.selectFrom('retailCursors').select('seq').where('name', '=', name).executeTakeFirst();
  return row === undefined ? undefined : Number(row.seq);
}

export async function setCursor(db: Executor, name: string, seq: number): Promise<void> {
  const updated = await db.updateTable('retailCursors').set({ seq }).where('name', '=', name).executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) await db.insertInto('retailCursors').values({ name, seq }).execute();
}
