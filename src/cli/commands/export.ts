// `iotlabel export oscal --regime ID | --catalog ID | --declaration FILE`: OSCAL documents on stdout.
import { exportComponentDefinition } from '../../assessment/index.js';
import { IotlabelError } from '../../errors.js';
import { exportOscalCatalog, exportOscalRegime } from '../../regimes/index.js';
import type { RegisterCommand } from '../command.js';
import { readDeclarationFile } from './declaration-file.js';

export const registerExport: RegisterCommand = (program, ctx) => {
  const exp = program.command('export').description('export data in standard formats');
  exp
    .command('oscal')
    .description('write a regime as an OSCAL profile (or catalog), or a declaration as an OSCAL component-definition')
    .option('--regime <id>', "the regime's profile (a catalog-only id such as uk-cop-2018 gives its catalog)")
    .option('--catalog <id>', "a catalog, or a territory regime's own requirements as a catalog")
    .option('--declaration <file>', 'a declaration file')
    .action(async (options: { regime?: string; catalog?: string; declaration?: string }) => {
      const chosen = [options.regime, options.catalog, options.declaration].filter((x) => x !== undefined);
      if (chosen.length !== 1)
        throw new IotlabelError('USAGE', 'give exactly one of --regime ID, --catalog ID or --declaration FILE');
      let document: unknown;
      if (options.regime !== undefined) document = exportOscalRegime(options.regime);
      else if (options.catalog !== undefined) document = exportOscalCatalog(options.catalog);
      else {
        const read = await readDeclarationFile(options.declaration!);
        if ('problems' in read) {
          for (const line of read.problems) ctx.io.err(`${line}\n`);
          ctx.setExit(2);
          return;
        }
        document = exportComponentDefinition(read.declaration);
      }
      ctx.io.out(JSON.stringify(document, null, 2) + '\n');
    });
};
