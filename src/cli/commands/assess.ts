// `iotlabel assess FILE... [--regime ID]... [--market UK,EU,...] [--at YYYY-MM-DD] [--json]`. Exit 0 when
// every assessment passes (or is out of scope) and the product may be sold in every market named, 1 when
// any fails, 2 when any input is bad (each problem on its own line).
import { isCalendarDate, todayUtc } from '../../calendar.js';
import {
  assessAll,
  assessMarkets,
  type Assessment,
  type Declaration,
  type MarketVerdict,
} from '../../assessment/index.js';
import { IotlabelError } from '../../errors.js';
import { getMarket, getRegime, ukRegimeIds } from '../../regimes/index.js';
import type { CliIo } from '../io.js';
import type { RegisterCommand } from '../command.js';
import { readDeclarationFile } from './declaration-file.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
/** `--market UK,EU --market AU`: comma-separated and repeatable. */
export const collectMarkets = (value: string, previous: string[] = []): string[] => [
  ...previous,
  ...value
    .split(',')
    .map((m) => m.trim())
    .filter((m) => m !== ''),
];

export const registerAssess: RegisterCommand = (program, ctx) => {
  program
    .command('assess')
    .description('assess declaration files against regimes (default: every UK regime)')
    .argument('<file...>', 'declaration JSON files')
    .option('--regime <id>', 'a regime to assess against (repeatable)', collect)
    .option('--market <codes>', 'markets to answer for, e.g. UK,EU,AU: the laws binding a sale there', collectMarkets)
    .option('--at <date>', 'the day to assess on, YYYY-MM-DD (default: today)')
    .option('--json', 'print JSON')
    .action(async (files: string[], options: { regime?: string[]; market?: string[]; at?: string; json?: boolean }) => {
      const markets = (options.market ?? []).map((m) => getMarket(m).id);
      // With markets named, regimes are assessed only when asked for; without, every UK regime as before.
      const regimes = options.regime ?? (markets.length > 0 ? [] : ukRegimeIds());
      for (const id of regimes) getRegime(id);
      const at = options.at ?? todayUtc();
      if (!isCalendarDate(at)) {
        throw new IotlabelError('USAGE', `--at "${at}" is not a calendar date (YYYY-MM-DD)`);
      }
      const results: {
        file: string;
        declaration: Declaration;
        assessments: Assessment[];
        markets: MarketVerdict[];
      }[] = [];
      let bad = false;
      for (const file of files) {
        const read = await readDeclarationFile(file);
        if ('problems' in read) {
          bad = true;
          for (const line of read.problems) ctx.io.err(`${line}\n`);
          continue;
        }
        results.push({
          file,
          declaration: read.declaration,
          assessments: assessAll(read.declaration, { regimes, at }),
          markets: assessMarkets(read.declaration, markets, { at }),
        });
      }
      if (options.json) {
        ctx.io.out(
          JSON.stringify(
            results.map(({ file, assessments, markets: verdicts }) => ({
              file,
              assessments,
              ...(markets.length > 0 ? { markets: verdicts } : {}),
            })),
            null,
            2,
          ) + '\n',
        );
      } else {
        for (const r of results) {
          if (r.assessments.length > 0 || r.markets.length === 0)
            printHuman(ctx.io, r.file, r.declaration, r.assessments);
          if (r.markets.length > 0) printMarkets(ctx.io, r.file, r.declaration, r.markets);
        }
      }
      const failed = results.some(
        (r) => r.assessments.some((a) => a.outcome === 'fail') || r.markets.some((m) => !m.sellable),
      );
      ctx.setExit(bad ? 2 : failed ? 1 : 0);
    });
};

function printHuman(io: CliIo, file: string, d: Declaration, assessments: Assessment[]): void {
  const at = assessments[0]?.at ?? '';
  io.out(`${file}: ${d.product.brand} ${d.product.model} (${d.product.category}), assessed on ${at}\n`);
  const width = Math.max(...assessments.map((a) => a.regime.length));
  for (const a of assessments) {
    const mark = a.outcome === 'pass' ? 'PASS' : a.outcome === 'fail' ? 'FAIL' : 'OUT ';
    const parts = [a.outcome === 'out-of-scope' ? 'out of scope' : a.sellable ? 'may be sold' : 'may not be sold'];
    if (a.label)
      parts.push(
        `label: shield ${a.label.shield === 'tick' ? 'with a tick' : 'with a cross'}, security updates until ${a.label.supportEndDate}`,
      );
    else if (getRegime(a.regime).label && a.outcome !== 'out-of-scope') parts.push('no label');
    if (a.level !== undefined && a.outcome !== 'out-of-scope') parts.push(`level ${a.level}`);
    if (a.mark) parts.push(`earns: ${a.mark.gives.replace(/\.$/, '')}`);
    if (a.version) parts.push(`rules: ${a.version.id} (from ${a.version.from})`);
    io.out(`  ${mark}  ${a.regime.padEnd(width)}  ${parts.join('; ')}\n`);
    if (a.conformity) io.out(`        conformity: ${a.conformity.reason} Routes: ${a.conformity.routes.join('; ')}.\n`);
    for (const o of a.obligations ?? []) io.out(`        obligation: ${o.title}. ${o.text}\n`);
    for (const r of a.requirements) {
      if (a.outcome === 'out-of-scope') {
        for (const reason of r.reasons) io.out(`        ${reason}\n`);
        continue;
      }
      if (r.status === 'met' || r.status === 'not-applicable') continue;
      io.out(`        x ${r.title} [${r.id}]: ${r.status}\n`);
      for (const reason of r.reasons) io.out(`          - ${reason}\n`);
    }
  }
  const findings = assessments[0]?.findings ?? [];
  if (findings.length > 0) {
    io.out('  The declaration contradicts itself:\n');
    for (const f of findings) io.out(`    ! ${f.message} (${f.paths.join(', ')})\n`);
  }
  io.out('\n');
}

function printMarkets(io: CliIo, file: string, d: Declaration, markets: MarketVerdict[]): void {
  io.out(
    `${file}: ${d.product.brand} ${d.product.model} (${d.product.category}), markets on ${markets[0]?.at ?? ''}\n`,
  );
  for (const m of markets) {
    io.out(`  ${m.sellable ? 'SELL' : 'STOP'}  ${m.market.padEnd(3)} ${m.summary}\n`);
    for (const law of m.laws) {
      const state = law.outcome === 'out-of-scope' ? 'out of scope' : law.sellable ? 'met' : 'not met';
      const by = law.by === m.market ? '' : ` (${law.by} law)`;
      io.out(`        law ${law.regime}${by}, binding from ${law.from}: ${state}\n`);
      for (const g of law.gaps) io.out(`          x ${g.title} [${g.requirement}]: ${g.reasons.join(' ')}\n`);
    }
    for (const label of m.labels) {
      const level = label.level !== undefined && label.outcome !== 'out-of-scope' ? `, level ${label.level}` : '';
      const state =
        label.outcome === 'pass' ? 'may be earned' : label.outcome === 'out-of-scope' ? 'out of scope' : 'not earned';
      io.out(`        label ${label.regime}: ${state}${level}\n`);
      for (const r of label.recognitions) io.out(`          recognised: ${r.text}\n`);
    }
  }
  io.out('\n');
}
