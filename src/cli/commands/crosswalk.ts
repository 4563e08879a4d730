// `iotlabel crosswalk [--format csv|json]`: every ETSI EN 303 645 provision (both versions) against every
// regime's requirements, with the basis of each mapping (docs/markets.md "The crosswalk").
import { csvText } from '../../catalogue/csv-writer.js';
import { IotlabelError } from '../../errors.js';
import { crosswalkRows } from '../../regimes/index.js';
import type { RegisterCommand } from '../command.js';

export const CROSSWALK_COLUMNS = ['catalog', 'provision', 'status', 'regime', 'requirements', 'basis', 'source'];

export const registerCrosswalk: RegisterCommand = (program, ctx) => {
  program
    .command('crosswalk')
    .description('every EN 303 645 provision against every regime, with the basis of each mapping')
    .option('--format <format>', 'csv or json', 'csv')
    .action((options: { format: string }) => {
      const rows = crosswalkRows();
      if (options.format === 'json') ctx.io.out(JSON.stringify(rows, null, 2) + '\n');
      else if (options.format === 'csv')
        ctx.io.out(
          csvText([
            CROSSWALK_COLUMNS,
            ...rows.map((r) => [
              r.catalog,
              r.provision,
              r.status,
              r.regime,
              r.requirements.join(' '),
              r.basis ?? '',
              r.source ?? '',
            ]),
          ]),
        );
      else throw new IotlabelError('USAGE', `--format "${options.format}" is not csv or json`);
      ctx.setExit(0);
    });
};
