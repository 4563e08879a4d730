// Regulator pages: the state of the market (charts with their numbers in tables), revoking or suspending a
// label with a reason (through services.labels.changeStatus), and "what if this provision were mandatory".
import type { FastifyInstance } from 'fastify';
import { provisionIfMandatory, supportMinimumRule } from '../../assessment/index.js';
import { isIotlabelError } from '../../errors.js';
import { defaultRetailRegime, listMarkets, whatIfCatalogs } from '../../regimes/index.js';
import { columnChart, stackedBarChart } from '../charts.js';
import { provisionGroups } from '../declaration-form/provision-groups.js';
import type { WebContext } from '../context.js';
import {
  byCategoryAndOutcome,
  manufacturersWithoutContact,
  marketCache,
  OUTCOMES,
  shortestSupport,
  supportEndsByYear,
} from '../models/market-model.js';
import { renderPage } from '../render.js';
import { requireRole, signedInOf } from '../session.js';
import nunjucks from 'nunjucks';
import type { LabelStatus } from '../../labels/label-status.js';

const page = { schema: { hide: true } } as const;
const LABEL_ID = /^[A-Za-z0-9_-]{1,64}$/;
const safe = (svg: string) => new nunjucks.runtime.SafeString(svg);

export function regulatorRoutes(web: FastifyInstance, ctx: WebContext): void {
  const { services } = ctx;
  const market = marketCache(services);
  const guard = { ...page, preHandler: requireRole('regulator') };

  web.get<{ Querystring: { regime?: string } }>('/regulator', guard, async (request, reply) => {
    const regimes = services.engine.listRegimes();
    const regime =
      regimes.find((r) => r.id === request.query.regime) ??
      regimes.find((r) => r.id === defaultRetailRegime()) ??
      regimes[0]!;
    const m = await market();
    const categories = byCategoryAndOutcome(m, regime.id);
    const support = supportEndsByYear(m);
    const categoryName = ctx.env.getFilter('categoryName') as (id: string) => string;
    return renderPage(ctx.env, reply, 'pages/regulator/dashboard.njk', {
      regimes,
      regime,
      categories,
      outcomes: OUTCOMES,
      support,
      total: m.products.length,
      categoryChart: safe(
        stackedBarChart(
          {
            id: 'chart-categories',
            title: `Products by type and outcome under ${regime.title}`,
            summary: `${m.products.length} products on the market.`,
          },
          categories.map((c) => ({
            label: categoryName(c.category),
            bars: OUTCOMES.map((o) => ({ label: o.text, value: c.counts[o.id], style: o.style })),
          })),
        ),
      ),
      supportChart: safe(
        columnChart(
          {
            id: 'chart-support',
            title: 'Products by the year their security updates end',
            summary: `${support.undeclared} products have no declared end date.`,
          },
          support.years.map((y) => ({
            label: y.year,
            value: y.count,
            style: y.year < ctx.today().slice(0, 4) ? 'warning' : 'primary',
          })),
        ),
      ),
      stops: await services.marketOutlook.stopsAhead({ at: ctx.today() }),
      marketNames: Object.fromEntries(listMarkets().map((x) => [x.id, x.name])),
      labels: m.labelsNotValid,
      shortest: shortestSupport(m),
      contactGaps: manufacturersWithoutContact(m),
    });
  });

  web.get<{ Querystring: { id?: string } }>('/regulator/labels', guard, (request, reply) => {
    const id = String(request.query.id ?? '').trim();
    if (!LABEL_ID.test(id))
      return renderPage(
        ctx.env,
        reply,
        'pages/regulator/find-label.njk',
        { id, errors: [{ text: 'Enter a label ID, for example the one printed under the QR code', href: '#id' }] },
        400,
      );
    return reply.redirect(`/regulator/labels/${encodeURIComponent(id)}`, 303);
  });

  const labelPage = async (id: string) => {
    const label = await services.labels.byId(id);
    return {
      label,
      product: await services.products.getProduct(label.productId),
      choices: label.status.status === 'suspended' ? ['revoked', 'valid'] : ['revoked', 'suspended'],
    };
  };

  web.get<{ Params: { id: string } }>('/regulator/labels/:id', guard, async (request, reply) => {
    return renderPage(ctx.env, reply, 'pages/regulator/label.njk', {
      ...(await labelPage(request.params.id)),
      values: {},
    });
  });

  web.post<{ Params: { id: string }; Body: { status?: string; reason?: string; confirm?: string } }>(
    '/regulator/labels/:id',
    guard,
    async (request, reply) => {
      const me = signedInOf(request);
      const values = {
        status: String(request.body?.status ?? ''),
        reason: String(request.body?.reason ?? '').slice(0, 2000),
      };
      const errors: { text: string; href: string }[] = [];
      if (!['revoked', 'suspended', 'valid'].includes(values.status))
        errors.push({ text: 'Select what to do with the label', href: '#status' });
      if (values.reason.trim() === '')
        errors.push({ text: 'Enter the reason; the manufacturer and the public will see it', href: '#reason' });
      else if (values.reason.trim().length > 1000)
        errors.push({ text: 'The reason must be 1000 characters or fewer', href: '#reason' });
      // Revoking is final, so it is asked again on a page of its own, which says what will follow.
      if (errors.length === 0 && values.status === 'revoked' && request.body?.confirm !== 'yes')
        return renderPage(ctx.env, reply, 'pages/regulator/confirm-revoke.njk', {
          ...(await labelPage(request.params.id)),
          values,
        });
      if (errors.length === 0) {
        try {
          await services.labels.changeStatus(me.actor, request.params.id, {
            status: values.status as LabelStatus,
            reason: values.reason,
          });
          return reply.redirect(`/regulator/labels/${encodeURIComponent(request.params.id)}/changed`, 303);
        } catch (error) {
          if (!isIotlabelError(error) || !['CONFLICT', 'INPUT_INVALID'].includes(error.code)) throw error;
          if (error.problems.length === 0)
            errors.push({ text: error.message.charAt(0).toUpperCase() + error.message.slice(1), href: '#status' });
          for (const d of error.problems)
            errors.push({
              text: `${d.path === '/reason' ? 'Reason' : 'Status'}: ${d.message}`,
              href: d.path === '/reason' ? '#reason' : '#status',
            });
        }
      }
      return renderPage(
        ctx.env,
        reply,
        'pages/regulator/label.njk',
        {
          ...(await labelPage(request.params.id)),
          values,
          errors,
          fieldErrors: Object.fromEntries(errors.map((e) => [e.href.slice(1), e.text])),
        },
        400,
      );
    },
  );

  web.get<{ Params: { id: string } }>('/regulator/labels/:id/changed', guard, async (request, reply) => {
    return renderPage(ctx.env, reply, 'pages/regulator/label-changed.njk', await labelPage(request.params.id));
  });

  web.get<{ Querystring: { provision?: string; q?: string; market?: string; years?: string } }>(
    '/regulator/what-if',
    guard,
    async (request, reply) => {
      // Grouped by standard and clause, with short names; `q` narrows the list (no JavaScript needed).
      const q = String(request.query.q ?? '')
        .trim()
        .toLowerCase()
        .slice(0, 100);
      const groups = whatIfCatalogs().flatMap((catalog) =>
        provisionGroups(catalog).map((g) => ({
          label: `${catalog.title.replace(/^ETSI /, '').replace(/ \(.*$/, '')}: ${[g.label, g.title].filter(Boolean).join(' ')}`,
          provisions: g.provisions.map((p) => ({
            value: `${catalog.id}:${p.id}`,
            catalogId: catalog.id,
            catalogTitle: catalog.title,
            id: p.id,
            title: p.title,
            status: p.status,
            text: `${p.id} ${p.title}${p.status === 'M' ? ' (mandatory now)' : ''}`,
          })),
        })),
      );
      const provisions = groups.flatMap((g) => g.provisions);
      const shownGroups = q
        ? groups
            .map((g) => ({
              ...g,
              provisions: g.provisions.filter((p) => `${p.id} ${p.title} ${g.label}`.toLowerCase().includes(q)),
            }))
            .filter((g) => g.provisions.length > 0)
        : groups;
      const chosen = provisions.find((p) => p.value === request.query.provision) ?? null;
      let result = null;
      if (chosen) {
        const m = await market();
        const all = m.products.filter((p) => p.declaration !== null);
        // A provision is judged only in declarations made against its own catalog: another version's ids differ.
        const declared = all.filter((p) => p.declaration!.provisions?.catalog === chosen.catalogId);
        const failing = declared.flatMap((p) => {
          const verdict = provisionIfMandatory(p.declaration!, chosen.catalogId, chosen.id);
          return verdict !== null && (verdict.status === 'not-met' || verdict.status === 'not-declared')
            ? [{ product: p, verdict }]
            : [];
        });
        result = {
          declared: declared.length,
          otherCatalog: all.length - declared.length,
          undeclared: m.products.length - all.length,
          failing: failing.length,
          shown: failing.slice(0, 200),
        };
      }
      const errors: { text: string; href: string }[] = [];
      if (request.query.provision !== undefined && chosen === null)
        errors.push({ text: 'Select a provision from the list', href: '#provision' });
      // "What if a market required a minimum support period?", across the registry on today's date.
      const markets = listMarkets().map((x) => ({ id: x.id, name: x.name }));
      const asked = request.query.market !== undefined || request.query.years !== undefined;
      const minimum = {
        market: String(request.query.market ?? '').slice(0, 8),
        years: String(request.query.years ?? supportMinimumRule().rule.minimumYears ?? 5).slice(0, 4),
      };
      let minimumResult = null;
      if (asked) {
        const market = markets.find((x) => x.id === minimum.market);
        const years = /^\d{1,2}$/.test(minimum.years.trim()) ? Number(minimum.years.trim()) : NaN;
        if (!market) errors.push({ text: 'Select a market', href: '#market' });
        if (!(years >= 1 && years <= 20))
          errors.push({ text: 'Enter a minimum support period of 1 to 20 whole years', href: '#years' });
        if (market && years >= 1 && years <= 20)
          minimumResult = {
            ...(await services.marketOutlook.supportMinimumWhatIf({ market: market.id, years, at: ctx.today() })),
            marketName: market.name,
          };
      }
      const fieldErrors = Object.fromEntries(errors.map((e) => [e.href.slice(1), e.text]));
      return renderPage(
        ctx.env,
        reply,
        'pages/regulator/what-if.njk',
        {
          groups: shownGroups,
          shownCount: shownGroups.reduce((n, g) => n + g.provisions.length, 0),
          q,
          chosen,
          result,
          markets,
          minimum,
          minimumResult,
          borrowed: supportMinimumRule(),
          errors: errors.length > 0 ? errors : undefined,
          fieldErrors,
        },
        errors.length > 0 ? 400 : 200,
      );
    },
  );
}
