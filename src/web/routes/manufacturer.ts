// The manufacturer portal: their products, registering one, a product's declarations, and one
// declaration's assessment with what to fix. Every page is for signed-in manufacturers, on their own data.
import type { FastifyInstance } from 'fastify';
import { isIotlabelError } from '../../errors.js';
import { getRegime, labellingRegimeIds } from '../../regimes/index.js';
import type { DeclarationView, FieldProblem, ProductView, SignedIn } from '../../registry/index.js';
import { NotFound } from '../../registry/errors.js';
import type { WebContext } from '../context.js';
import { orderedRegimes } from '../models/assessment-model.js';
import { supportSentence } from '../models/product-model.js';
import { buildStatement, type StatementInput } from '../../labels/index.js';
import { fieldOfPath } from '../declaration-form/fields.js';
import { fixLinksOf, reasonInWords } from '../declaration-form/fix-links.js';
import { marketReportModel } from '../models/market-report-model.js';
import { renderPage } from '../render.js';
import { requireRole, signedInOf } from '../session.js';

const page = { schema: { hide: true } } as const;
const FIELD: Record<string, string> = {
  '/brand': 'brand',
  '/model': 'model',
  '/name': 'name',
  '/category': 'category',
  '/gtins': 'gtins',
};

/** The product, when it belongs to the signed-in organisation; otherwise "not found", like a product that is not there. */
export async function ownProduct(ctx: WebContext, organisationId: string, productId: string): Promise<ProductView> {
  const product = await ctx.services.products.getProduct(productId);
  if (product.manufacturer.id !== organisationId)
    throw new NotFound(`no product with id ${productId} in your organisation`);
  return product;
}

/** The declaration (version or draft), when it belongs to the signed-in organisation; otherwise "not found". */
export async function ownDeclaration(ctx: WebContext, me: SignedIn, declarationId: string): Promise<DeclarationView> {
  const declaration = await ctx.services.declarations.getDeclaration(me.actor, declarationId);
  if (declaration.organisationId !== me.actor.organisationId)
    throw new NotFound(`no declaration with id ${declarationId} in your organisation`);
  return declaration;
}

export function manufacturerRoutes(web: FastifyInstance, ctx: WebContext): void {
  const { services } = ctx;
  const guard = { ...page, preHandler: requireRole('manufacturer') };

  web.get('/manufacturer', guard, async (request, reply) => {
    const me = signedInOf(request);
    const products = await services.products.findProducts({
      organisationId: me.actor.organisationId,
      limit: 500,
      includeWithdrawn: true,
    });
    return renderPage(ctx.env, reply, 'pages/portal/products.njk', { products });
  });

  web.get('/manufacturer/products/new', guard, (_request, reply) =>
    renderPage(ctx.env, reply, 'pages/portal/product-new.njk', {
      categories: services.engine.productCategories,
      values: {},
    }),
  );

  web.post<{ Body: Record<string, string> }>('/manufacturer/products/new', guard, async (request, reply) => {
    const me = signedInOf(request);
    const values = request.body ?? {};
    const gtins = String(values.gtins ?? '')
      .split(/\r?\n/)
      .map((g) => g.replace(/[\s-]/g, ''))
      .filter(Boolean);
    try {
      const product = await services.products.createProduct(me.actor, {
        brand: String(values.brand ?? ''),
        model: String(values.model ?? ''),
        name: String(values.name ?? ''),
        category: String(values.category ?? ''),
        gtins,
      });
      return reply.redirect(`/manufacturer/products/${product.id}`, 303);
    } catch (error) {
      if (!isIotlabelError(error) || !['INPUT_INVALID', 'GTIN_INVALID', 'GTIN_TAKEN', 'CONFLICT'].includes(error.code))
        throw error;
      const problems: FieldProblem[] =
        error.problems.length > 0
          ? error.problems.map((p) => ({ path: p.path ?? '', message: p.message }))
          : [{ path: '/model', message: error.message }];
      const errors = problems.map((p) => {
        const field = FIELD[p.path] ?? FIELD[p.path.replace(/\/\d+$/, '')] ?? 'brand';
        const line = /\/(\d+)$/.exec(p.path);
        return {
          href: `#${field}`,
          field,
          text: friendlyProductError(field, p.message, line ? Number(line[1]) + 1 : undefined),
        };
      });
      return renderPage(
        ctx.env,
        reply,
        'pages/portal/product-new.njk',
        { categories: services.engine.productCategories, values, errors, fieldErrors: fieldErrors(errors) },
        400,
      );
    }
  });

  web.get<{ Params: { id: string } }>('/manufacturer/products/:id', guard, async (request, reply) => {
    const me = signedInOf(request);
    const product = await ownProduct(ctx, me.actor.organisationId, request.params.id);
    const declarations = (await services.declarations.listDeclarations(me.actor, product.id)).sort((a, b) =>
      b.createdAt.localeCompare(a.createdAt),
    );
    const latest = declarations.find((d) => d.status === 'submitted') ?? null;
    const labels = (await services.labels.ofProduct(product.id)).filter((l) => l.supersededBy === null);
    return renderPage(ctx.env, reply, 'pages/portal/product.njk', {
      product,
      declarations,
      latest,
      labels,
      statement: statementOf(latest, product.id),
      labelRegimes: labelRegimes(ctx),
      support: supportSentence(latest?.supportEndDate, ctx.today()),
      regimes: latest ? orderedRegimes(latest.assessments, services.engine) : [],
    });
  });

  // The full market report for the newest submitted version: the same report as GET /v1/products/{id}/markets.
  web.get<{ Params: { id: string } }>('/manufacturer/products/:id/markets', guard, async (request, reply) => {
    const me = signedInOf(request);
    const product = await ownProduct(ctx, me.actor.organisationId, request.params.id);
    if (!product.latestDeclaration)
      return renderPage(ctx.env, reply, 'pages/portal/markets.njk', { product, report: null });
    const [report, labels] = await Promise.all([
      services.markets.productMarkets(product.id, { at: ctx.today() }),
      services.labels.ofProduct(product.id),
    ]);
    return renderPage(ctx.env, reply, 'pages/portal/markets.njk', {
      product,
      declaration: report.declaration,
      report: marketReportModel(report, labels),
    });
  });

  // Asks the registry for a label under a labelling regime; it refuses (with reasons) when the declaration does not allow one.
  web.post<{ Params: { id: string }; Body: { regime?: string } }>(
    '/manufacturer/products/:id/labels',
    guard,
    async (request, reply) => {
      const me = signedInOf(request);
      const product = await ownProduct(ctx, me.actor.organisationId, request.params.id);
      try {
        await services.labels.issueLabel(me.actor, product.id, { regime: String(request.body?.regime ?? '') });
        return reply.redirect(`/manufacturer/products/${product.id}#labels`, 303);
      } catch (error) {
        if (!isIotlabelError(error) || !['LABEL_NOT_ISSUABLE', 'INPUT_INVALID'].includes(error.code)) throw error;
        const reasons = error.problems.length > 0 ? error.problems.map((d) => d.message) : [error.message];
        const declarations = await services.declarations.listDeclarations(me.actor, product.id);
        const latest =
          declarations.filter((d) => d.status === 'submitted').sort((a, b) => (b.version ?? 0) - (a.version ?? 0))[0] ??
          null;
        return renderPage(
          ctx.env,
          reply,
          'pages/portal/product.njk',
          {
            product,
            declarations,
            latest,
            labels: (await services.labels.ofProduct(product.id)).filter((l) => l.supersededBy === null),
            statement: statementOf(latest, product.id),
            labelRegimes: labelRegimes(ctx),
            support: supportSentence(latest?.supportEndDate, ctx.today()),
            regimes: latest ? orderedRegimes(latest.assessments, services.engine) : [],
            errors: reasons.map((text) => ({ text: `No label: ${text}`, href: '#regime' })),
          },
          409,
        );
      }
    },
  );

  web.get<{ Params: { id: string }; Querystring: { submitted?: string } }>(
    '/manufacturer/declarations/:id',
    guard,
    async (request, reply) => {
      const me = signedInOf(request);
      const declaration = await ownDeclaration(ctx, me, request.params.id);
      const product = await services.products.getProduct(declaration.productId);
      const form = `/manufacturer/products/${encodeURIComponent(product.id)}/declare`;
      const declared = (declaration.document as { provisions?: { catalog?: string } }).provisions?.catalog;
      const regimes = orderedRegimes(declaration.assessments, services.engine).map((r) => ({
        ...r,
        // Conformance to another version of a standard is not something to fix in this declaration: its
        // provision ids are not the ones the form asked about.
        otherStandard: conformsToOtherCatalog(r.id, declared),
        toFix: r.toFix.map((t) => ({
          ...t,
          reasons: t.reasons.map(reasonInWords),
          links: t.reasons
            .flatMap(fixLinksOf)
            .filter((l, i, all) => all.findIndex((o) => o.href === l.href) === i)
            .map((l) => ({ text: l.text, href: `${form}?step=${l.step}#${l.href}` })),
        })),
      }));
      return renderPage(ctx.env, reply, 'pages/portal/declaration.njk', {
        product,
        declaration,
        justSubmitted: request.query.submitted === '1',
        support: supportSentence(declaration.supportEndDate, ctx.today()),
        regimes,
        canAmend: !product.withdrawn && declaration.status === 'submitted',
      });
    },
  );
}

/**
 * Whether the latest version can have a statement of compliance; when it cannot, what is missing, each with a
 * link to the form field that supplies it (instead of a link that would answer with a 422).
 */
function statementOf(latest: DeclarationView | null, productId: string) {
  if (latest === null) return null;
  const result = buildStatement(latest.document as StatementInput);
  if (result.ok) return { ok: true, missing: [] };
  const form = `/manufacturer/products/${encodeURIComponent(productId)}/declare`;
  return {
    ok: false,
    missing: result.missing.map((m) => {
      const field = fieldOfPath(m.path);
      return {
        text: field ? capitalise(field.label) : m.message,
        href: field ? `${form}?step=${field.step}#${field.href}` : null,
      };
    }),
  };
}

function conformsToOtherCatalog(regimeId: string, declared: string | undefined): boolean {
  try {
    const regime = getRegime(regimeId);
    return regime.kind === 'conformance' && regime.catalog !== undefined && regime.catalog.id !== declared;
  } catch {
    return false; // a regime retired from the rulebooks
  }
}

const capitalise = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

function labelRegimes(ctx: WebContext) {
  return labellingRegimeIds().map((id) => ({ id, title: ctx.services.engine.regimeSummary(id).title }));
}

function friendlyProductError(field: string, message: string, line?: number): string {
  if (message.startsWith('must be 1 to')) return `Enter the ${field === 'name' ? 'product name' : field}`;
  if (field === 'category') return 'Select the type of product';
  if (field === 'gtins') return `Barcode number${line ? ` on line ${line}` : ''}: ${message}`;
  return message.charAt(0).toUpperCase() + message.slice(1);
}

export function fieldErrors(errors: readonly { field: string; text: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) out[e.field] ??= e.text;
  return out;
}
