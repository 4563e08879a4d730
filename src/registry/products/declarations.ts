// Declarations: every submission is a new immutable row. A submitted one gets the next version number and is
// public; a draft has no version and only its owner and regulators see it. Each is assessed against every
// regime on arrival and the results stored with it. A support period may be extended, never shortened.
import { todayUtc } from '../../calendar.js';
import { IotlabelError } from '../../errors.js';
import { declarations, newId, organisations, products } from '../../store/index.js';
import type { DeclarationRow, NewAssessmentRow, ProductRow } from '../../store/index.js';
import { mayWriteFor, seesPrivateOf, type Actor, type Viewer } from '../actor.js';
import { promisedSupportEnd } from '../log/promised.js';
import type { Declaration } from '../engine.js';
import { assessForStorage, prepareDocument, type PreparedDocument } from './prepare-document.js';
import type { PreparePool } from './prepare-pool.js';
import {
  Conflict,
  Forbidden,
  GtinTaken,
  InputInvalid,
  NotFound,
  ProductWithdrawn,
  SupportPeriodShortened,
} from '../errors.js';
import type { createProductUseCases } from './products.js';
import type { WriteContext } from '../write.js';
import { declarationText, declarationView, productView, type DeclarationView, type ProductView } from './views.js';
import type { RegistryDeps } from '../deps.js';

export interface SubmitOptions {
  /** Store as a draft: assessed, visible to the owner and regulators only, no version number. */
  draft?: boolean;
}

type ProductUseCases = ReturnType<typeof createProductUseCases>;

/** What one submission wrote, kept as objects so the answer is built without reading any of it back. */
interface Submitted {
  row: DeclarationRow;
  /** The assessment rows as stored (the answer is built from these). */
  assessments: NewAssessmentRow[];
  /** Every GTIN the product has after the write (sorted), when the write had to know them; else null. */
  gtins: string[] | null;
}

/** A submission's answer in brief (the bulk form's result line). */
export interface SubmittedBrief {
  productId: string;
  productCreated: boolean;
  declarationId: string;
  version: number | null;
}

export function createDeclarationUseCases(
  deps: RegistryDeps,
  extras: { products: ProductUseCases; preparePool?: PreparePool },
) {
  const { store, writer, engine, clock } = deps;
  const productUseCases = extras.products;
  const today = () => todayUtc(clock);

  /** A document as the writer needs it: on the pool's worker thread when there is one. */
  function prepare(document: unknown): Promise<PreparedDocument> {
    if (extras.preparePool) return extras.preparePool.prepare(document, today());
    try {
      return Promise.resolve(prepareDocument(engine, document, today()));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  function checkMatchesProduct(product: ProductRow, declaration: Declaration): void {
    const problems = [];
    if (declaration.product.brand.trim().toLowerCase() !== product.brandKey)
      problems.push({
        path: '/product/brand',
        message: `is "${declaration.product.brand}" but product ${product.id} is brand "${product.brand}"`,
      });
    if (declaration.product.model.trim().toLowerCase() !== product.modelKey)
      problems.push({
        path: '/product/model',
        message: `is "${declaration.product.model}" but product ${product.id} is model "${product.model}"`,
      });
    if (problems.length > 0)
      throw new IotlabelError(
        'DECLARATION_INVALID',
        `declaration does not describe product ${product.id}: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`,
        { problems },
      );
  }

  async function submitIn(
    ctx: WriteContext,
    product: ProductRow,
    prepared: PreparedDocument,
    options: { draft: boolean; fromDraftId: string | null; created?: readonly string[] },
  ): Promise<Submitted> {
    if (product.withdrawnAt !== null) throw new ProductWithdrawn(product.id, product.withdrawnAt);
    checkMatchesProduct(product, prepared.declaration);
    // GTINs the declaration names that the product lacks are added, unless another product holds them.
    const gtins = prepared.declaration.product.gtins;
    // A product created in this write owns the GTINs it was created with: those need no look-up.
    const mine = options.created === undefined ? undefined : new Set(options.created);
    const owners =
      mine !== undefined && gtins.every((g) => mine.has(g))
        ? new Map(gtins.map((g) => [g, product.id]))
        : await products.gtinOwners(ctx.trx, gtins);
    const taken = gtins.findIndex((g) => owners.has(g) && owners.get(g) !== product.id);
    if (taken !== -1) throw new GtinTaken(gtins[taken]!, `/product/gtins/${taken}`);
    const added = gtins.filter((g) => !owners.has(g));
    let version: number | null = null;
    // A product created in this same write (its GTINs in `created`) has no version, no log entry and no promise
    // yet: nothing to read back.
    const fresh = options.created !== undefined;
    if (!options.draft && fresh) version = 1;
    else if (!options.draft) {
      const latest = await declarations.latestSubmitted(ctx.trx, product.id);
      // The log is the record of what was promised: an edited column must not lower the bar.
      const logged = await promisedSupportEnd(ctx.trx, product.id);
      const column = latest?.supportEndDate ?? null;
      const promised = logged != null && (column === null || logged > column) ? logged : column;
      if (promised !== null && (prepared.supportEndDate === null || prepared.supportEndDate < promised)) {
        throw new SupportPeriodShortened(promised, prepared.supportEndDate, latest?.version ?? 0);
      }
      version = await declarations.nextVersion(ctx.trx, product.id);
    }
    // Prepared for the day of the write, unless the day turned in between.
    const at = today();
    const results = prepared.at === at ? prepared.results : assessForStorage(engine, prepared.declaration, at);
    const row: DeclarationRow = {
      id: newId('dcl'),
      productId: product.id,
      organisationId: product.organisationId,
      version,
      status: options.draft ? 'draft' : 'submitted',
      sha256: prepared.sha256,
      document: prepared.canonical,
      supportEndDate: prepared.supportEndDate,
      fromDraftId: options.fromDraftId,
      createdAt: ctx.now,
      createdByKeyId: ctx.actor.kind === 'key' ? ctx.actor.keyId : null,
    };
    const assessmentRows: NewAssessmentRow[] = results.map((r) => ({
      declarationId: row.id,
      regime: r.regime,
      at: r.at,
      outcome: r.outcome,
      sellable: r.sellable ? 1 : 0,
      result: r.json,
      resultSha256: r.sha256,
    }));
    await products.insertGtins(ctx.trx, product.id, added, ctx.now);
    // A submitted version says what the product is now: its name and category follow (a draft changes nothing).
    const declared = prepared.declaration.product;
    const name = declared.name ?? product.name;
    if (version !== null && (name !== product.name || declared.category !== product.category))
      await products.updateProductFacts(ctx.trx, product.id, {
        name,
        category: declared.category,
        searchText: `${product.brand} ${product.model} ${name}`.toLowerCase(),
      });
    await declarations.insertDeclaration(ctx.trx, row);
    await declarations.insertAssessments(ctx.trx, assessmentRows);
    const outcomes = results.map((r) => ({ regime: r.regime, outcome: r.outcome, sellable: r.sellable }));
    await ctx.audit({
      action: options.draft ? 'declaration.draft' : 'declaration.submit',
      subjectType: 'declaration',
      subjectId: row.id,
      detail: { productId: product.id, version, sha256: row.sha256 },
    });
    const about = { subjectId: row.id, productId: product.id, organisationId: product.organisationId };
    const payload = {
      declarationId: row.id,
      version,
      sha256: row.sha256,
      supportEndDate: row.supportEndDate,
      gtinsAdded: added,
      fromDraftId: options.fromDraftId,
      outcomes,
    };
    let all: string[] | null = null;
    if (version === null) await ctx.emit({ type: 'declaration-drafted', ...about, payload: { ...payload, version } });
    else {
      // The log entry records every GTIN the product now has, so it carries them rather than the log reading back.
      all = fresh
        ? [...new Set([...options.created!, ...added])].sort()
        : ((await products.gtinsOf(ctx.trx, [product.id])).get(product.id) ?? []);
      await ctx.emit({
        type: 'declaration-submitted',
        ...about,
        payload: { ...payload, version },
        logged: { gtins: all, document: row.document },
      });
    }
    return { row, assessments: assessmentRows, gtins: all };
  }

  async function loadWritableProduct(ctx: WriteContext, productId: string): Promise<ProductRow> {
    const product = await products.findProduct(ctx.trx, productId);
    if (!product) throw new NotFound(`no product with id ${productId}`);
    if (!mayWriteFor(ctx.actor, product.organisationId))
      throw new Forbidden(`product ${productId} belongs to another organisation`);
    return product;
  }

  /** The write behind submitDeclaration and its text form. */
  async function submitDeclarationWrite(
    actor: Actor,
    productId: string,
    document: unknown,
    options: SubmitOptions,
  ): Promise<Submitted> {
    const prepared = await prepare(document);
    return writer.write(actor, async (ctx) =>
      submitIn(ctx, await loadWritableProduct(ctx, productId), prepared, {
        draft: options.draft ?? false,
        fromDraftId: null,
      }),
    );
  }

  /** Submits (or drafts) a declaration for an existing product. A later submission is an amendment: a new version. */
  async function submitDeclaration(
    actor: Actor,
    productId: string,
    document: unknown,
    options: SubmitOptions = {},
  ): Promise<DeclarationView> {
    const done = await submitDeclarationWrite(actor, productId, document, options);
    return declarationView(done.row, done.assessments);
  }

  /** As submitDeclaration, answering the view as the JSON text the API sends (see declarationText). */
  async function submitDeclarationText(
    actor: Actor,
    productId: string,
    document: unknown,
    options: SubmitOptions = {},
  ): Promise<string> {
    const done = await submitDeclarationWrite(actor, productId, document, options);
    return declarationText(done.row, done.assessments);
  }

  /** Submits a draft as the next version (a new row; the draft stays as it was). */
  async function submitDraft(actor: Actor, draftId: string): Promise<DeclarationView> {
    return writer.write(actor, async (ctx) => {
      const draft = await declarations.findDeclaration(ctx.trx, draftId);
      if (!draft || (draft.status === 'draft' && !seesPrivateOf(actor, draft.organisationId)))
        throw new NotFound(`no declaration with id ${draftId}`);
      if (!mayWriteFor(actor, draft.organisationId))
        throw new Forbidden(`declaration ${draftId} belongs to another organisation`);
      if (draft.status !== 'draft')
        throw new Conflict(`declaration ${draftId} is already submitted (version ${draft.version})`);
      const earlier = await declarations.findSubmittedFromDraft(ctx.trx, draftId);
      if (earlier)
        throw new Conflict(`draft ${draftId} was already submitted as version ${earlier.version} (${earlier.id})`);
      const product = await loadWritableProduct(ctx, draft.productId);
      const document = JSON.parse(draft.document) as unknown;
      const done = await submitIn(ctx, product, prepareDocument(engine, document, today()), {
        draft: false,
        fromDraftId: draftId,
      });
      return declarationView(done.row, done.assessments);
    });
  }

  /**
   * The write behind submitForModel and its text form. The product's view is made inside the transaction,
   * where its GTINs can be read; the declaration's view is left to the caller, outside it.
   */
  async function submitForModelWrite(
    actor: Actor,
    document: unknown,
    options: SubmitOptions & { organisationId?: string },
  ): Promise<{ product: ProductView; done: Submitted; productCreated: boolean }> {
    const organisationId = submitterOf(actor, options);
    const prepared = await prepare(document);
    return writer.write(actor, async (ctx) => {
      const { org, product, productCreated, done } = await submitForModelIn(ctx, organisationId, prepared, options);
      // What the write already knows is not read back: the GTINs it logged and, for a version, its own row.
      const gtins = done.gtins ?? (await products.gtinsOf(ctx.trx, [product.id])).get(product.id) ?? [];
      const latest = done.row.version !== null ? done.row : await declarations.latestSubmitted(ctx.trx, product.id);
      return { product: productView(product, { id: org.id, name: org.name }, gtins, latest), done, productCreated };
    });
  }

  /**
   * Submits a declaration for the manufacturer's product with the declaration's brand and model, registering
   * the product (with the declaration's name, category and GTINs) when it does not exist yet. One transaction.
   */
  async function submitForModel(
    actor: Actor,
    document: unknown,
    options: SubmitOptions & { organisationId?: string } = {},
  ): Promise<{ product: ProductView; declaration: DeclarationView; productCreated: boolean }> {
    const { product, done, productCreated } = await submitForModelWrite(actor, document, options);
    return { product, declaration: declarationView(done.row, done.assessments), productCreated };
  }

  /** As submitForModel, answering the JSON text the API sends (see declarationText). */
  async function submitForModelText(
    actor: Actor,
    document: unknown,
    options: SubmitOptions & { organisationId?: string } = {},
  ): Promise<string> {
    const { product, done, productCreated } = await submitForModelWrite(actor, document, options);
    const declaration = declarationText(done.row, done.assessments);
    return `{"productCreated":${productCreated},"product":${JSON.stringify(product)},"declaration":${declaration}}`;
  }

  /** As submitForModel, answering only the ids (the bulk form's result line): no view is built. */
  async function submitForModelBrief(
    actor: Actor,
    document: unknown,
    options: SubmitOptions & { organisationId?: string } = {},
  ): Promise<SubmittedBrief> {
    const organisationId = submitterOf(actor, options);
    const prepared = await prepare(document);
    return writer.write(actor, async (ctx) => {
      const { product, productCreated, done } = await submitForModelIn(ctx, organisationId, prepared, options);
      return { productId: product.id, productCreated, declarationId: done.row.id, version: done.row.version };
    });
  }

  function submitterOf(actor: Actor, options: { organisationId?: string }): string {
    if (actor.kind === 'system') {
      if (!options.organisationId)
        throw new InputInvalid([{ path: '/organisationId', message: 'is required when the operator submits' }]);
      return options.organisationId;
    }
    if (actor.role !== 'manufacturer') throw new Forbidden('only manufacturers submit declarations');
    return actor.organisationId;
  }

  async function submitForModelIn(
    ctx: WriteContext,
    organisationId: string,
    prepared: PreparedDocument,
    options: SubmitOptions,
  ) {
    const { declaration } = prepared;
    const org = await organisations.findOrganisation(ctx.trx, organisationId);
    if (!org || org.kind !== 'manufacturer')
      throw new InputInvalid([
        { path: '/organisationId', message: `${organisationId} is not a registered manufacturer` },
      ]);
    let product = await products.findProductByOwnerBrandModel(
      ctx.trx,
      organisationId,
      declaration.product.brand,
      declaration.product.model,
    );
    const productCreated = product === undefined;
    let created: readonly string[] | undefined;
    if (!product) {
      const valid = productUseCases.validateProduct({
        brand: declaration.product.brand,
        model: declaration.product.model,
        name: declaration.product.name ?? `${declaration.product.brand} ${declaration.product.model}`,
        category: declaration.product.category,
        gtins: declaration.product.gtins,
      });
      // The look-up above used the declared brand and model; unless normalising their spaces changed them,
      // it already showed that no product of that brand and model exists.
      const key = (text: string) => text.trim().toLowerCase();
      const sameKeys =
        key(valid.brand) === key(declaration.product.brand) && key(valid.model) === key(declaration.product.model);
      product = await productUseCases.createProductIn(ctx, organisationId, valid, '/product/gtins', sameKeys);
      created = valid.gtins;
    }
    const done = await submitIn(ctx, product, prepared, {
      draft: options.draft ?? false,
      fromDraftId: null,
      ...(created ? { created } : {}),
    });
    return { org, product, productCreated, done };
  }

  /**
   * A declaration's stored assessments in the rulebook's order, the order a submission answers in (the store
   * keeps no order; a regime no longer in the rulebook goes last).
   */
  async function storedAssessments(declarationId: string) {
    const position = new Map(engine.listRegimes().map((r, i) => [r.id, i]));
    const at = (regime: string) => position.get(regime) ?? position.size;
    const rows = await declarations.assessmentsOf(store.db, declarationId);
    return rows.sort((a, b) => at(a.regime) - at(b.regime) || a.regime.localeCompare(b.regime));
  }

  async function getDeclaration(viewer: Viewer, id: string): Promise<DeclarationView> {
    const row = await declarations.findDeclaration(store.db, id);
    // A draft someone may not see is answered exactly like a missing one: its existence is private too.
    if (!row || (row.status === 'draft' && !seesPrivateOf(viewer, row.organisationId)))
      throw new NotFound(`no declaration with id ${id}`);
    return declarationView(row, await storedAssessments(id));
  }

  async function listDeclarations(viewer: Viewer, productId: string): Promise<DeclarationView[]> {
    const product = await products.findProduct(store.db, productId);
    if (!product) throw new NotFound(`no product with id ${productId}`);
    const rows = await declarations.listDeclarations(
      store.db,
      productId,
      seesPrivateOf(viewer, product.organisationId),
    );
    return Promise.all(rows.map(async (row) => declarationView(row, await storedAssessments(row.id))));
  }

  return {
    submitDeclaration,
    submitDeclarationText,
    submitDraft,
    submitForModel,
    submitForModelText,
    submitForModelBrief,
    getDeclaration,
    listDeclarations,
  };
}
