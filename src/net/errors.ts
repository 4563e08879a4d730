import { IotlabelError } from '../errors.js';

/** The request could not be made or completed (DNS, connection refused, reset). */
export class NetworkFailed extends IotlabelError {
  constructor(message: string, cause?: unknown) {
    super('NETWORK_FAILED', message, { cause });
  }
}

/** The whole exchange (redirects and body included) took longer than the timeout. */
export class NetworkTimeout extends IotlabelError {
  constructor(message: string) {
    super('NETWORK_TIMEOUT', message);
  }
}

/** The body (announced or received) exceeds the byte limit; reading stopped at the limit. */
export class ResponseTooLarge extends IotlabelError {
  constructor(message: string) {
    super('RESPONSE_TOO_LARGE', message);
  }
}

export class TooManyRedirects extends IotlabelError {
  constructor(message: string) {
    super('TOO_MANY_REDIRECTS', message);
  }
}

export class TlsCertificateInvalid extends IotlabelError {
  constructor(message: string, cause?: unknown) {
    super('TLS_CERTIFICATE_INVALID', message, { cause });
  }
}

/** Not an http(s) URL, plain http where https is required, a URL carrying credentials, or an internal address. */
export class UrlNotAllowed extends IotlabelError {
  constructor(message: string, problems?: readonly { path: string; message: string }[]) {
    super('URL_NOT_ALLOWED', message, problems === undefined ? undefined : { problems });
  }
}

/** The address policy refused a host: it is, or resolves to, an address the server must not connect to. */
export class AddressNotAllowed extends IotlabelError {
  constructor(message: string) {
    super('ADDRESS_NOT_ALLOWED', message);
  }
}
