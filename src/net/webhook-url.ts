// Webhook URLs are user input that the registry will call: refuse anything but https to a public address.
// The address is checked when the URL is registered and again on every delivery, inside the connection's own
// DNS lookup (webhookLookup), so a name that later resolves to a private address (DNS rebinding) is refused too.
// `allowLoopback` (development and tests only) also admits http:// and https:// to 127.0.0.1 / ::1 / localhost.
import { isIP, type LookupFunction } from 'node:net';
import { addressRefusal, guardedLookup, isLoopbackHost } from './address-policy.js';
import { UrlNotAllowed } from './errors.js';

function notAllowed(message: string): UrlNotAllowed {
  return new UrlNotAllowed(message, [{ path: '/url', message }]);
}

/** Checks the URL's form (no I/O): https (http only to loopback when allowed), no credentials, at most 2,000 characters. */
export function checkWebhookUrl(raw: string, allowLoopback: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw notAllowed(`"${raw.slice(0, 100)}" is not an absolute URL`);
  }
  if (raw.length > 2000) throw notAllowed('the URL is longer than 2,000 characters');
  if (url.username || url.password) throw notAllowed('credentials in the URL are not allowed; use the signing secret');
  if (url.protocol === 'http:' && !(allowLoopback && isLoopbackHost(url.hostname)))
    throw notAllowed('webhook URLs must use https');
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw notAllowed(`${url.protocol} URLs are not allowed; use https`);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) !== 0 && addressRefusal(host, { allowLoopback }) !== null)
    throw notAllowed(`${host} is a private, loopback or reserved address`);
  return url;
}

/** A DNS lookup for http(s).request that refuses names resolving to any address the policy refuses. */
export function webhookLookup(allowLoopback: boolean): LookupFunction {
  return guardedLookup({ allowLoopback }, (hostname, address) =>
    notAllowed(`${hostname} resolves to ${address ?? 'nothing'}, which is not a public address`),
  ) as unknown as LookupFunction;
}

/** Resolves the URL's host now and refuses it unless every address is allowed (at registration). */
export async function resolveWebhookUrl(url: URL, allowLoopback: boolean): Promise<void> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) !== 0) return;
  await new Promise<void>((resolve, reject) => {
    webhookLookup(allowLoopback)(host, { all: true }, (error) => {
      if (error instanceof UrlNotAllowed) reject(error);
      else if (error)
        reject(notAllowed(`${host} cannot be resolved (${(error as NodeJS.ErrnoException).code ?? error.message})`));
      else resolve();
    });
  });
}
