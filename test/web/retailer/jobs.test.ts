// Catalogue check jobs kept in the database, on each database: a job started through one app is seen, with
// its results, through a second app on the same database (two `serve` processes behind a load balancer);
// a job left running by a process that died shows as failed after a restart, a live one does not; the SQL
// filters and pages agree with the in-memory rule; the CSV is read a page at a time; other organisations
// see nothing; only the newest 50 jobs of an organisation are kept.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../src/server/index.js';
import { createServices, systemActor, type Services } from '../../../src/registry/index.js';
import {
  KEEP_JOBS_PER_ORGANISATION,
  ORPHANED_JOB_ERROR,
  STALE_AFTER_MS,
} from '../../../src/registry/retail/check-jobs.js';
import { checkJobs } from '../../../src/store/index.js';
import type { RowResult } from '../../../src/catalogue/types.js';
import { filterResults, resultFilterOf, type ResultFilters } from '../../../src/web/routes/retailer/results.js';
import { DIALECTS } from '../../support/dialects.js';
import { declarationFor } from '../../support/registry.js';
import { addAccount, postMultipart, waitForCheck } from '../roles-support.js';
import { Browserish, TODAY, csrfToken, openWebFixture, type WebFixture } from '../support.js';

// 2,150 rows (more than two batches of 1,000): products whose support ends in 2030, on 31 January 2027, on
// the six-month horizon itself (24 May 2027), one that has ended, one unknown barcode and unreadable rows.
const GTINS = ['05012345678900', '05012345678917', '05012345678924', '05012345678931', '05000000000007'];
const CATALOGUE = [
  'sku,gtin,brand,model',
  ...Array.from({ length: 2150 }, (_, i) => (i % 43 === 0 ? `BAD-${i},123,,` : `S-${i},${GTINS[i % GTINS.length]},,`)),
].join('\n');

interface Second {
  app: FastifyInstance;
  services: Services;
  close(): Promise<void>;
}

/** Another app on the same database, as a second `iotlabel serve` process (or the same one restarted). */
async function secondApp(f: WebFixture): Promise<Second> {
  const services = createServices({
    store: await f.reopen(),
    clock: f.services.clock,
    scryptCost: { N: 1024, r: 8, p: 1 },
    sessions: { idleMinutes: 30 },
  });
  const app = await buildApp(services, { logger: false, writesPerMinute: 100_000, web: { signInPerMinute: 100 } });
  await app.ready();
  return {
    app,
    services,
    close: async () => {
      await app.close();
      await services.close();
    },
  };
}

async function signedIn(app: FastifyInstance, who: { email: string; password: string }): Promise<Browserish> {
  const b = new Browserish(app);
  assert.equal((await b.signIn(who.email, who.password)).statusCode, 303);
  return b;
}

const runningJob = (organisationId: string, id: string, updatedAt: string) => ({
  id,
  organisationId,
  fileName: `${id}.csv`,
  regime: 'uk-psti-2023',
  at: TODAY,
  startedAt: updatedAt,
  updatedAt,
  finishedAt: null,
  state: 'running' as const,
  rowsChecked: 0,
  summary: null,
  error: null,
});

for (const dialect of DIALECTS) {
  describe(`retailer check jobs in the database (${dialect})`, () => {
    let f: WebFixture;
    let two: Second;
    let url: string;
    before(async () => {
      f = await openWebFixture({ dialect, web: { signInPerMinute: 100 } });
      const operator = systemActor('test');
      for (const [gtin, end] of [
        ['05012345678924', '2027-05-24'],
        ['05012345678931', '2026-06-30'],
      ] as const) {
        await f.services.declarations.submitForModel(
          operator,
          declarationFor({ brand: 'Edge', model: `E-${end}`, gtins: [gtin] }, end),
          { organisationId: f.acme.orgId },
        );
      }
      two = await secondApp(f);
      const b = await signedIn(f.app, f.retailer);
      const form = await b.get('/retailer');
      const started = await postMultipart(
        f.app,
        b,
        '/retailer/checks',
        { _csrf: csrfToken(form.body), regime: 'uk-2019-option-a' },
        [{ name: 'catalogue', fileName: 'big.csv', contentType: 'text/csv', content: CATALOGUE }],
      );
      assert.equal(started.statusCode, 303);
      url = started.headers.location as string;
    });
    after(async () => {
      await two.close();
      await f.close();
    });

    test('a job started through one app is shown, with its results, by a second app on the same database', async () => {
      const b = await signedIn(two.app, f.retailer);
      const done = await waitForCheck(b, url);
      assert.equal(done.statusCode, 200);
      assert.match(done.body, /<caption[^>]*>2150 rows<\/caption>/);
      assert.equal((done.body.match(/data-qa="result-row"/g) ?? []).length, 50);
      assert.match(done.body, /data-qa="check-summary"/);
      assert.ok((await b.get('/retailer')).body.includes(`href="${url}"`), 'listed on the second app too');
      const csv = await b.get(`${url}/results.csv`);
      assert.equal(csv.statusCode, 200);
      assert.equal(csv.body.trim().split('\n').length, 2151);
    });

    test('the SQL filters and pages give exactly what the in-memory rule gives', async () => {
      const id = url.split('/').at(-1)!;
      const job = (await two.services.checkJobs.get(f.retailer.orgId, id))!;
      assert.equal(job.state, 'done');
      const all: RowResult[] = [];
      for await (const page of two.services.checkJobs.allResults(
        job,
        { notSellable: false, supportEndsBy: null },
        400,
      )) {
        assert.ok(page.length <= 400, 'read a page at a time');
        all.push(...page);
      }
      assert.deepEqual(
        all.map((r) => r.line),
        Array.from({ length: 2150 }, (_, i) => i + 2),
        'every row, in input order',
      );
      const b = await signedIn(two.app, f.retailer);
      for (const [notSellable, supportEnding] of [
        [false, false],
        [true, false],
        [false, true],
        [true, true],
      ] as const) {
        const filters: ResultFilters = { notSellable, supportEnding, page: 1 };
        const expected = filterResults(all, filters, TODAY);
        assert.ok(expected.length > 0 && (notSellable || supportEnding ? expected.length < all.length : true));
        const { count, rows } = await two.services.checkJobs.results(job, resultFilterOf(filters, TODAY), 100, 50);
        assert.equal(count, expected.length);
        assert.deepEqual(rows, expected.slice(100, 150));
        const query = new URLSearchParams({
          ...(notSellable ? { notSellable: 'yes' } : {}),
          ...(supportEnding ? { supportEnding: 'yes' } : {}),
        }).toString();
        const lastPage = Math.ceil(expected.length / 50);
        const page = await b.get(`${url}?${query}&page=${lastPage + 5}`);
        assert.match(page.body, new RegExp(`<caption[^>]*>${expected.length} rows?</caption>`));
        assert.equal(
          (page.body.match(/data-qa="result-row"/g) ?? []).length,
          expected.length - (lastPage - 1) * 50,
          'a page past the end shows the last',
        );
        const csv = await b.get(`${url}/results.csv?${query}`);
        assert.deepEqual(
          csv.body
            .trim()
            .split('\n')
            .slice(1)
            .map((l) => Number(l.split(',')[0])),
          expected.map((r) => r.line),
          'the CSV has the same rows',
        );
      }
      // The horizon is inclusive (24 May 2027) and a support period that has ended counts as ending.
      const ending = filterResults(all, { notSellable: false, supportEnding: true, page: 1 }, TODAY).map(
        (r) => r.supportEndDate,
      );
      assert.deepEqual([...new Set(ending)].sort(), ['2026-06-30', '2027-01-31', '2027-05-24']);
    });

    test('another organisation can see neither the job nor its results, on either app', async () => {
      const other = await addAccount(f, 'retailer', `Corner Shop ${dialect}`, `cs-${dialect}@corner.example`);
      for (const app of [f.app, two.app]) {
        const rival = await signedIn(app, other);
        assert.equal((await rival.get(url)).statusCode, 404);
        assert.equal((await rival.get(`${url}/results.csv`)).statusCode, 404);
        assert.ok(!(await rival.get('/retailer')).body.includes(url));
      }
    });

    test('a running job whose process died shows as failed after a restart; a live one keeps running', async () => {
      const now = f.services.clock().getTime();
      const stale = new Date(now - STALE_AFTER_MS - 1000).toISOString();
      await checkJobs.insertJob(f.services.store.db, runningJob(f.retailer.orgId, 'orphan-at-restart', stale));
      await checkJobs.insertJob(
        f.services.store.db,
        runningJob(f.retailer.orgId, 'live-elsewhere', new Date(now).toISOString()),
      );
      const restarted = await secondApp(f);
      try {
        // Startup fails the orphan without anyone opening it.
        for (
          let i = 0;
          i < 100 &&
          (await restarted.services.checkJobs.get(f.retailer.orgId, 'orphan-at-restart'))?.state === 'running';
          i++
        )
          await new Promise((r) => setTimeout(r, 10));
        const b = await signedIn(restarted.app, f.retailer);
        const orphan = await b.get('/retailer/checks/orphan-at-restart');
        assert.match(orphan.body, /data-qa="check-failed"/);
        assert.ok(orphan.body.includes(ORPHANED_JOB_ERROR));
        assert.match(
          (await b.get('/retailer/checks/live-elsewhere')).body,
          /data-qa="check-progress"/,
          'a job another process is running is left alone',
        );
        // A job orphaned after startup is failed when it is next looked at.
        await checkJobs.insertJob(f.services.store.db, runningJob(f.retailer.orgId, 'orphan-later', stale));
        assert.match(
          (await b.get('/retailer')).body,
          /orphan-later\.csv<\/a><\/td>\s*<td[^>]*>[^<]*<\/td>\s*<td[^>]*>Could not be checked/,
        );
        assert.match((await b.get('/retailer/checks/orphan-later')).body, /data-qa="check-failed"/);
      } finally {
        await restarted.close();
      }
    });

    test(`only the newest ${KEEP_JOBS_PER_ORGANISATION} jobs of an organisation are kept, with their results`, async () => {
      const shop = await addAccount(f, 'retailer', `Keep Shop ${dialect}`, `keep-${dialect}@shop.example`);
      const db = f.services.store.db;
      for (let i = 0; i < KEEP_JOBS_PER_ORGANISATION; i++)
        await checkJobs.insertJob(db, {
          ...runningJob(shop.orgId, `old-${i}`, f.services.clock().toISOString()),
          state: 'done',
        });
      await checkJobs.insertResults(db, [
        { jobId: 'old-0', seq: 1, notSellable: 1, supportEndDate: null, result: '{}' },
        { jobId: 'old-1', seq: 1, notSellable: 0, supportEndDate: null, result: '{}' },
      ]);
      const started = await two.services.checkJobs.start(
        { organisationId: shop.orgId, fileName: 'new.csv', regime: 'uk-psti-2023', at: TODAY, format: 'csv' },
        (async function* () {
          yield 'sku,gtin\nA,05012345678900\n';
        })(),
        {},
      );
      await started.finished;
      const kept = await two.services.checkJobs.ofOrganisation(shop.orgId);
      assert.equal(kept.length, KEEP_JOBS_PER_ORGANISATION);
      assert.equal(kept[0]!.id, started.job.id, 'newest first');
      assert.equal(kept[0]!.state, 'done');
      assert.ok(!kept.some((j) => j.id === 'old-0') && kept.some((j) => j.id === 'old-1'));
      assert.equal(
        await checkJobs.countResults(db, 'old-0', { notSellable: false, supportEndsBy: null }),
        0,
        'its results went with it',
      );
      assert.equal(await checkJobs.countResults(db, 'old-1', { notSellable: false, supportEndsBy: null }), 1);
      assert.equal(
        (await f.services.checkJobs.ofOrganisation(f.retailer.orgId)).length > 0,
        true,
        'other organisations keep theirs',
      );
    });
  });
}
