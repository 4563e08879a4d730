import { IotlabelError } from '../../errors.js';

/** One thing wrong with a credential batch, located by line (CSV, NDJSON) or JSON path. */
export interface BatchProblem {
  line?: number;
  path?: string;
  message: string;
}

/** The batch cannot be analysed at all (no password column, not a JSON batch, bad column map). */
export class PasswordBatchInvalid extends IotlabelError {
  constructor(message: string, problems: BatchProblem[] = []) {
    super('PASSWORD_BATCH_INVALID', message, { problems });
  }
}

/** A `--corpus` file that is not a list of default credentials in a known format. */
export class PasswordCorpusInvalid extends IotlabelError {
  constructor(message: string) {
    super('PASSWORD_CORPUS_INVALID', message);
  }
}
