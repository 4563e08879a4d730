// `iotlabel assess FILE... [--regime ID]... [--at YYYY-MM-DD] [--json]`. Exit 0 when every assessment
// passes (or is out of scope), 1 when any fails, 2 when any input is bad (each problem on its own line).
import { isCalendarDate, todayUtc } from '../../calendar.js';
import { assessAll, type Assessment, type Declaration } from '../../assessment/index.js';
import { IotlabelError } from '../../errors.js';
import { getRegime, ukRegimeIds } from '../../regimes/index.js';
import type { CliIo } from '../io.js';
import type { RegisterCommand } from '../command.js';
import { readDeclarationFile } from './declaration-file.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export const registerAssess: RegisterCommand = (program, ctx) => {
  program
    .command('assess')
    .description('assess declaration files against regimes (default: every UK regime)')
    .argument('<file...>', 'declaration JSON files')
    .option('--regime <id>', 'a regime to assess against (repeatable)', collect)
    .option('--at <date>', 'the day to assess on, YYYY-MM-DD (default: today)')
    .option('--json', 'print JSON')
    .action(async (files: string[], options: { regime?: string[]; at?: string; json?: boolean }) => {
      const regimes = options.regime ?? ukRegimeIds();
      for (const id of regimes) getRegime(id);
      const at = options.at ?? todayUtc();
      if (!isCalendarDate(at)) {
        throw new IotlabelError('USAGE', `--at "${at}" is not a calendar date (YYYY-MM-DD)`);
      }
      const results: { file: string; declaration: Declaration; assessments: Assessment[] }[] = [];
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
        });
      }
      if (options.json) {
        ctx.io.out(
          JSON.stringify(
            results.map(({ file, assessments }) => ({ file, assessments })),
            null,
            2,
          ) + '\n',
        );
      } else {
        for (const r of results) printHuman(ctx.io, r.file, r.declaration, r.assessments);
      }
      const failed = results.some((r) => r.assessments.some((a) => a.outcome === 'fail'));
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
