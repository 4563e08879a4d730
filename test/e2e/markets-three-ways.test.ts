// Done-when of issue 14: for every example declaration and every demo product, `iotlabel markets FILE
// --json`, GET /v1/products/{id}/markets and the product page give the same per-market answers (may it be
// sold, until or from which day, the labels), and each answer carries its requirement ids and a
// territories.md reference.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { MarketReport } from '../../src/assessment/index.js';
import { addDays } from '../../src/calendar.js';
import { seedDemo } from '../../src/demo/index.js';
import { gs1CheckDigit } from '../../src/gs1/gtin.js';
import { listMarkets } from '../../src/regimes/index.js';
import { buildApp } from '../../src/server/index.js';
import { runCli } from '../support/cli.js';
import { DIALECTS } from '../support/dialects.js';
import { example, openTestRegistry, operator, TODAY, type TestRegistry } from '../support/registry.js';

const EXAMPLES = fileURLToPath(new URL('../../examples/declarations/', import.meta.url));

interface Answer {
  market: string;
  sellable: boolean;
  until: string | null;
  from: string | null;
  labels: string[];
}

/** The per-market answers of a report (CLI or API), in the form the page states them. */
function fromReport(report: MarketReport): Answer[] {
  return report.markets.map((m) => {
    const change = m.changes[0];
    return {
      market: m.market,
      sellable: m.sellable,
      until: change && m.sellable ? addDays(change.date, -1) : null,
      from: change && !m.sellable ? change.date : null,
      labels: m.labels.map(
        (l) =>
          `${l.regime}:${l.outcome === 'pass' ? 'could-carry' : l.outcome === 'out-of-scope' ? 'not-covered' : 'does-not-qualify'}`,
      ),
    };
  });
}

/** The per-market answers the product page states in its data attributes (the registry's own label left out). */
function fromPage(html: string): { answers: Answer[]; requirements: string[][]; references: string[] } {
  const re =
    /data-qa="market" data-market="([A-Z]+)" data-sellable="(yes|no)" data-until="([\d-]*)" data-from="([\d-]*)"/g;
  const starts = [...html.matchAll(re)];
  const blocks = starts.map((m, i) => html.slice(m.index, starts[i + 1]?.index ?? html.indexOf('id="report"')));
  return {
    answers: starts.map((m, i) => ({
      market: m[1]!,
      sellable: m[2] === 'yes',
      until: m[3] || null,
      from: m[4] || null,
      labels: [...blocks[i]!.matchAll(/data-qa="market-label" data-regime="([^"]+)" data-state="([^"]+)"/g)]
        .filter((l) => l[2] !== 'carries')
        .map((l) => `${l[1]}:${l[2]}`),
    })),
    requirements: blocks.map((b) =>
      [...b.matchAll(/data-qa="market-requirements">\(rules: ([^)]*)\)/g)].flatMap((r) => r[1]!.split(', ')),
    ),
    references: blocks.map((b) => /data-qa="market-reference">([^<]*)</.exec(b)?.[1] ?? ''),
  };
}

/** The requirement ids a report names for a market: the gaps of its laws now, and the plan's steps for it. */
function reportRequirements(report: MarketReport, market: string): Set<string> {
  const m = report.markets.find((x) => x.market === market)!;
  return new Set([
    ...m.laws.flatMap((l) => l.gaps.map((g) => `${g.regime}:${g.requirement}`)),
    ...report.plan.filter((s) => s.unlocks.includes(market)).flatMap((s) => s.requirements),
  ]);
}

for (const dialect of DIALECTS) {
  describe(`the market report three ways on ${dialect}`, () => {
    let t: TestRegistry;
    let app: FastifyInstance;
    // A folder per dialect: each run removes its own when it ends.
    const dir = mkdtempSync(join(tmpdir(), `iotlabel-markets-${dialect}-`));
    /** product id -> the declaration file the CLI reads. */
    const subjects: { name: string; productId: string; file: string }[] = [];

    before(async () => {
      t = await openTestRegistry(dialect);
      await seedDemo(t.services);
      for (const p of await t.services.products.findProducts({ limit: 500, includeWithdrawn: true })) {
        if (!p.latestDeclaration) continue;
        const doc = (await t.services.declarations.getDeclaration(null, p.latestDeclaration.id)).document;
        const file = join(dir, `demo-${p.id}.json`);
        writeFileSync(file, JSON.stringify(doc));
        subjects.push({ name: `demo ${p.brand} ${p.model}`, productId: p.id, file });
      }
      // The examples under a manufacturer of their own; each gets fresh barcode numbers (two examples share
      // one, and the demo uses them too), which play no part in the market answers.
      const org = await t.services.organisations.registerOrganisation(operator, {
        name: 'Examples Ltd',
        kind: 'manufacturer',
      });
      const names = readdirSync(EXAMPLES).filter((n) => n.endsWith('.json'));
      for (const [i, name] of names.entries()) {
        const doc = example(name.replace(/\.json$/, ''));
        const item = `50999990${String(i).padStart(4, '0')}`;
        doc.product.gtins = [`0${item}${gs1CheckDigit(item)}`];
        const submitted = await t.services.declarations.submitForModel(operator, doc, { organisationId: org.id });
        subjects.push({ name: `example ${name}`, productId: submitted.product.id, file: join(EXAMPLES, name) });
      }
      app = await buildApp(t.services, { logger: false });
      await app.ready();
    });
    after(async () => {
      await app.close();
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    });

    test('CLI, API and product page agree for every example and demo product, each answer traceable', async () => {
      assert.ok(subjects.filter((s) => s.name.startsWith('example')).length >= 11);
      assert.ok(subjects.filter((s) => s.name.startsWith('demo')).length >= 5);
      const markets = listMarkets().map((m) => m.id);
      const seen = { sellable: 0, notSellable: 0, until: 0, couldCarry: 0 };
      for (const s of subjects) {
        const cli = await runCli('markets', s.file, '--at', TODAY, '--json');
        assert.ok(cli.code === 0 || cli.code === 1, `${s.name}: ${cli.err}`);
        const fromCli = JSON.parse(cli.out) as MarketReport;
        const res = await app.inject({ url: `/v1/products/${s.productId}/markets?at=${TODAY}` });
        assert.equal(res.statusCode, 200, s.name);
        const fromApi = res.json() as MarketReport;
        const page = await app.inject({ url: `/products/${s.productId}` });
        assert.equal(page.statusCode, 200, s.name);
        const shown = fromPage(page.body);

        assert.deepEqual(
          fromCli.markets.map((m) => m.market),
          markets,
          s.name,
        );
        assert.deepEqual(fromApi.markets, fromCli.markets, `${s.name}: CLI and API`);
        assert.deepEqual(shown.answers, fromReport(fromApi), `${s.name}: API and page`);

        for (const [i, m] of fromApi.markets.entries()) {
          const where = `${s.name} in ${m.market}`;
          assert.match(m.reference ?? '', /territories\.md §\d+/, where);
          assert.equal(shown.references[i], m.reference, where);
          const ids = reportRequirements(fromApi, m.market);
          const stopped = !m.sellable || shown.answers[i]!.until !== null;
          // Every "no" names its requirement ids, in the report and on the page, and the page names only those.
          if (stopped && m.laws.length + m.changes.length > 0) {
            assert.ok(ids.size > 0, `${where}: the report names requirement ids`);
            assert.ok(shown.requirements[i]!.length > 0, `${where}: the page names requirement ids`);
          }
          for (const id of shown.requirements[i]!) assert.ok(ids.has(id), `${where}: ${id} is in the report`);
          if (m.sellable) seen.sellable++;
          else seen.notSellable++;
          if (shown.answers[i]!.until) seen.until++;
          if (shown.answers[i]!.labels.some((l) => l.endsWith(':could-carry'))) seen.couldCarry++;
        }
      }
      // The data exercises every kind of answer.
      assert.ok(
        seen.sellable > 0 && seen.notSellable > 0 && seen.until > 0 && seen.couldCarry > 0,
        JSON.stringify(seen),
      );
    });
  });
}
