// What every page route receives: the services, the view environment and the web options. Routes call
// services and render; they never touch the store.
import type { Services } from '../registry/index.js';
import type { ViewEnvironment } from './nunjucks-setup.js';

export interface WebOptions {
  /** Mark cookies Secure (default true; browsers accept Secure cookies from http://localhost too). */
  secureCookies?: boolean;
  /** Sign-in attempts per address per minute (default 10). */
  signInPerMinute?: number;
  /** Largest form body, in bytes (default 512 KiB). */
  formBodyLimit?: number;
  /** How to report a security problem in the registry itself (mailto: or https:), for /security and security.txt. */
  securityContact?: string;
}

export interface WebContext {
  services: Services;
  env: ViewEnvironment;
  options: Required<WebOptions>;
  /** Today as YYYY-MM-DD, from the services' clock. */
  today(): string;
  /**
   * The site's security headers (helmet's, for a plain request), worked out once: kept pages send these
   * instead of running helmet on each request (see keptPageRoute). Absent: helmet runs as on any page.
   */
  securityHeaders?: (() => Record<string, string> | Promise<Record<string, string>>) | undefined;
}

export function resolveWebOptions(options: WebOptions = {}): Required<WebOptions> {
  return {
    secureCookies: options.secureCookies ?? true,
    signInPerMinute: options.signInPerMinute ?? 10,
    formBodyLimit: options.formBodyLimit ?? 512 * 1024,
    securityContact: options.securityContact ?? '',
  };
}
