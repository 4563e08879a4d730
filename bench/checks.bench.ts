// POST /v1/checks throughput: a 100,000-row CSV streamed to a real registry server (SQLite, 500 registered
// products with declarations) on 127.0.0.1 and the NDJSON answer read to the end, against parsing the same
// file alone with the catalogue parser, in the same run. Server and client share this process, so the CPU
// time covers both ends; the wall time is what a retailer waits.
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gs1CheckDigit } from '../src/gs1/gtin.js';
import { parseCatalogue } from '../src/catalogue/parse-catalogue.js';
import { buildApp } from '../src/server/index.js';
import { createServices, systemActor } from '../src/registry/index.js';
import { migrateToLatest, openStore } from '../src/store/index.js';
import type { BenchFigure } from './harness.js';

const gtin = (n: number) => {
  const body = `0${String(7_000_000_000 + n).padStart(12, '0')}`;
  return `${body}${gs1CheckDigit(body)}`;
};

async function time(fn: () => Promise<number>): Promise<{ seconds: number; cpuSeconds: number; rows: number }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const rows = await fn();
  const used = process.cpuUsage(cpu);
  return { seconds: (performance.now() - start) / 1000, cpuSeconds: (used.user + used.system) / 1e6, rows };
}

export async function run({ quick }: { quick: boolean }): Promise<BenchFigure[]> {
  const rowCount = quick ? 20_000 : 100_000;
  const productCount = quick ? 100 : 500;
  const dir = mkdtempSync(join(tmpdir(), 'iotlabel-bench-checks-'));
  const store = await openStore({ kind: 'sqlite', file: join(dir, 'bench.db') });
  await migrateToLatest(store);
  const services = createServices({ store, clock: () => new Date('2026-11-24T10:00:00Z') });
  try {
    const operator = systemActor('bench');
    const maker = await services.organisations.registerOrganisation(operator, {
      name: 'Bench Maker',
      kind: 'manufacturer',
    });
    const shop = await services.organisations.registerOrganisation(operator, { name: 'Bench Shop', kind: 'retailer' });
    const key = (await services.organisations.createKey(operator, shop.id, {})).key;
    const doc = JSON.parse(
      (await import('node:fs')).readFileSync(
        new URL('../examples/declarations/good-camera.json', import.meta.url),
        'utf8',
      ),
    ) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    for (let i = 0; i < productCount; i++) {
      doc.product = { ...doc.product, brand: 'Bench', model: `M-${i}`, name: `Bench ${i}`, gtins: [gtin(i)] };
      await services.declarations.submitForModel(operator, doc, { organisationId: maker.id });
    }
    const file = join(dir, 'catalogue.csv');
    const out = createWriteStream(file);
    let text = 'sku,gtin,description\n';
    for (let i = 0; i < rowCount; i++) {
      text += `SKU-${i},${gtin(i % 50 === 0 ? productCount + i : i % productCount)},"Item ${i}"\n`;
      if (text.length > 1 << 20) {
        if (!out.write(text)) await once(out, 'drain');
        text = '';
      }
    }
    out.end(text);
    await once(out, 'finish');

    const app = await buildApp(services, { logger: false, checks: { perMinute: 1000 } });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    const parseOnly = () =>
      time(async () => {
        let n = 0;
        for await (const row of parseCatalogue(createReadStream(file, { highWaterMark: 256 * 1024 }), 'csv'))
          n += row ? 1 : 0;
        return n;
      });
    const overHttp = () =>
      time(async () => {
        const res = await fetch(`${url}/v1/checks?regime=uk-psti-2023&at=2026-11-24`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'text/csv' },
          body: createReadStream(file, { highWaterMark: 256 * 1024 }) as unknown as BodyInit,
          duplex: 'half',
        } as RequestInit);
        let lines = 0;
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>)
          for (const byte of chunk) lines += byte === 10 ? 1 : 0;
        return lines - 1;
      });
    const parses = [await parseOnly(), await parseOnly()];
    const checks = [await overHttp(), await overHttp()];
    await app.close();
    const best = <T extends { seconds: number }>(xs: T[]) => xs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
    const parsed = best(parses);
    const checked = best(checks);
    const ratio = checked.seconds / parsed.seconds;
    return [
      {
        name: `checks: POST /v1/checks, ${rowCount.toLocaleString('en-GB')} CSV rows streamed to the server and back (SQLite, ${productCount} products)`,
        value: Math.round(checked.rows / checked.seconds),
        unit: 'rows/s',
        baseline: {
          name: 'parse the same file alone (catalogue parser)',
          value: Math.round(parsed.rows / parsed.seconds),
          unit: 'rows/s',
        },
        ratio,
        ratioMeaning: 'HTTP check wall time / parse-only wall time (lower is better; no budget for this route)',
        notes: {
          rows: checked.rows,
          httpWallSeconds: Number(checked.seconds.toFixed(2)),
          httpCpuSeconds: Number(checked.cpuSeconds.toFixed(2)),
          parseWallSeconds: Number(parsed.seconds.toFixed(2)),
        },
      },
    ];
  } finally {
    await services.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
