import { IotlabelError } from '../errors.js';

/** One problem with a field of the input: a JSON pointer into the request (or the declaration) and what is wrong. */
export interface FieldProblem {
  path: string;
  message: string;
}

export class NotFound extends IotlabelError {
  constructor(message: string) {
    super('NOT_FOUND', message);
  }
}

export class Forbidden extends IotlabelError {
  constructor(message: string) {
    super('FORBIDDEN', message);
  }
}

export class Unauthenticated extends IotlabelError {
  constructor(message: string) {
    super('UNAUTHENTICATED', message);
  }
}

export class Conflict extends IotlabelError {
  constructor(message: string) {
    super('CONFLICT', message);
  }
}

/** Fields of the input that are wrong; GTIN_INVALID when every problem is a malformed GTIN. */
export class InputInvalid extends IotlabelError {
  declare readonly problems: readonly FieldProblem[];
  constructor(problems: FieldProblem[], code: 'INPUT_INVALID' | 'GTIN_INVALID' = 'INPUT_INVALID') {
    super(code, problems.map((p) => `${p.path}: ${p.message}`).join('; '), { problems });
  }
}

export class GtinTaken extends IotlabelError {
  constructor(gtin: string, path: string) {
    super('GTIN_TAKEN', `${path}: GTIN ${gtin} is already registered to another product`, {
      problems: [{ path, message: `GTIN ${gtin} is already registered` }],
    });
  }
}

export class ProductWithdrawn extends IotlabelError {
  constructor(productId: string, at: string) {
    super(
      'PRODUCT_WITHDRAWN',
      `product ${productId} was withdrawn on ${at.slice(0, 10)} and takes no new declarations`,
    );
  }
}

/** A new declaration whose support period ends earlier than the one already declared: a breach, refused. */
export class SupportPeriodShortened extends IotlabelError {
  constructor(previous: string, next: string | null, version: number) {
    const now = next === null ? 'declares no support end date' : `ends it on ${next}`;
    super(
      'SUPPORT_PERIOD_SHORTENED',
      `the support period may be extended, never shortened: version ${version} promises security updates until ${previous}, the new declaration ${now}`,
      { problems: [{ path: '/supportPeriod/endDate', message: `must be ${previous} or later` }] },
    );
  }
}

/** The stored facts of a product disagree with its log entries: its answer is not served as fact. */
export class StateDisagreesWithLog extends IotlabelError {
  /** `subject` names what is refused when it is more than one product's answer (a status list). */
  constructor(
    productId: string,
    problems: readonly { message: string; index: number | null }[],
    subject = `product ${productId}`,
  ) {
    super(
      'LOG_STATE_MISMATCH',
      `the registry's stored facts for ${subject} disagree with its transparency log, so they are not served: ${problems.map((p) => p.message).join('; ')}`,
      {
        problems: problems.map((p) => ({
          message: p.message,
          ...(p.index === null ? {} : { path: `/log/entries/${p.index}` }),
        })),
      },
    );
  }
}
