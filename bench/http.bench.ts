// GET /v1/sellable requests per second against `iotlabel serve` (SQLite, demo data, default logging),
// next to a bare node:http server answering the same bytes, both in child processes and both loaded by
// autocannon with the same settings in the same run. DESIGN.md's budget: ratio >= 0.5.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { BenchFigure } from './harness.js';

const SERVERS = fileURLToPath(new URL('./support/http-servers.ts', import.meta.url));
const PATH = '/v1/sellable?gtin=05012345678900&regime=uk-psti-2023';

async function start(mode: 'serve' | 'bare', arg: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVERS, mode, arg], {
    env: { ...process.env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${mode} did not start:\n${out}`)), 60_000);
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        // Keep draining stdout (logs) so the child never blocks on a full pipe.
        child.stdout!.removeAllListeners('data');
        child.stdout!.resume();
        resolve({ url: match[1]!, child });
      }
    });
    child.on('exit', (code) => reject(new Error(`${mode} exited (${code}):\n${out}`)));
  });
}

async function load(url: string, seconds: number): Promise<{ rps: number; non2xx: number; p99: number }> {
  const result = await autocannon({ url, connections: 10, pipelining: 1, duration: seconds });
  return { rps: result.requests.average, non2xx: result.non2xx + result.errors, p99: result.latency.p99 };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

export async function run({ quick }: { quick: boolean }): Promise<BenchFigure[]> {
  const seconds = quick ? 2 : 5;
  const dir = mkdtempSync(join(tmpdir(), 'iotlabel-bench-http-'));
  const children: ChildProcess[] = [];
  try {
    const registry = await start('serve', join(dir, 'data'));
    children.push(registry.child);
    const sample = await fetch(registry.url + PATH);
    if (sample.status !== 200) throw new Error(`${PATH} answered ${sample.status}`);
    const body = join(dir, 'body.json');
    const bytes = Buffer.from(await sample.arrayBuffer());
    writeFileSync(body, bytes);
    const bare = await start('bare', body);
    children.push(bare.child);

    // Warm both (JIT, caches), then alternate short rounds so a change in the machine's load (it is
    // shared) falls on both alike; each figure is the mean over its rounds.
    await load(bare.url + PATH, 1);
    await load(registry.url + PATH, 1);
    const rounds = quick ? 1 : 3;
    const bareRuns: Awaited<ReturnType<typeof load>>[] = [];
    const registryRuns: Awaited<ReturnType<typeof load>>[] = [];
    for (let i = 0; i < rounds; i++) {
      bareRuns.push(await load(bare.url + PATH, seconds));
      registryRuns.push(await load(registry.url + PATH, seconds));
    }
    const mean = (runs: typeof bareRuns) => ({
      rps: runs.reduce((a, r) => a + r.rps, 0) / runs.length,
      non2xx: runs.reduce((a, r) => a + r.non2xx, 0),
      p99: Math.max(...runs.map((r) => r.p99)),
    });
    const baseline = mean(bareRuns);
    const measured = mean(registryRuns);
    if (measured.non2xx > 0 || baseline.non2xx > 0)
      throw new Error(`non-2xx answers during the run: registry ${measured.non2xx}, bare ${baseline.non2xx}`);
    const ratio = measured.rps / baseline.rps;
    return [
      {
        name: 'http: GET /v1/sellable (iotlabel serve, SQLite, cached answer)',
        value: measured.rps,
        unit: 'requests/s',
        baseline: { name: 'bare node:http answering the same bytes', value: baseline.rps, unit: 'requests/s' },
        ratio,
        ratioMeaning: 'registry requests/s per bare node:http requests/s (autocannon, 10 connections, same machine)',
        target: '>= 0.5',
        met: ratio >= 0.5,
        notes: {
          seconds,
          rounds,
          connections: 10,
          registryP99ms: measured.p99,
          bareP99ms: baseline.p99,
          bodyBytes: bytes.length,
        },
      },
    ];
  } finally {
    for (const child of children) await stop(child);
    rmSync(dir, { recursive: true, force: true });
  }
}
