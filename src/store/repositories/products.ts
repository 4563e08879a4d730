import { sql } from 'kysely';
import type { Executor } from './executor.js';
import type { Selectable } from 'kysely';
import type { ProductGtinTable, ProductRow } from '../schema.js';
import { keptInsert } from './kept-insert.js';

const productInsert = keptInsert<ProductRow>(
  'products',
  {
    id: true,
    organisationId: true,
    brand: true,
    model: true,
    brandKey: true,
    modelKey: true,
    name: true,
    category: true,
    searchText: true,
    createdAt: true,
    withdrawnAt: true,
    withdrawalReason: true,
  },
  (db, rows) => db.insertInto('products').values(rows),
);

export async function insertProduct(db: Executor, row: ProductRow): Promise<void> {
  await productInsert(db, [row]);
}

/** Product ids in id order after `after`, at most `limit`: for walking every product. */
export async function productIdsAfter(db: Executor, after: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('products')
    .select('id')
    .where('id', '>', after)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

export async function findProduct(db: Executor, id: string): Promise<ProductRow | undefined> {
  return db.selectFrom('products').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The products with these ids (in no particular order; an unknown id is left out). */
export async function findProductsById(db: Executor, ids: readonly string[]): Promise<ProductRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('products').selectAll().where('id', 'in', ids).execute();
}

export async function findProductByGtin(db: Executor, gtin: string): Promise<ProductRow | undefined> {
  return db
    .selectFrom('productGtins as g')
    .innerJoin('products as p', 'p.id', 'g.productId')
    .selectAll('p')
    .where('g.gtin', '=', gtin)
    .executeTakeFirst();
}

export async function findProductByOwnerBrandModel(
  db: Executor,
  organisationId: string,
  brand: string,
  model: string,
): Promise<ProductRow | undefined> {
  return db
    .selectFrom('products')
    .selectAll()
    .where('organisationId', '=', organisationId)
    .where('brandKey', '=', brand.trim().toLowerCase())
    .where('modelKey', '=', model.trim().toLowerCase())
    .executeTakeFirst();
}

export interface ProductSearch {
  q?: string | undefined;
  brand?: string | undefined;
  model?: string | undefined;
  gtin?: string | undefined;
  organisationId?: string | undefined;
  includeWithdrawn?: boolean | undefined;
  limit: number;
  after?: string | undefined;
}

/** Escapes LIKE wildcards so a user's `%` or `_` matches literally (with ESCAPE '\', which both databases take). */
function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function searchProducts(db: Executor, search: ProductSearch): Promise<ProductRow[]> {
  let query = db.selectFrom('products as p').selectAll('p').orderBy('p.id').limit(search.limit);
  if (search.after) query = query.where('p.id', '>', search.after);
  if (search.brand) query = query.where('p.brandKey', '=', search.brand.trim().toLowerCase());
  if (search.model) query = query.where('p.modelKey', '=', search.model.trim().toLowerCase());
  if (search.organisationId) query = query.where('p.organisationId', '=', search.organisationId);
  if (!search.includeWithdrawn) query = query.where('p.withdrawnAt', 'is', null);
  if (search.gtin) {
    const gtin = search.gtin;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('productGtins as g')
          .select('g.gtin')
          .whereRef('g.productId', '=', 'p.id')
          .where('g.gtin', '=', gtin),
      ),
    );
  }
  if (search.q) {
    for (const word of search.q.trim().split(/\s+/).filter(Boolean).slice(0, 8)) {
      const pattern = likePattern(word);
      query = query.where((eb) =>
        eb.or([
          sql<boolean>`${sql.ref('p.searchText')} like ${pattern} escape '\\'`,
          eb.exists(
            eb
              .selectFrom('productGtins as g')
              .select('g.gtin')
              .whereRef('g.productId', '=', 'p.id')
              .where('g.gtin', '=', word),
          ),
        ]),
      );
    }
  }
  return query.execute();
}

/** A new declaration version may rename or recategorise the product; the search text follows the name. */
export async function updateProductFacts(
  db: Executor,
  id: string,
  facts: { name: string; category: string; searchText: string },
): Promise<void> {
  await db.updateTable('products').set(facts).where('id', '=', id).execute();
}

export async function markProductWithdrawn(db: Executor, id: string, at: string, reason: string): Promise<void> {
  await db
    .updateTable('products')
    .set({ withdrawnAt: at, withdrawalReason: reason })
    .where('id', '=', id)
    .where('withdrawnAt', 'is', null)
    .execute();
}

const gtinInsert = keptInsert<Selectable<ProductGtinTable>>(
  'product_gtins',
  { gtin: true, productId: true, createdAt: true },
  (db, rows) => db.insertInto('productGtins').values(rows),
);

export async function insertGtins(
  db: Executor,
  productId: string,
  gtins: readonly string[],
  at: string,
): Promise<void> {
  await gtinInsert(
    db,
    gtins.map((gtin) => ({ gtin, productId, createdAt: at })),
  );
}

/** Every registered GTIN with its product: the read model's index, so an unknown GTIN needs no query. */
export async function allGtins(db: Executor): Promise<{ gtin: string; productId: string }[]> {
  return db.selectFrom('productGtins').select(['gtin', 'productId']).execute();
}

export async function gtinsOf(db: Executor, productIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(productIds.map((id) => [id, []]));
  if (productIds.length === 0) return out;
  const rows = await db
    .selectFrom('productGtins')
    .select(['gtin', 'productId'])
    .where('productId', 'in', productIds)
    .orderBy('gtin')
    .execute();
  for (const row of rows) out.get(row.productId)?.push(row.gtin);
  return out;
}

/** Which of `gtins` are registered, and to which product. */
export async function gtinOwners(db: Executor, gtins: readonly string[]): Promise<Map<string, string>> {
  if (gtins.length === 0) return new Map();
  const rows = await db.selectFrom('productGtins').select(['gtin', 'productId']).where('gtin', 'in', gtins).execute();
  return new Map(rows.map((r) => [r.gtin, r.productId]));
}
