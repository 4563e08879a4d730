import { IotlabelError } from '../../errors.js';
import type { FieldProblem } from '../errors.js';

/** An evidence document the registry will not keep; problems name each field (JSON pointers into the request body). */
export class EvidenceInvalid extends IotlabelError {
  declare readonly problems: readonly FieldProblem[];
  constructor(problems: FieldProblem[]) {
    super('EVIDENCE_INVALID', problems.map((p) => `${p.path}: ${p.message}`).join('; '), { problems });
  }
}
