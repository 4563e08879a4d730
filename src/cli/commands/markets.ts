// `iotlabel markets FILE [--market UK,EU,...] [--at DATE] [--json]`: the market report for one declaration
// (docs/markets.md). Exit 0 when the product may be sold in every market named on the day, 1 when not in
// one of them, 2 for bad input.
import { isCalendarDate, todayUtc } from '../../calendar.js';
import { marketReport, type HeldLabel, type MarketReport } from '../../assessment/index.js';
import { IotlabelError } from '../../errors.js';
import { getMarket, getRegime, listMarkets } from '../../regimes/index.js';
import type { CliIo } from '../io.js';
import type { RegisterCommand } from '../command.js';
import { collectMarkets } from './assess.js';
import { readDeclarationFile } from './declaration-file.js';

export const registerMarkets: RegisterCommand = (program, ctx) => {
  program
    .command('markets')
    .description('where may this product be sold, which labels may it carry, where do the rules differ')
    .argument('<file>', 'a declaration JSON file')
    .option('--market <codes>', 'markets, e.g. UK,EU,AU (default: every market)', collectMarkets)
    .option('--at <date>', 'the day to answer for, YYYY-MM-DD (default: today)')
    .option(
      '--label <scheme@date>',
      'a label the product holds and the day it was issued, e.g. de-bsi-itsik@2026-03-01 (repeatable): its end of validity is listed',
      collectLabels,
    )
    .option('--json', 'print JSON')
    .action(async (file: string, options: { market?: string[]; at?: string; json?: boolean; label?: HeldLabel[] }) => {
      const markets = (options.market ?? listMarkets().map((m) => m.id)).map((m) => getMarket(m).id);
      const at = options.at ?? todayUtc();
      if (!isCalendarDate(at)) throw new IotlabelError('USAGE', `--at "${at}" is not a calendar date (YYYY-MM-DD)`);
      const read = await readDeclarationFile(file);
      if ('problems' in read) {
        for (const line of read.problems) ctx.io.err(`${line}\n`);
        return ctx.setExit(2);
      }
      const report = marketReport(read.declaration, markets, {
        at,
        ...(options.label ? { labels: options.label } : {}),
      });
      if (options.json) ctx.io.out(JSON.stringify({ file, ...report }, null, 2) + '\n');
      else printReport(ctx.io, file, report);
      ctx.setExit(report.markets.every((m) => m.sellable) ? 0 : 1);
    });
};

/** `--label scheme@YYYY-MM-DD`, repeatable; the scheme must be a known regime. */
function collectLabels(value: string, previous: HeldLabel[] = []): HeldLabel[] {
  const m = /^([a-z0-9.-]+)@(\d{4}-\d{2}-\d{2})$/.exec(value);
  if (!m || !isCalendarDate(m[2]))
    throw new IotlabelError('USAGE', `--label "${value}" is not SCHEME@YYYY-MM-DD (e.g. de-bsi-itsik@2026-03-01)`);
  getRegime(m[1]!);
  return [...previous, { regime: m[1]!, issuedOn: m[2]! }];
}

function printReport(io: CliIo, file: string, r: MarketReport): void {
  io.out(`${file}: markets on ${r.at}\n`);
  for (const m of r.markets) {
    io.out(`\n  ${m.market} ${m.name}: ${m.window}\n`);
    for (const law of m.laws) {
      const by = law.by === m.market ? '' : ` (${law.by} law)`;
      const state = law.outcome === 'out-of-scope' ? 'out of scope' : law.sellable ? 'met' : 'not met';
      io.out(`    law ${law.regime}${by}: ${state}\n`);
      for (const g of law.gaps) io.out(`      gap [${g.requirement}] ${g.title}: ${g.reasons.join(' ')}\n`);
    }
    for (const o of m.obligations) io.out(`    obligation (${o.regime}) ${o.title}. ${o.text}\n`);
    for (const l of m.labels) {
      const level = l.level !== undefined && l.outcome !== 'out-of-scope' ? `, level ${l.level}` : '';
      const state =
        l.outcome === 'pass' ? 'may be earned' : l.outcome === 'out-of-scope' ? 'out of scope' : 'not earned';
      io.out(`    label ${l.regime}: ${state}${level}${l.mark ? ` (${l.mark.verifier}; ${l.mark.validity})` : ''}\n`);
      for (const g of l.gaps) io.out(`      to earn more [${g.requirement}] ${g.title}: ${g.reasons.join(' ')}\n`);
      for (const rec of l.recognitions) io.out(`      recognised (${rec.from}): ${rec.text}\n`);
    }
  }
  if (r.divergences.length > 0) io.out(`\n  Where the rules differ (on ${r.horizon}):\n`);
  for (const d of r.divergences) io.out(`    ${d.topic}: ${d.statement}\n`);
  if (r.upcoming.length > 0) io.out(`\n  Coming dates that change an answer:\n`);
  for (const u of r.upcoming) io.out(`    ${u.date} ${u.market} (${u.kind}): ${u.change}\n`);
  if (r.plan.length > 0) io.out(`\n  Plan (on ${r.horizon}), the change unlocking most markets first:\n`);
  for (const [i, p] of r.plan.entries()) {
    io.out(`    ${i + 1}. ${p.change}: unlocks ${p.unlocks.join(', ')} [${p.requirements.join(', ')}]\n`);
    for (const a of p.actions) io.out(`       - ${a}\n`);
  }
}
