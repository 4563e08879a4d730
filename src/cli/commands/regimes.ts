// `iotlabel regimes [--json]`: the rulebooks this build knows.
import { getRegime, listRegimes } from '../../regimes/index.js';
import type { RegisterCommand } from '../command.js';

export const registerRegimes: RegisterCommand = (program, ctx) => {
  program
    .command('regimes')
    .description('list the regimes (rulebooks) a declaration can be assessed against')
    .option('--json', 'print JSON')
    .action((options: { json?: boolean }) => {
      const regimes = listRegimes();
      if (options.json) {
        ctx.io.out(JSON.stringify(regimes, null, 2) + '\n');
        return;
      }
      const width = Math.max(...regimes.map((r) => r.id.length));
      for (const r of regimes) {
        const traits = [r.kind, r.labelling ? 'label' : null, r.salesRestriction ? 'restricts sales' : null]
          .filter(Boolean)
          .join(', ');
        ctx.io.out(
          `${r.id.padEnd(width)}  ${r.title} (${traits})\n${' '.repeat(width + 2)}${getRegime(r.id).summary}\n`,
        );
      }
    });
};
