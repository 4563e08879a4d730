// Errors of the label toolkit. Each verification step fails with its own code so that a till, a page or
// the CLI can say exactly which check failed. This file imports nothing from Node: the browser verifier
// uses it too.
import { IotlabelError, type Problem } from '../errors.js';

/** The token is not a compact JWS we understand (segments, base64url, JSON, header). */
export class TokenMalformed extends IotlabelError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('TOKEN_MALFORMED', message, options);
  }
}

/** The token names a key id the verifier's key set does not hold. */
export class TokenKeyUnknown extends IotlabelError {
  constructor(message: string) {
    super('TOKEN_KEY_UNKNOWN', message);
  }
}

/** The token claims to have been issued after its key was retired. */
export class TokenKeyExpired extends IotlabelError {
  constructor(message: string) {
    super('TOKEN_KEY_EXPIRED', message);
  }
}

/** The Ed25519 signature does not verify over the token's header and payload. */
export class TokenSignatureInvalid extends IotlabelError {
  constructor(message: string) {
    super('TOKEN_SIGNATURE_INVALID', message);
  }
}

/** The signed claims are missing, of the wrong type, or disagree with what the verifier expected. */
export class TokenClaimsInvalid extends IotlabelError {
  constructor(message: string) {
    super('TOKEN_CLAIMS_INVALID', message);
  }
}

export class LabelRevoked extends IotlabelError {
  constructor(message: string) {
    super('LABEL_REVOKED', message);
  }
}

export class LabelSuspended extends IotlabelError {
  constructor(message: string) {
    super('LABEL_SUSPENDED', message);
  }
}

/** A status list that does not decode, verify, match the label's list, or cover the label's index. */
export class StatusListInvalid extends IotlabelError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('STATUS_LIST_INVALID', message, options);
  }
}

/** The label verifies with keys the verifier has not said it trusts, or names another registry than the trusted one. */
export class IssuerNotTrusted extends IotlabelError {
  constructor(message: string) {
    super('ISSUER_NOT_TRUSTED', message);
  }
}

/** The label names a status list the verifier did not get (not fetchable, or on another host than the issuer). */
export class RevocationNotChecked extends IotlabelError {
  constructor(message: string) {
    super('REVOCATION_NOT_CHECKED', message);
  }
}

/** A scanned link that is not a label link: no /01/<GTIN-14> with a valid check digit, or no token. */
export class LabelLinkInvalid extends IotlabelError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('LABEL_LINK_INVALID', message, options);
  }
}

/** A JWK or JWKS that is not an Ed25519 key (set) in the shape this project publishes. */
export class KeyInvalid extends IotlabelError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('KEY_INVALID', message, options);
  }
}

/** Label facts given to the signer or the renderer that cannot be put on a label. */
export class LabelInputInvalid extends IotlabelError {
  constructor(message: string) {
    super('INPUT_INVALID', message);
  }
}

/** The statement of compliance lacks Schedule 4 items; `problems` lists them (item, path, message). */
export class StatementIncomplete extends IotlabelError {
  constructor(message: string, problems: readonly Problem[]) {
    super('STATEMENT_INCOMPLETE', message, { problems });
  }
}
