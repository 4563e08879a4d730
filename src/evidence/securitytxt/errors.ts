import { IotlabelError } from '../../errors.js';

/** The public key given for signature verification is not an armoured OpenPGP public key. */
export class PublicKeyInvalid extends IotlabelError {
  constructor(message: string, cause?: unknown) {
    super('INPUT_INVALID', message, { cause });
  }
}

/** Options given to the serializer would not produce a valid security.txt. */
export class SecurityTxtOptionsInvalid extends IotlabelError {
  constructor(message: string) {
    super('INPUT_INVALID', message);
  }
}
