// A real till's load: `npm run bench -- till [--quick] [--postgres] [--products=N] [--data-dir=DIR]
// [--serve-flag=F]...`.
// Seeds N products (default 10,000; 2,000 with --quick) into a fresh SQLite database (or, with --postgres, a
// throw-away PostgreSQL server started as the test suite starts one), then loads the registry with autocannon
// (50 connections unless said otherwise) and sets every read against a bare node:http server answering a
// constant JSON of the same size, measured right before and right after each read workload (their mean is
// that workload's baseline).
// Workloads: random-GTIN GET /v1/sellable with 20 % unknown (valid check digits), without and with a write
// trickle of ~10 declarations/s; an unknown GTIN; the QR landing page; the product page; the search page;
// declarations one per request from 10 clients; a bulk NDJSON stream; the snapshot fetched right after a
// write; 32 mixed read/write clients (p99 and 5xx count). The server's RSS is read at the end. Page requests
// send a browser's Accept-Encoding (gzip among others); the bare server's constant JSON goes uncompressed. The
// kept product pages are also set against a bare server sending those very pages (their headers and bytes).
import { spawn, type ChildProcess } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { BenchFigure } from './harness.js';
import { UNKNOWN_BASE, benchDeclaration, gtinOf } from './support/till-data.js';

const SERVERS = fileURLToPath(new URL('./support/http-servers.ts', import.meta.url));
const TILL = fileURLToPath(new URL('./support/till-server.ts', import.meta.url));
const REGIME = 'uk-psti-2023';
/** What Chromium sends: the page workloads ask as a browser does, so kept pages may come gzipped. */
const BROWSER = { 'accept-encoding': 'gzip, deflate, br, zstd' };

interface Child {
  child: ChildProcess;
  line: string;
}

function spawnChild(args: string[], ready: RegExp): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`did not start:\n${out}`)), 600_000);
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const match = ready.exec(out);
      if (match) {
        clearTimeout(timer);
        child.stdout!.removeAllListeners('data');
        child.stdout!.resume();
        resolve({ child, line: match[0] });
      }
    });
    child.on('exit', (code) => reject(new Error(`exited (${code}):\n${out}`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  // Stopped already: by a signal it has a signalCode and no exitCode.
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

interface Load {
  rps: number;
  ok: number;
  p99: number;
  non2xx: number;
  errors: number;
  fiveXx: number;
}

type Request = { method?: string; path: string; body?: string; headers?: Record<string, string> };

async function load(url: string, seconds: number, connections: number, next: () => Request): Promise<Load> {
  const result = await autocannon({
    url,
    connections,
    pipelining: 1,
    duration: seconds,
    requests: [{ setupRequest: (request) => ({ ...request, ...next() }) as typeof request }],
  });
  return {
    rps: result.requests.average,
    ok: result['2xx'] / seconds,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    fiveXx: result['5xx'],
  };
}

/** A page exactly as the server sent it: its headers and its bytes, still compressed (fetch would decode them). */
function rawGet(
  url: string,
  headers: Record<string, string>,
): Promise<{ headers: Record<string, string>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    httpRequest(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const kept: Record<string, string> = {};
        for (const [name, value] of Object.entries(response.headers))
          if (typeof value === 'string' && !['date', 'connection', 'keep-alive', 'content-length'].includes(name))
            kept[name] = value;
        resolve({ headers: kept, body: Buffer.concat(chunks) });
      });
      response.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

/** The Node flags of `npm start` (package.json: `node <flags> bin/iotlabel.js serve`). */
function startNodeFlags(): string[] {
  const { scripts } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    scripts: { start: string };
  };
  const words = scripts.start.split(/\s+/);
  const bin = words.indexOf('bin/iotlabel.js');
  if (words[0] !== 'node' || bin < 0) throw new Error(`package.json start is not "node <flags> bin/iotlabel.js serve"`);
  return words.slice(1, bin);
}

function rssMiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : NaN;
}

export async function run({ quick }: { quick: boolean }): Promise<BenchFigure[]> {
  const argv = process.argv.slice(2);
  const postgres = argv.includes('--postgres');
  const productsArg = argv.find((a) => a.startsWith('--products='));
  const products = productsArg ? Number(productsArg.slice('--products='.length)) : quick ? 2000 : 10_000;
  const seconds = quick ? 2 : 5;
  const dialect = postgres ? 'PostgreSQL' : 'SQLite';
  const dir = mkdtempSync(join(tmpdir(), 'iotlabel-bench-till-'));
  // --data-dir keeps the SQLite database for the next run, which seeds only what is missing (100,000
  // products take minutes to seed through the use cases).
  const keptArg = argv.find((a) => a.startsWith('--data-dir='));
  const dataDir = keptArg ? keptArg.slice('--data-dir='.length) : join(dir, 'data');
  const children: ChildProcess[] = [];
  let pg: { url: string; stop(): void } | undefined;
  try {
    if (postgres) {
      const { startPostgres } = await import('../test/support/postgres-server.js');
      pg = await startPostgres();
    }
    const config = postgres ? { databaseUrl: pg!.url, products } : { dataDir, products };
    // The registry's Node runs with the flags `npm start` gives it, or with --serve-flag=F (repeatable) instead,
    // as an operator would start `serve` with flags Node takes only on its command line.
    const given = argv.filter((a) => a.startsWith('--serve-flag=')).map((a) => a.slice('--serve-flag='.length));
    const serveFlags = given.length > 0 ? given : startNodeFlags();
    const till = await spawnChild([...serveFlags, TILL, JSON.stringify(config)], /\{"url".*\}\n/);
    children.push(till.child);
    const { url, key, seedSeconds, warmSeconds } = JSON.parse(till.line) as {
      url: string;
      key: string;
      seedSeconds: number;
      warmSeconds: number;
    };
    const auth = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };

    const known = (i: number) => `/v1/sellable?gtin=${gtinOf(i)}&regime=${REGIME}`;
    const sample = await fetch(url + known(0));
    if (sample.status !== 200) throw new Error(`${known(0)} answered ${sample.status}`);
    const sampleBody = Buffer.from(await sample.arrayBuffer());
    const productIds: string[] = [];
    for (let i = 0; i < 200; i++) {
      const r = await fetch(url + known(Math.floor((i * products) / 200)));
      productIds.push(((await r.json()) as { product: { id: string } }).product.id);
    }
    // Every product's id, for product pages over all of them (16 look-ups in flight).
    const allIds: string[] = new Array<string>(products);
    let nextId = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        for (let i = nextId++; i < products; i = nextId++) {
          const r = await fetch(url + known(i));
          allIds[i] = ((await r.json()) as { product: { id: string } }).product.id;
        }
      }),
    );
    const bodyFile = join(dir, 'body.json');
    writeFileSync(bodyFile, sampleBody);
    const bare = await spawnChild([SERVERS, 'bare', bodyFile], /listening on (http:\/\/\S+)/);
    children.push(bare.child);
    const bareUrl = /http:\/\/\S+/.exec(bare.line)![0];

    const random = (n: number) => Math.floor(Math.random() * n);
    const lookup = (): Request => {
      // 20 % unknown GTINs: valid check digits, never registered.
      const i = random(products);
      return { path: Math.random() < 0.2 ? known(UNKNOWN_BASE + i) : known(i) };
    };
    let newProduct = 10_000_000;
    let variant = 1;
    const resubmit = (): Request => ({
      method: 'POST',
      path: '/v1/declarations',
      headers: auth,
      body: JSON.stringify(benchDeclaration(random(products), variant++)),
    });
    const declareNew = (): Request => ({
      method: 'POST',
      path: '/v1/declarations',
      headers: auth,
      body: JSON.stringify(benchDeclaration(newProduct++)),
    });

    const figures: BenchFigure[] = [];
    // The bare server is measured before every read workload and once after the last, so each workload's
    // ratio is to the mean of the runs just before and just after it: on a shared machine the baseline moves
    // by a third within a full run, and a baseline from minutes away says little about this minute.
    const baselines: Load[] = [];
    const measureBare = async () => baselines.push(await load(bareUrl, seconds, 50, () => ({ path: '/' })));
    await load(bareUrl, 1, 50, () => ({ path: '/' }));
    const reads: { name: string; run: Load; target: number; connections: number; bare: number }[] = [];
    /** `alongside` starts what runs with the workload (not with its bare run) and returns its stop. */
    const read = async (name: string, target: number, next: () => Request, alongside?: () => () => void) => {
      await measureBare();
      const stop = alongside?.();
      try {
        await load(url, 1, 50, next); // warm
        const run = await load(url, seconds, 50, next);
        reads.push({ name, run, target, connections: 50, bare: baselines.length - 1 });
      } finally {
        stop?.();
      }
    };

    await read(`GET /v1/sellable, random GTIN over ${products} products, 20 % unknown, no writes`, 0.6, lookup);
    // A trickle of ~10 declarations/s (new versions of random products) while the same lookups run.
    let trickled = 0;
    const trickle = () => {
      const timer = setInterval(() => {
        const r = resubmit();
        void fetch(url + r.path, { method: 'POST', headers: r.headers, body: r.body }).then(
          async (res) => (await res.arrayBuffer(), res.ok && trickled++),
          () => undefined,
        );
      }, 100);
      return () => clearInterval(timer);
    };
    await read(`GET /v1/sellable, random GTIN, 20 % unknown, ~10 declarations/s`, 0.5, lookup, trickle);
    const unknown = known(UNKNOWN_BASE + 7);
    await read('GET /v1/sellable, unknown (valid) GTIN', 0.6, () => ({ path: unknown }));
    // Pages: over every product (mostly rendered on the request: a cold cache) and over 200 of them (kept, as a
    // busy shop's popular products would be).
    // Page requests carry a browser's Accept-Encoding (Chromium's), as phones and CDNs send it.
    const page = (path: string): Request => ({ path, headers: BROWSER });
    await read(`QR landing page /01/<GTIN>, random over ${products}`, 0.3, () =>
      page(`/01/${gtinOf(random(products))}`),
    );
    const popular = (i: number) => Math.floor((i * products) / 200);
    await read('QR landing page /01/<GTIN>, 200 products', 0.3, () => page(`/01/${gtinOf(popular(random(200)))}`));
    await read(`product page /products/<id>, random over ${products}`, 0.3, () =>
      page(`/products/${allIds[random(products)]}`),
    );
    const keptProduct = () => page(`/products/${productIds[random(200)]}`);
    await read('product page /products/<id>, 200 products', 0.3, keptProduct);
    // The same 200 pages from a bare server sending their recorded headers and bytes, right after: how much of
    // the gap to the 1.6 KB constant is the load generator taking in these bytes, and how much is the registry.
    const recorded = await Promise.all(
      [...new Set(productIds)].map(async (id) => {
        const path = `/products/${id}`;
        const { headers, body } = await rawGet(url + path, BROWSER);
        return { path, headers, body: body.toString('base64') };
      }),
    );
    const pagesFile = join(dir, 'pages.json');
    writeFileSync(pagesFile, JSON.stringify(recorded));
    const same = await spawnChild([SERVERS, 'pages', pagesFile], /listening on (http:\/\/\S+)/);
    children.push(same.child);
    const sameUrl = /http:\/\/\S+/.exec(same.line)![0];
    await load(sameUrl, 1, 50, keptProduct);
    const samePages = await load(sameUrl, seconds, 50, keptProduct);
    await stop(same.child);
    await read(`search page /search?q=<model>, random over ${products}`, 0.2, () =>
      page(`/search?q=TILL-${random(products)}`),
    );
    await read('search page /search?q=<model>, 200 queries', 0.2, () => page(`/search?q=TILL-${popular(random(200))}`));
    await measureBare(); // the last read's "after"

    // The snapshot right after a write: first wait for the initial build, then write and fetch at once.
    await (await fetch(`${url}/v1/snapshots/latest`)).arrayBuffer();
    const snapshotMs: number[] = [];
    for (let i = 0; i < (quick ? 3 : 5); i++) {
      const r = resubmit();
      const w = await fetch(url + r.path, { method: 'POST', headers: r.headers, body: r.body });
      if (!w.ok) throw new Error(`write answered ${w.status}`);
      const start = performance.now();
      const s = await fetch(`${url}/v1/snapshots/latest`);
      await s.arrayBuffer();
      if (s.status !== 200) throw new Error(`snapshot answered ${s.status}`);
      snapshotMs.push(performance.now() - start);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }

    // Declarations one per request from 10 clients, each a new product.
    const singles = await load(url, seconds, 10, declareNew);
    // One bulk NDJSON stream of new products.
    const bulkCount = quick ? 1000 : 5000;
    let ndjson = '';
    for (let i = 0; i < bulkCount; i++) ndjson += JSON.stringify(benchDeclaration(newProduct++)) + '\n';
    const bulkStart = performance.now();
    const bulk = await fetch(`${url}/v1/declarations/bulk`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
      body: ndjson,
    });
    const bulkLines = (await bulk.text()).trim().split('\n');
    const bulkSeconds = (performance.now() - bulkStart) / 1000;
    const summary = JSON.parse(bulkLines.at(-1)!) as { summary?: { submitted: number } };
    const bulkSubmitted = summary.summary?.submitted ?? 0;

    // 32 mixed clients: 10 % writes (new versions), the rest lookups and landing pages.
    const mixed = await load(url, seconds, 32, () => {
      const p = Math.random();
      return p < 0.1 ? resubmit() : p < 0.2 ? page(`/01/${gtinOf(random(products))}`) : lookup();
    });

    const rss = rssMiB(till.child.pid!);
    for (const { name, run, target, connections, bare } of reads) {
      const [before, after] = [baselines[bare]!, baselines[bare + 1]!];
      const baseline = { rps: (before.rps + after.rps) / 2, p99: Math.max(before.p99, after.p99) };
      const baselineFigure = {
        name: `bare node:http answering a constant ${sampleBody.length}-byte JSON (mean of the runs just before and after)`,
        value: baseline.rps,
        unit: 'requests/s',
      };
      const ratio = run.rps / baseline.rps;
      const unexpected = run.errors + run.fiveXx;
      figures.push({
        name: `till (${dialect}): ${name}`,
        value: run.rps,
        unit: 'requests/s',
        baseline: baselineFigure,
        ratio,
        ratioMeaning: `registry requests/s per bare node:http requests/s (autocannon, ${connections} connections, same machine)`,
        target: `>= ${target}${name.startsWith('GET /v1/sellable, random') ? ', p99 <= 10 ms' : ''}`,
        met: ratio >= target && unexpected === 0 && (!name.startsWith('GET /v1/sellable, random') || run.p99 <= 10),
        notes: {
          seconds,
          p99ms: run.p99,
          bareP99ms: baseline.p99,
          // Far apart means the machine's load changed during the run: read the ratios with care.
          bareBefore: Math.round(before.rps),
          bareAfter: Math.round(after.rps),
          non2xx: run.non2xx,
          errorsAnd5xx: unexpected,
        },
      });
    }
    const keptProductRun = reads.find((r) => r.name === 'product page /products/<id>, 200 products')!.run;
    figures.push({
      name: `till (${dialect}): product page /products/<id>, 200 products, against the same pages' bytes`,
      value: keptProductRun.rps,
      unit: 'requests/s',
      baseline: {
        name: "bare node:http answering each of the 200 product pages with the registry's own headers and bytes (run right after)",
        value: samePages.rps,
        unit: 'requests/s',
      },
      ratio: keptProductRun.rps / samePages.rps,
      ratioMeaning:
        'registry requests/s per requests/s of a bare server sending the same bytes: what the registry itself leaves on the table (no target; the target is against the constant above)',
      notes: { seconds, p99ms: keptProductRun.p99, sameP99ms: samePages.p99, sameNon2xx: samePages.non2xx },
    });
    figures.push({
      name: `till (${dialect}): declarations one per request, 10 clients, new products`,
      value: singles.ok,
      unit: 'declarations/s',
      ...(postgres ? {} : { target: '>= 500', met: singles.ok >= 500 }),
      notes: { p99ms: singles.p99, non2xx: singles.non2xx, errors: singles.errors },
    });
    figures.push({
      name: `till (${dialect}): bulk NDJSON stream of ${bulkCount} new products`,
      value: bulkSubmitted / bulkSeconds,
      unit: 'declarations/s',
      ...(postgres ? {} : { target: '>= 2000', met: bulkSubmitted / bulkSeconds >= 2000 }),
      notes: { submitted: bulkSubmitted, status: bulk.status, seconds: Number(bulkSeconds.toFixed(2)) },
    });
    figures.push({
      name: `till (${dialect}): snapshot fetched right after a write (worst of ${snapshotMs.length})`,
      value: Math.max(...snapshotMs),
      unit: 'ms',
      target: '<= 100',
      met: Math.max(...snapshotMs) <= 100,
      notes: { medianMs: Number(snapshotMs.sort((a, b) => a - b)[snapshotMs.length >> 1]!.toFixed(1)) },
    });
    figures.push({
      name: `till (${dialect}): 32 mixed clients (10 % writes), p99`,
      value: mixed.p99,
      unit: 'ms',
      target: '< 100, no 5xx',
      met: mixed.p99 < 100 && mixed.fiveXx + mixed.errors === 0,
      notes: { rps: Math.round(mixed.rps), fiveXx: mixed.fiveXx, errors: mixed.errors, non2xx: mixed.non2xx },
    });
    figures.push({
      name: `till (${dialect}): serve process RSS at the end`,
      value: rss,
      unit: 'MiB',
      notes: {
        products,
        seedSeconds: Number(seedSeconds.toFixed(1)),
        warmSeconds: Number(warmSeconds.toFixed(1)),
        trickledWrites: trickled,
        serveFlags: serveFlags.join(' '),
      },
    });
    return figures;
  } finally {
    for (const child of children) await stop(child);
    pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
