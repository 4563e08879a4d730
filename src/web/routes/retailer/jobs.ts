// Catalogue checks started from the retailer pages. The upload is spooled to a private temporary file while
// it arrives (so the browser's request ends quickly however big the file), then checked in the background
// by services.checkJobs (src/registry/retail/check-jobs.ts): the same checker as POST /v1/checks, its results kept
// in the database, so any `iotlabel serve` on it shows the job and a restart loses nothing finished.
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CatalogueFormat } from '../../../catalogue/types.js';
import type { Services } from '../../../registry/index.js';
import type { CheckJob } from '../../../registry/retail/check-jobs.js';

export type { CheckJob };

export interface JobLimits {
  /** Rows checked per job; a bigger catalogue should go through POST /v1/checks or `iotlabel check`. */
  maxRows: number;
  maxBytes: number;
}

export const DEFAULT_JOB_LIMITS: JobLimits = { maxRows: 200_000, maxBytes: 64 * 1024 * 1024 };

export function createCheckJobs(services: Services, limits: JobLimits = DEFAULT_JOB_LIMITS) {
  const jobs = services.checkJobs;
  // Jobs left running by a process that died are failed now, not when someone next opens them.
  void jobs.failOrphans().catch(() => undefined);

  async function spoolDir(): Promise<string> {
    return mkdtemp(join(tmpdir(), 'iotlabel-upload-'));
  }

  /** Starts checking the spooled file in the background (the temporary folder goes when it ends). */
  async function start(input: {
    organisationId: string;
    fileName: string;
    path: string;
    dir: string;
    format: CatalogueFormat;
    regime?: string | undefined;
    market?: string | undefined;
    at: string;
  }): Promise<CheckJob> {
    // The file is opened only when the check reads it, so a refused start leaves no open file behind.
    const body = (async function* () {
      yield* createReadStream(input.path);
    })();
    const { job, finished } = await jobs.start(input, body, { maxBytes: limits.maxBytes, maxRows: limits.maxRows });
    void finished.finally(() => rm(input.dir, { recursive: true, force: true }));
    return job;
  }

  return {
    spoolDir,
    start,
    get: jobs.get,
    ofOrganisation: jobs.ofOrganisation,
    results: jobs.results,
    allResults: jobs.allResults,
    limits,
  };
}

export type RetailerCheckJobs = ReturnType<typeof createCheckJobs>;
