import { IotlabelError } from '../errors.js';

/** One thing wrong with a declaration: where (a JSON pointer, "" for the whole document) and what was expected. */
export interface DeclarationProblem {
  path: string;
  message: string;
}

/** A declaration that does not follow iotlabel.declaration/v1. `problems` lists every problem found. */
export class DeclarationInvalid extends IotlabelError {
  declare readonly problems: readonly DeclarationProblem[];

  constructor(problems: DeclarationProblem[]) {
    const first = problems[0];
    const head = first ? `${first.path || '/'}: ${first.message}` : 'declaration is not valid';
    const more =
      problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
    super('DECLARATION_INVALID', `declaration is not valid: ${head}${more}`, { problems });
  }
}

/** A what-if scenario that cannot be asked (e.g. a minimum support period outside 1 to 20 years). */
export class ScenarioInvalid extends IotlabelError {
  constructor(path: string, message: string) {
    super('INPUT_INVALID', `scenario: ${message}`, { problems: [{ path, message }] });
  }
}
