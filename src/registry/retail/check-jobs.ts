// Catalogue check jobs (the retailer pages' uploads), kept in the database so that every `iotlabel serve`
// on it shows a job and its results, and a restart loses nothing finished. The check itself is
// services.checks (POST /v1/checks); its NDJSON answer is read back row by row and written in batches.
// A retailer's private working data, not a registry change: written directly, never through the write seam.
//
// A running job's process beats a heartbeat (updated_at) while it runs. A running job not updated for
// STALE_AFTER_MS has lost its process (a restart or a crash) and is shown as failed. One rule for both
// databases: a SQLite file, like a PostgreSQL database, may be served by more than one process, so
// "every running job at startup is an orphan" would fail a neighbour's live job.
import { randomBytes } from 'node:crypto';
import { checkJobs as repo, type CheckJobRow } from '../../store/index.js';
import type { ResultFilter } from '../../store/repositories/check-jobs.js';
import type { CatalogueFormat, CheckSummary, RowResult } from '../../catalogue/types.js';
import type { Checks, CheckLimits } from './checks.js';
import type { RegistryDeps } from '../deps.js';

export type { ResultFilter };

export interface CheckJob {
  id: string;
  organisationId: string;
  fileName: string;
  regime: string;
  /** The market checked, or null for a check by regime. */
  market: string | null;
  at: string;
  startedAt: string;
  finishedAt: string | null;
  state: 'running' | 'done' | 'failed';
  rowsChecked: number;
  summary: CheckSummary | null;
  error: string | null;
}

/** Jobs kept per organisation: starting another deletes the oldest beyond these (and their results). */
export const KEEP_JOBS_PER_ORGANISATION = 50;
/** Rows written per batch (and how often progress shows on the progress page). */
export const RESULT_BATCH = 1000;
export const HEARTBEAT_MS = 15_000;
export const STALE_AFTER_MS = 2 * 60_000;
export const ORPHANED_JOB_ERROR = 'The server restarted while this check was running. Upload the file again.';

export interface NewCheckJob {
  organisationId: string;
  fileName: string;
  /** Either a regime or a market (the laws binding a sale there); the default retail regime with neither. */
  regime?: string | undefined;
  market?: string | undefined;
  at: string;
  format: CatalogueFormat;
}

/** A job the caller's process runs until `finished` settles (it never rejects). */
export interface StartedJob {
  job: CheckJob;
  finished: Promise<void>;
}

function jobView(row: CheckJobRow): CheckJob {
  return {
    id: row.id,
    organisationId: row.organisationId,
    fileName: row.fileName,
    regime: row.regime,
    market: row.market ?? null,
    at: row.at,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    state: row.state,
    rowsChecked: Number(row.rowsChecked),
    summary: row.summary === null ? null : (JSON.parse(row.summary) as CheckSummary),
    error: row.error,
  };
}

class JobGone extends Error {}

export function createCheckJobs(deps: RegistryDeps, extras: { checks: Checks }) {
  const { store, clock } = deps;
  const { checks } = extras;
  const db = store.db;
  const now = () => clock().toISOString();
  const staleBefore = () => new Date(clock().getTime() - STALE_AFTER_MS).toISOString();

  /** Fails running jobs whose process stopped beating (all of them, or only `ids`). */
  async function failOrphans(ids?: readonly string[]): Promise<number> {
    return repo.failStaleJobs(db, staleBefore(), ORPHANED_JOB_ERROR, now(), ids);
  }

  /** Records the job and checks `body` in the background; the job is visible to every process at once. */
  async function start(
    input: NewCheckJob,
    body: AsyncIterable<Uint8Array | string>,
    limits: CheckLimits,
  ): Promise<StartedJob> {
    const request = checks.prepare({ regime: input.regime, market: input.market, at: input.at });
    const at = now();
    const row = {
      id: randomBytes(12).toString('base64url'),
      organisationId: input.organisationId,
      fileName: input.fileName,
      regime: request.regime,
      market: request.market?.market ?? null,
      at: input.at,
      startedAt: at,
      updatedAt: at,
      finishedAt: null,
      state: 'running' as const,
      rowsChecked: 0,
      summary: null,
      error: null,
    };
    await db.transaction().execute(async (trx) => {
      await repo.insertJob(trx, row);
      await repo.deleteOldJobs(trx, input.organisationId, KEEP_JOBS_PER_ORGANISATION);
    });
    const finished = run(row.id, checks.run(body, input.format, request, limits)).catch(() => undefined);
    return { job: jobView({ ...row, seq: 0 }), finished };
  }

  async function run(id: string, answer: AsyncIterable<string>): Promise<void> {
    let rows: RowResult[] = [];
    let checked = 0;
    let summary: CheckSummary | null = null;
    let error: string | null = null;
    const heartbeat = setInterval(
      () => void repo.updateRunning(db, id, { updatedAt: now() }).catch(() => undefined),
      HEARTBEAT_MS,
    );
    heartbeat.unref();
    // The job row is updated before its results are inserted, in one transaction: a job deleted meanwhile
    // (retention) is noticed by the update, and the run stops instead of leaving results without a job.
    const flush = async (end?: { state: 'done' | 'failed' }) => {
      const batch = rows.map((r, k) => ({
        jobId: id,
        seq: checked - rows.length + k + 1,
        notSellable: r.sellable ? 0 : 1,
        supportEndDate: r.supportEndDate,
        result: JSON.stringify(r),
      }));
      rows = [];
      await db.transaction().execute(async (trx) => {
        const alive =
          end === undefined
            ? await repo.updateRunning(trx, id, { rowsChecked: checked, updatedAt: now() })
            : await repo.finishJob(trx, id, {
                ...end,
                rowsChecked: checked,
                summary: summary === null ? null : JSON.stringify(summary),
                error,
                at: now(),
              });
        if (!alive) throw new JobGone();
        await repo.insertResults(trx, batch);
      });
    };
    try {
      let pending = '';
      const take = async (line: string) => {
        if (line === '') return;
        const value = JSON.parse(line) as RowResult | { summary: CheckSummary } | { error: { detail: string } };
        if ('summary' in value) summary = value.summary;
        else if ('error' in value) error = value.error.detail;
        else {
          rows.push(value);
          checked += 1;
          if (rows.length >= RESULT_BATCH) await flush();
        }
      };
      for await (const chunk of answer) {
        const lines = (pending + chunk).split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) await take(line);
      }
      await take(pending);
      await flush({ state: error === null ? 'done' : 'failed' });
    } catch (failure) {
      if (failure instanceof JobGone) return;
      error = failure instanceof Error ? failure.message : 'the check failed';
      await flush({ state: 'failed' }).catch(() =>
        repo.finishJob(db, id, {
          state: 'failed',
          rowsChecked: checked - rows.length,
          summary: null,
          error,
          at: now(),
        }),
      );
    } finally {
      clearInterval(heartbeat);
    }
  }

  /** The job, only for the organisation that started it (an orphan shows as failed). */
  async function get(organisationId: string, id: string): Promise<CheckJob | undefined> {
    let row = await repo.findJob(db, organisationId, id);
    if (row?.state === 'running' && row.updatedAt < staleBefore() && (await failOrphans([row.id])) > 0)
      row = await repo.findJob(db, organisationId, id);
    return row === undefined ? undefined : jobView(row);
  }

  /** The organisation's jobs, newest first. */
  async function ofOrganisation(organisationId: string): Promise<CheckJob[]> {
    let rows = await repo.jobsOfOrganisation(db, organisationId, KEEP_JOBS_PER_ORGANISATION);
    const orphans = rows.filter((r) => r.state === 'running' && r.updatedAt < staleBefore()).map((r) => r.id);
    if (orphans.length > 0 && (await failOrphans(orphans)) > 0)
      rows = await repo.jobsOfOrganisation(db, organisationId, KEEP_JOBS_PER_ORGANISATION);
    return rows.map(jobView);
  }

  /** One page of a job's results (the caller has found the job for its organisation), and how many match. */
  async function results(
    job: CheckJob,
    filter: ResultFilter,
    offset: number,
    limit: number,
  ): Promise<{ count: number; rows: RowResult[] }> {
    const count = await repo.countResults(db, job.id, filter);
    const page = await repo.resultPage(db, job.id, filter, offset, limit);
    return { count, rows: page.map((r) => JSON.parse(r) as RowResult) };
  }

  /** Every matching result in input order, read a page at a time (never all at once). */
  async function* allResults(job: CheckJob, filter: ResultFilter, pageSize = 1000): AsyncGenerator<RowResult[]> {
    let after = 0;
    for (;;) {
      const page = await repo.resultsAfter(db, job.id, filter, after, pageSize);
      if (page.length === 0) return;
      yield page.map((r) => JSON.parse(r.result) as RowResult);
      after = page.at(-1)!.seq;
      if (page.length < pageSize) return;
    }
  }

  return { start, get, ofOrganisation, results, allResults, failOrphans };
}

export type CheckJobs = ReturnType<typeof createCheckJobs>;
