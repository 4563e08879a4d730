// `iotlabel schema declaration`: prints the published JSON Schema.
import { declarationJsonSchema } from '../../assessment/index.js';
import { IotlabelError } from '../../errors.js';
import type { RegisterCommand } from '../command.js';

const SCHEMAS: Record<string, unknown> = { declaration: declarationJsonSchema };

export const registerSchema: RegisterCommand = (program, ctx) => {
  program
    .command('schema')
    .description('print a published JSON Schema (declaration)')
    .argument('<name>', `one of: ${Object.keys(SCHEMAS).join(', ')}`)
    .action((name: string) => {
      const schema = SCHEMAS[name];
      if (!schema)
        throw new IotlabelError('USAGE', `unknown schema "${name}"; known: ${Object.keys(SCHEMAS).join(', ')}`);
      ctx.io.out(JSON.stringify(schema, null, 2) + '\n');
    });
};
