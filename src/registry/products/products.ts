// Products: create (with GTINs), withdraw, look up by id, GTIN, brand+model or free text.
import { gtinProblem, normalizeGtin } from '../../gs1/gtin.js';
import { declarations, newId, organisations, products } from '../../store/index.js';
import type { Executor, ProductRow } from '../../store/index.js';
import { mayWriteFor, type Actor } from '../actor.js';
import {
  Conflict,
  Forbidden,
  GtinTaken,
  InputInvalid,
  NotFound,
  StateDisagreesWithLog,
  type FieldProblem,
} from '../errors.js';
import { productLogState } from '../log/consistency.js';
import type { WriteContext } from '../write.js';
import { productView, type ProductView } from './views.js';
import type { RegistryDeps } from '../deps.js';

export interface NewProduct {
  brand: string;
  model: string;
  name: string;
  category: string;
  gtins?: string[];
  /** Needed when the operator (system actor) creates a product; a manufacturer's key implies its own. */
  organisationId?: string;
}

const MAX_GTINS = 100;
const MAX_GTINS_LOOKED_UP = 500;
const text = (value: string) => value.trim().replace(/\s+/g, ' ');

/** Checks and normalises GTINs; problems name `${base}/${index}`. */
export function normaliseGtins(gtins: readonly string[], base: string, problems: FieldProblem[]): string[] {
  const out: string[] = [];
  if (gtins.length > MAX_GTINS) problems.push({ path: base, message: `at most ${MAX_GTINS} GTINs per product` });
  gtins.forEach((raw, i) => {
    const problem = gtinProblem(raw);
    if (problem !== null) return void problems.push({ path: `${base}/${i}`, message: problem });
    const gtin = normalizeGtin(raw);
    if (out.includes(gtin))
      return void problems.push({ path: `${base}/${i}`, message: `GTIN ${gtin} is listed twice` });
    out.push(gtin);
  });
  return out;
}

export function createProductUseCases(deps: RegistryDeps) {
  const { store, writer, engine } = deps;
  function validate(input: NewProduct): {
    brand: string;
    model: string;
    name: string;
    category: string;
    gtins: string[];
  } {
    const problems: FieldProblem[] = [];
    const brand = text(input.brand);
    const model = text(input.model);
    const name = text(input.name);
    for (const [field, value] of [
      ['brand', brand],
      ['model', model],
      ['name', name],
    ] as const) {
      if (value.length === 0 || value.length > 200)
        problems.push({ path: `/${field}`, message: 'must be 1 to 200 characters' });
    }
    if (!engine.productCategories.includes(input.category))
      problems.push({ path: '/category', message: `must be one of ${engine.productCategories.join(', ')}` });
    const gtins = normaliseGtins(input.gtins ?? [], '/gtins', problems);
    if (problems.length > 0)
      throw new InputInvalid(
        problems,
        problems.every((p) => p.message.startsWith('GTIN "')) ? 'GTIN_INVALID' : 'INPUT_INVALID',
      );
    return { brand, model, name, category: input.category, gtins };
  }

  /** Inserts the product inside an open write; shared with "submit a declaration for a new product". */
  async function createIn(
    ctx: WriteContext,
    organisationId: string,
    input: ReturnType<typeof validate>,
    gtinBase = '/gtins',
    /** The caller looked this brand and model up in this write and found none: not asked again. */
    knownAbsent = false,
  ): Promise<ProductRow> {
    if (
      !knownAbsent &&
      (await products.findProductByOwnerBrandModel(ctx.trx, organisationId, input.brand, input.model))
    ) {
      throw new Conflict(`this organisation already registered ${input.brand} ${input.model}`);
    }
    const owners = await products.gtinOwners(ctx.trx, input.gtins);
    const taken = input.gtins.findIndex((g) => owners.has(g));
    if (taken !== -1) throw new GtinTaken(input.gtins[taken]!, `${gtinBase}/${taken}`);
    const row: ProductRow = {
      id: newId('prd'),
      organisationId,
      brand: input.brand,
      model: input.model,
      brandKey: input.brand.toLowerCase(),
      modelKey: input.model.toLowerCase(),
      name: input.name,
      category: input.category,
      searchText: `${input.brand} ${input.model} ${input.name}`.toLowerCase(),
      createdAt: ctx.now,
      withdrawnAt: null,
      withdrawalReason: null,
    };
    await products.insertProduct(ctx.trx, row);
    await products.insertGtins(ctx.trx, row.id, input.gtins, ctx.now);
    await ctx.audit({
      action: 'product.create',
      subjectType: 'product',
      subjectId: row.id,
      detail: { brand: row.brand, model: row.model, gtins: input.gtins },
    });
    await ctx.emit({
      type: 'product-created',
      subjectId: row.id,
      productId: row.id,
      organisationId,
      payload: { brand: row.brand, model: row.model, name: row.name, category: row.category, gtins: input.gtins },
    });
    return row;
  }

  function ownerFor(actor: Actor, requested: string | undefined): string {
    if (actor.kind === 'system') {
      if (!requested)
        throw new InputInvalid([
          { path: '/organisationId', message: 'is required when the operator creates a product' },
        ]);
      return requested;
    }
    if (actor.role !== 'manufacturer') throw new Forbidden('only manufacturers register products');
    if (requested !== undefined && requested !== actor.organisationId)
      throw new Forbidden('a manufacturer registers products for its own organisation only');
    return actor.organisationId;
  }

  async function createProduct(actor: Actor, input: NewProduct): Promise<ProductView> {
    const valid = validate(input);
    const organisationId = ownerFor(actor, input.organisationId);
    return writer.write(actor, async (ctx) => {
      const org = await organisations.findOrganisation(ctx.trx, organisationId);
      if (!org || org.kind !== 'manufacturer')
        throw new InputInvalid([
          { path: '/organisationId', message: `${organisationId} is not a registered manufacturer` },
        ]);
      const row = await createIn(ctx, organisationId, valid);
      return productView(row, { id: org.id, name: org.name }, valid.gtins, undefined);
    });
  }

  async function withdrawProduct(actor: Actor, productId: string, reason: string): Promise<ProductView> {
    const why = text(reason);
    if (why.length === 0 || why.length > 1000)
      throw new InputInvalid([{ path: '/reason', message: 'must be 1 to 1000 characters' }]);
    await writer.write(actor, async (ctx) => {
      const row = await products.findProduct(ctx.trx, productId);
      if (!row) throw new NotFound(`no product with id ${productId}`);
      if (!mayWriteFor(actor, row.organisationId))
        throw new Forbidden(`product ${productId} belongs to another organisation`);
      if (row.withdrawnAt !== null)
        throw new Conflict(`product ${productId} was already withdrawn on ${row.withdrawnAt.slice(0, 10)}`);
      await products.markProductWithdrawn(ctx.trx, productId, ctx.now, why);
      await ctx.audit({
        action: 'product.withdraw',
        subjectType: 'product',
        subjectId: productId,
        detail: { reason: why },
      });
      await ctx.emit({
        type: 'product-withdrawn',
        subjectId: productId,
        productId,
        organisationId: row.organisationId,
        payload: { reason: why },
      });
    });
    return getProduct(productId);
  }

  async function views(db: Executor, rows: ProductRow[]): Promise<ProductView[]> {
    const ids = rows.map((r) => r.id);
    const [gtins, latest] = await Promise.all([products.gtinsOf(db, ids), declarations.latestSubmittedOf(db, ids)]);
    const owners = new Map<string, { id: string; name: string }>();
    for (const orgId of new Set(rows.map((r) => r.organisationId))) {
      const org = await organisations.findOrganisation(db, orgId);
      owners.set(orgId, { id: orgId, name: org?.name ?? '' });
    }
    return rows.map((r) => productView(r, owners.get(r.organisationId)!, gtins.get(r.id) ?? [], latest.get(r.id)));
  }

  async function getProduct(productId: string): Promise<ProductView> {
    const row = await products.findProduct(store.db, productId);
    if (!row) throw new NotFound(`no product with id ${productId}`);
    return withLog(row);
  }

  async function getProductByGtin(gtin: string): Promise<ProductView> {
    const row = await products.findProductByGtin(store.db, normalizeGtin(gtin));
    if (!row) throw new NotFound(`no product with GTIN ${normalizeGtin(gtin)} is registered`);
    return withLog(row);
  }

  /**
   * A product's answer is served as fact only when its stored facts are what its log entries say, and then
   * names the entry it rests on.
   */
  async function withLog(row: ProductRow): Promise<ProductView> {
    const { problems, log } = await productLogState(store.db, row.id);
    if (problems.length > 0) throw new StateDisagreesWithLog(row.id, problems);
    const view = (await views(store.db, [row]))[0]!;
    return log === null ? view : { ...view, log };
  }

  /** The products registered under these GTINs (withdrawn ones too), keyed by GTIN; an unknown GTIN is left out. For a page of a list. */
  async function productsByGtin(gtins: readonly string[]): Promise<Map<string, ProductView>> {
    if (gtins.length > MAX_GTINS_LOOKED_UP)
      throw new InputInvalid([{ path: '/gtins', message: `at most ${MAX_GTINS_LOOKED_UP} GTINs at a time` }]);
    const owners = await products.gtinOwners(
      store.db,
      gtins.map((g) => normalizeGtin(g)),
    );
    const rows = await Promise.all([...new Set(owners.values())].map((id) => products.findProduct(store.db, id)));
    const byId = new Map(
      (
        await views(
          store.db,
          rows.filter((r) => r !== undefined),
        )
      ).map((v) => [v.id, v]),
    );
    return new Map([...owners].flatMap(([gtin, id]) => (byId.has(id) ? [[gtin, byId.get(id)!] as const] : [])));
  }

  /**
   * The products with these ids, as a list shows them (without the log check a single product's answer makes:
   * lists such as the search page's index read many at a time). An unknown id is left out.
   */
  async function productsById(ids: readonly string[]): Promise<ProductView[]> {
    return views(store.db, await products.findProductsById(store.db, ids));
  }

  async function findProducts(search: products.ProductSearch): Promise<ProductView[]> {
    const gtin = search.gtin === undefined ? undefined : normalizeGtin(search.gtin);
    return views(store.db, await products.searchProducts(store.db, { ...search, gtin }));
  }

  return {
    createProduct,
    withdrawProduct,
    getProduct,
    getProductByGtin,
    productsByGtin,
    productsById,
    findProducts,
    validateProduct: validate,
    createProductIn: createIn,
  };
}
