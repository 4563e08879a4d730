import { IotlabelError } from '../errors.js';

/** A GTIN that is not 8, 12, 13 or 14 digits, or whose GS1 check digit is wrong. */
export class GtinInvalid extends IotlabelError {
  constructor(message: string) {
    super('GTIN_INVALID', message);
  }
}
