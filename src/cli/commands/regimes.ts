// `iotlabel regimes [--json]`: the rulebooks this build knows, with the market each belongs to, whether it
// is a law or voluntary, and its dates.
import { getRegime, listRulebooks } from '../../regimes/index.js';
import type { RegisterCommand } from '../command.js';

export const registerRegimes: RegisterCommand = (program, ctx) => {
  program
    .command('regimes')
    .description('list the regimes (rulebooks) a declaration can be assessed against')
    .option('--json', 'print JSON')
    .action((options: { json?: boolean }) => {
      const regimes = listRulebooks();
      if (options.json) {
        ctx.io.out(JSON.stringify(regimes, null, 2) + '\n');
        return;
      }
      const width = Math.max(...regimes.map((r) => r.id.length));
      for (const r of regimes) {
        const traits = [r.kind, r.labelling ? 'label' : null, r.salesRestriction ? 'restricts sales' : null]
          .filter(Boolean)
          .join(', ');
        const dates = [
          r.effectiveFrom ? `from ${r.effectiveFrom}` : null,
          r.until ? `until ${r.until}` : null,
          r.versions.length > 1 ? `versions ${r.versions.map((v) => `${v.id} (${v.from})`).join(', ')}` : null,
        ]
          .filter(Boolean)
          .join('; ');
        const facts = `${r.territory ?? 'international'}, ${r.nature}${dates ? `, ${dates}` : ''}`;
        const summary = r.catalogOnly
          ? 'A catalog of provisions: export it with `iotlabel export oscal`.'
          : getRegime(r.id).summary;
        ctx.io.out(
          `${r.id.padEnd(width)}  ${r.title} (${traits})\n${' '.repeat(width + 2)}${facts}\n${' '.repeat(width + 2)}${summary}\n`,
        );
      }
    });
};
