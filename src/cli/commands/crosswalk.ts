// `iotlabel crosswalk [--format csv|json|oscal]`: every ETSI EN 303 645 provision (both versions) against every
// regime's requirements, with the basis of each mapping (docs/markets.md "The crosswalk").
import { csvText } from '../../catalogue/csv-writer.js';
import { IotlabelError } from '../../errors.js';
import { CROSSWALK_CATALOGS, crosswalkRows, exportOscalCrosswalk } from '../../regimes/index.js';
import type { RegisterCommand } from '../command.js';

export const CROSSWALK_COLUMNS = ['catalog', 'provision', 'status', 'regime', 'requirements', 'basis', 'source'];

export const registerCrosswalk: RegisterCommand = (program, ctx) => {
  program
    .command('crosswalk')
    .description('every EN 303 645 provision against every regime, with the basis of each mapping')
    .option('--format <format>', 'csv, json or oscal (an OSCAL profile over one EN 303 645 version)', 'csv')
    .option(
      '--catalog <id>',
      `with --format oscal: the EN 303 645 version (${CROSSWALK_CATALOGS.join(' or ')})`,
      CROSSWALK_CATALOGS[0],
    )
    .action((options: { format: string; catalog: string }) => {
      const rows = crosswalkRows();
      if (options.format === 'oscal') {
        if (!CROSSWALK_CATALOGS.includes(options.catalog as (typeof CROSSWALK_CATALOGS)[number]))
          throw new IotlabelError(
            'USAGE',
            `--catalog "${options.catalog}" is not one of ${CROSSWALK_CATALOGS.join(', ')}`,
          );
        ctx.io.out(JSON.stringify(exportOscalCrosswalk(options.catalog), null, 2) + '\n');
      } else if (options.format === 'json') ctx.io.out(JSON.stringify(rows, null, 2) + '\n');
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
      else throw new IotlabelError('USAGE', `--format "${options.format}" is not csv, json or oscal`);
      ctx.setExit(0);
    });
};
