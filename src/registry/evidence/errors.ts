import { IotlabelError } from '../../errors.js';
import type { FieldProblem } from '../errors.js';

/** An evidence document the registry will not keep; details name each field (JSON pointers into the request body). */
export class EvidenceInvalid extends IotlabelError {
  declare readonly details: FieldProblem[];
  constructor(problems: FieldProblem[]) {
    super('EVIDENCE_INVALID', problems.map((p) => `${p.path}: ${p.message}`).join('; '), { details: problems });
  }
}
