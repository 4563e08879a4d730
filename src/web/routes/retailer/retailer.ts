// Retailer pages: upload a catalogue (CSV, NDJSON or JSON), watch the check run, read the results (filtered
// and paginated with GET parameters) and download them as CSV. The check itself is services.checks, the
// same as POST /v1/checks; see jobs.ts for how an upload becomes a background job.
import { createReadStream, createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { formatForContentType, formatForFileName } from '../../../catalogue/parse-catalogue.js';
import { csvText } from '../../../catalogue/csv-writer.js';
import { RESULT_CSV_COLUMNS, resultCsvCells } from '../../../catalogue/write-results.js';
import { isIotlabelError } from '../../../errors.js';
import { NotFound } from '../../../registry/errors.js';
import { defaultRetailRegime, getMarket, listMarkets } from '../../../regimes/index.js';
import type { WebContext } from '../../context.js';
import { verifyMultipartCsrf } from '../../csrf.js';
import { paginationOf } from '../../pagination.js';
import { renderPage } from '../../render.js';
import { requireRole, signedInOf } from '../../session.js';
import { createCheckJobs, type CheckJob } from './jobs.js';
import { PAGE_SIZE, resultFilterOf, resultFilters, type ResultQuery } from './results.js';

const page = { schema: { hide: true } } as const;

/**
 * The rules a catalogue can be checked against, as the form's choices: each market first (`market:AU`, every
 * law binding a sale there), then the regimes with a sale rule, the default regime (UK PSTI) first.
 */
function checkRules(ctx: WebContext): { id: string; title: string }[] {
  return [
    ...listMarkets().map((m) => ({ id: `market:${m.id}`, title: `Where my shop sells: ${m.name}` })),
    ...checkRegimes(ctx),
  ];
}

/** A choice of the form (or a shop's default) as the check's rules: a market or a regime. */
function rulesOf(choice: string): { market: string } | { regime: string } {
  return choice.startsWith('market:') ? { market: choice.slice('market:'.length) } : { regime: choice };
}

/** The form's value for rules. */
function choiceOf(rules: { market: string } | { regime: string }): string {
  return 'market' in rules ? `market:${rules.market}` : rules.regime;
}

/** The rules a job was checked against, in words: a market with the laws that bound a sale there. */
function rulesTitle(ctx: WebContext, job: CheckJob): string {
  const title = (id: string) => ctx.services.engine.listRegimes().find((r) => r.id === id)?.title ?? id;
  if (job.market === null) return title(job.regime);
  const laws = job.regime === 'none' ? [] : job.regime.split('+');
  const name = getMarket(job.market).name;
  return laws.length === 0
    ? `Where the shop sells, ${name}: no law restricts the sale`
    : `The laws binding a sale in ${name}: ${laws.map(title).join('; ')}`;
}

/** Regimes a catalogue can be checked against (those with a sale rule), the default regime (UK PSTI) first. */
function checkRegimes(ctx: WebContext): { id: string; title: string }[] {
  const first = defaultRetailRegime();
  return ctx.services.engine
    .listRegimes()
    .filter((r) => r.salesRestriction || r.labelling)
    .map((r) => ({ id: r.id, title: r.title }))
    .sort((a, b) => (a.id === first ? -1 : b.id === first ? 1 : 0));
}

/** Lines in a file (the last one counts without its newline), read as a stream. */
async function countLines(path: string): Promise<number> {
  let lines = 0;
  let last = 10;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
    if (chunk.length > 0) last = chunk[chunk.length - 1]!;
  }
  return last === 10 ? lines : lines + 1;
}

export function retailerRoutes(web: FastifyInstance, ctx: WebContext): void {
  const jobs = createCheckJobs(ctx.services);
  const guard = { ...page, preHandler: requireRole('retailer') };
  const ownJob = async (organisationId: string, id: string): Promise<CheckJob> => {
    const job = await jobs.get(organisationId, id);
    if (!job) throw new NotFound(`no catalogue check ${id} for your organisation`);
    return job;
  };
  const uploadPage = async (
    organisationId: string,
    values: { regime?: string },
    errors?: { text: string; href: string }[],
    market: string | null = null,
  ) => ({
    regimes: checkRules(ctx),
    market: market === null ? null : getMarket(market),
    values,
    errors,
    fieldErrors: Object.fromEntries((errors ?? []).map((e) => [e.href.slice(1), e.text])),
    jobs: await jobs.ofOrganisation(organisationId),
    maxMegabytes: Math.floor(jobs.limits.maxBytes / 1024 / 1024),
    maxRows: jobs.limits.maxRows.toLocaleString('en-GB'),
    publicUrl: ctx.services.publicUrl,
  });

  web.get<{ Querystring: { saved?: string } }>('/retailer', guard, async (request, reply) => {
    const me = signedInOf(request);
    const defaults = await ctx.services.retail.settings.defaults(me.actor);
    return renderPage(ctx.env, reply, 'pages/retailer/checks.njk', {
      ...(await uploadPage(me.actor.organisationId, { regime: choiceOf(defaults.rules) }, undefined, defaults.market)),
      saved: request.query.saved === 'market',
    });
  });

  // The shop's market, chosen once: the rules its checks use unless it picks others.
  const marketPage = (chosen: string | null, errors?: { text: string; href: string }[]) => ({
    markets: listMarkets().map((m) => ({ id: m.id, name: m.name, note: m.note })),
    chosen,
    errors,
  });
  web.get('/retailer/market', guard, async (request, reply) => {
    const { market } = await ctx.services.retail.settings.defaults(signedInOf(request).actor);
    return renderPage(ctx.env, reply, 'pages/retailer/market.njk', marketPage(market));
  });
  web.post<{ Body: { market?: unknown } }>('/retailer/market', guard, async (request, reply) => {
    const me = signedInOf(request);
    const market = typeof request.body?.market === 'string' ? request.body.market : '';
    try {
      await ctx.services.retail.settings.chooseMarket(me.actor, market);
    } catch (error) {
      if (!isIotlabelError(error) || error.code !== 'INPUT_INVALID') throw error;
      const errors = [{ text: 'Select the market your shop sells in', href: `#market-${listMarkets()[0]!.id}` }];
      return renderPage(ctx.env, reply, 'pages/retailer/market.njk', marketPage(null, errors), 400);
    }
    return reply.redirect('/retailer?saved=market', 303);
  });

  void web.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: jobs.limits.maxBytes, files: 1, fields: 5, fieldSize: 1024 },
    });
    scope.post('/retailer/checks', { ...guard, config: { multipartCsrf: true } }, async (request, reply) => {
      const me = signedInOf(request);
      const fields: Record<string, string> = {};
      const dir = await jobs.spoolDir();
      let file: { name: string; path: string; format: ReturnType<typeof formatForFileName>; bytes: number } | null =
        null;
      let started = false;
      try {
        for await (const part of request.parts()) {
          if (part.type === 'field') {
            fields[part.fieldname] = String(part.value);
            continue;
          }
          // The token is the form's first field, so it is known before a byte of the file is kept.
          if (!verifyMultipartCsrf(web, request, reply, fields._csrf)) {
            part.file.resume();
            return reply;
          }
          const path = join(dir, 'catalogue');
          await pipeline(part.file, createWriteStream(path, { mode: 0o600 }));
          file = {
            name: part.filename,
            path,
            format: formatForFileName(part.filename) ?? formatForContentType(part.mimetype),
            bytes: part.file.bytesRead,
          };
        }
        if (file === null && !verifyMultipartCsrf(web, request, reply, fields._csrf)) return reply;
        const defaults = await ctx.services.retail.settings.defaults(me.actor);
        const choice = fields.regime ?? choiceOf(defaults.rules);
        const rules = rulesOf(choice);
        const errors: { text: string; href: string }[] = [];
        if (file === null || file.bytes === 0) errors.push({ text: 'Select a catalogue file', href: '#catalogue' });
        else if (file.format === undefined)
          errors.push({ text: 'The selected file must be a CSV, NDJSON or JSON file', href: '#catalogue' });
        let at = ctx.today();
        try {
          at = ctx.services.checks.prepare(rules).at;
        } catch (error) {
          if (!isIotlabelError(error)) throw error;
          errors.push({ text: 'Select the rules to check against', href: '#regime' });
        }
        // A file over the row limit is refused before any row is checked, not failed half-way with partial results.
        if (errors.length === 0 && file !== null && file.format !== undefined && file.format !== 'json') {
          const rows = (await countLines(file.path)) - (file.format === 'csv' ? 1 : 0);
          if (rows > jobs.limits.maxRows)
            errors.push({
              text: `The file has about ${rows.toLocaleString('en-GB')} rows; this page checks up to ${jobs.limits.maxRows.toLocaleString('en-GB')}. Split it, or check it with the iotlabel check command or the API (POST /v1/checks)`,
              href: '#catalogue',
            });
        }
        if (errors.length > 0 || file === null || file.format === undefined) {
          return renderPage(
            ctx.env,
            reply,
            'pages/retailer/checks.njk',
            await uploadPage(me.actor.organisationId, { regime: choice }, errors, defaults.market),
            400,
          );
        }
        const job = await jobs.start({
          organisationId: me.actor.organisationId,
          fileName: file.name,
          path: file.path,
          dir,
          format: file.format,
          ...rules,
          at,
        });
        started = true;
        return reply.redirect(`/retailer/checks/${job.id}`, 303);
      } finally {
        if (!started) await rm(dir, { recursive: true, force: true });
      }
    });
  });

  web.get<{ Params: { id: string }; Querystring: ResultQuery }>(
    '/retailer/checks/:id',
    guard,
    async (request, reply) => {
      const job = await ownJob(signedInOf(request).actor.organisationId, request.params.id);
      if (job.state === 'running')
        return renderPage(ctx.env, reply, 'pages/retailer/check-running.njk', { job, checked: job.rowsChecked });
      const filters = resultFilters(request.query);
      const filter = resultFilterOf(filters, ctx.today());
      let found = await jobs.results(job, filter, (filters.page - 1) * PAGE_SIZE, PAGE_SIZE);
      const pages = Math.max(1, Math.ceil(found.count / PAGE_SIZE));
      const current = Math.min(filters.page, pages);
      // A page past the end shows the last page, as before.
      if (current !== filters.page) found = await jobs.results(job, filter, (current - 1) * PAGE_SIZE, PAGE_SIZE);
      const query = (p: number) =>
        `?${new URLSearchParams({ ...(filters.notSellable ? { notSellable: 'yes' } : {}), ...(filters.supportEnding ? { supportEnding: 'yes' } : {}), ...(p > 1 ? { page: String(p) } : {}) }).toString()}`;
      // What each barcode is, as registered, so a shop recognises the row (a page has at most PAGE_SIZE).
      const gtins = [...new Set(found.rows.flatMap((r) => (r.gtin && r.outcome !== 'unreadable' ? [r.gtin] : [])))];
      const registered = Object.fromEntries(
        (
          await Promise.all(
            gtins.map(
              async (gtin) => [gtin, (await ctx.services.products.findProducts({ gtin, limit: 1 }))[0]] as const,
            ),
          )
        ).flatMap(([gtin, p]) => (p ? [[gtin, { brand: p.brand, model: p.model, name: p.name, id: p.id }]] : [])),
      );
      return renderPage(ctx.env, reply, 'pages/retailer/check-results.njk', {
        job,
        filters,
        matching: found.count,
        rows: found.rows,
        registered,
        regimeTitle: rulesTitle(ctx, job),
        pagination: paginationOf(current, pages, query),
        csvHref: `/retailer/checks/${job.id}/results.csv${query(1).replace(/[?&]page=\d+/, '')}`,
      });
    },
  );

  web.get<{ Params: { id: string }; Querystring: ResultQuery }>(
    '/retailer/checks/:id/results.csv',
    guard,
    async (request, reply) => {
      const job = await ownJob(signedInOf(request).actor.organisationId, request.params.id);
      if (job.state === 'running') return reply.redirect(`/retailer/checks/${job.id}`, 303);
      const pages = jobs.allResults(job, resultFilterOf(resultFilters(request.query), ctx.today()));
      // Streamed a page of rows at a time (a job may have 200,000). The CSV writer neutralises formulas: SKUs
      // and reasons come from outside.
      const csv = async function* (): AsyncGenerator<string> {
        yield csvText([RESULT_CSV_COLUMNS]);
        for await (const rows of pages) yield csvText(rows.map(resultCsvCells));
      };
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="catalogue-check-${job.at}.csv"`)
        .send(Readable.from(csv()));
    },
  );
}
