// `npm run bench [-- NAME...] [--quick]`: runs bench/*.bench.ts (or those whose file name contains a NAME),
// prints each figure and writes them all to bench/results/<date>-<host>.json.
import { readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { hostname, cpus, totalmem } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { BenchFigure, BenchModule } from './harness.js';

const dir = fileURLToPath(new URL('.', import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const names = args.filter((a) => !a.startsWith('--'));
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => names.length === 0 || names.some((n) => f.includes(n)))
  .sort();

const figures: BenchFigure[] = [];
for (const file of files) {
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as BenchModule;
  console.log(`\n# ${file}`);
  for (const figure of await mod.run({ quick })) {
    figures.push(figure);
    const base = figure.baseline
      ? `  (baseline ${figure.baseline.name}: ${fmt(figure.baseline.value)} ${figure.baseline.unit})`
      : '';
    const ratio =
      figure.ratio === undefined
        ? ''
        : `  ratio ${figure.ratio.toFixed(2)}${figure.target ? ` target ${figure.target} ${figure.met ? 'MET' : 'NOT MET'}` : ''}`;
    console.log(`${figure.name}: ${fmt(figure.value)} ${figure.unit}${base}${ratio}`);
    if (figure.notes)
      console.log(
        `  ${Object.entries(figure.notes)
          .map(([k, v]) => `${k}=${v}`)
          .join(' ')}`,
      );
  }
}

const machine = {
  host: hostname(),
  cpus: cpus().length,
  cpu: cpus()[0]?.model ?? 'unknown',
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
};
const date = new Date().toISOString();
mkdirSync(join(dir, 'results'), { recursive: true });
// The areas run are part of the name: two benchmarks started in the same second must not overwrite each other.
const areas = names.length === 0 ? 'all' : names.join('+');
const out = join(dir, 'results', `${date.slice(0, 19).replace(/[:T]/g, '-')}-${machine.host}-${areas}.json`);
writeFileSync(out, JSON.stringify({ date, machine, quick, figures }, null, 2) + '\n');
console.log(`\nwrote ${out}`);

function fmt(n: number): string {
  return n >= 100 ? Math.round(n).toLocaleString('en-GB') : n.toFixed(3);
}
