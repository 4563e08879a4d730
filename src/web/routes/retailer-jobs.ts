// Catalogue checks started from the retailer pages. The upload is spooled to a private temporary file while
// it arrives (so the browser's request ends quickly however big the file), then checked in the background
// by the same checker as POST /v1/checks (services.checks.run), its NDJSON answer read back row by row.
// Jobs live in this process's memory: they survive page reloads, not a restart, and the oldest are dropped.
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { CatalogueFormat, CheckSummary, RowResult } from '../../catalogue/types.js';
import type { Services } from '../../registry/index.js';

export interface CheckJob {
  id: string;
  organisationId: string;
  fileName: string;
  regime: string;
  at: string;
  startedAt: string;
  state: 'running' | 'done' | 'failed';
  results: RowResult[];
  summary: CheckSummary | null;
  error: string | null;
}

export interface JobLimits {
  /** Jobs kept in memory (oldest dropped first). */
  maxJobs: number;
  /** Rows kept per job; a bigger catalogue should go through POST /v1/checks or `iotlabel check`. */
  maxRows: number;
  maxBytes: number;
}

export const DEFAULT_JOB_LIMITS: JobLimits = { maxJobs: 50, maxRows: 200_000, maxBytes: 64 * 1024 * 1024 };

export function createCheckJobs(services: Services, limits: JobLimits = DEFAULT_JOB_LIMITS) {
  const jobs = new Map<string, CheckJob>();

  async function spoolDir(): Promise<string> {
    return mkdtemp(join(tmpdir(), 'iotlabel-upload-'));
  }

  /** Starts checking the spooled file in the background; the job is visible at once. */
  function start(input: { organisationId: string; fileName: string; path: string; dir: string; format: CatalogueFormat; regime: string; at: string }): CheckJob {
    const job: CheckJob = {
      id: randomBytes(12).toString('base64url'), organisationId: input.organisationId, fileName: input.fileName, regime: input.regime, at: input.at,
      startedAt: services.clock().toISOString(), state: 'running', results: [], summary: null, error: null,
    };
    jobs.set(job.id, job);
    while (jobs.size > limits.maxJobs) jobs.delete(jobs.keys().next().value!);
    void run(job, input).finally(() => rm(input.dir, { recursive: true, force: true }));
    return job;
  }

  async function run(job: CheckJob, input: { path: string; format: CatalogueFormat }): Promise<void> {
    try {
      const request = services.checks.prepare({ regime: job.regime, at: job.at });
      let pending = '';
      const take = (line: string) => {
        if (line === '') return;
        const value = JSON.parse(line) as RowResult | { summary: CheckSummary } | { error: { detail: string } };
        if ('summary' in value) job.summary = value.summary;
        else if ('error' in value) job.error = value.error.detail;
        else job.results.push(value);
      };
      for await (const chunk of services.checks.run(createReadStream(input.path), input.format, request, { maxBytes: limits.maxBytes, maxRows: limits.maxRows })) {
        const lines = (pending + chunk).split('\n');
        pending = lines.pop() ?? '';
        lines.forEach(take);
      }
      take(pending);
      job.state = job.error === null ? 'done' : 'failed';
    } catch (error) {
      job.error = error instanceof Error ? error.message : 'the check failed';
      job.state = 'failed';
    }
  }

  /** The job, only for the organisation that started it. */
  function get(organisationId: string, id: string): CheckJob | undefined {
    const job = jobs.get(id);
    return job?.organisationId === organisationId ? job : undefined;
  }

  function ofOrganisation(organisationId: string): CheckJob[] {
    return [...jobs.values()].filter((j) => j.organisationId === organisationId).reverse();
  }

  return { spoolDir, start, get, ofOrganisation, limits };
}

export type CheckJobs = ReturnType<typeof createCheckJobs>;
