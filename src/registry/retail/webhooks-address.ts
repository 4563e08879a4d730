// Webhook URLs are user input that the registry will call: refuse anything but https to a public address.
// The address is checked when the URL is registered and again on every delivery, inside the connection's own
// DNS lookup, so a name that later resolves to a private address (DNS rebinding) is refused too.
// `allowLoopback` (development and tests only) also admits http:// and https:// to 127.0.0.1 / ::1 / localhost.
import { BlockList, isIP } from 'node:net';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { IotlabelError } from '../../errors.js';

const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  PRIVATE.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv6');
}
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

export class UrlNotAllowed extends IotlabelError {
  constructor(message: string) {
    super('URL_NOT_ALLOWED', message, { details: [{ path: '/url', message }] });
  }
}

/** True when `address` may be called: public, or loopback when allowed. */
export function addressAllowed(address: string, allowLoopback: boolean): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  const mapped = type === 'ipv6' && /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return addressAllowed(mapped[1]!, allowLoopback);
  if (allowLoopback && LOOPBACK.check(address, type)) return true;
  return !PRIVATE.check(address, type);
}

/** Checks the URL's form (no I/O): https (http only to loopback when allowed), no credentials, at most 2,000 characters. */
export function checkWebhookUrl(raw: string, allowLoopback: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UrlNotAllowed(`"${raw.slice(0, 100)}" is not an absolute URL`);
  }
  if (raw.length > 2000) throw new UrlNotAllowed('the URL is longer than 2,000 characters');
  if (url.username || url.password)
    throw new UrlNotAllowed('credentials in the URL are not allowed; use the signing secret');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const loopbackHost =
    host === 'localhost' || (isIP(host) !== 0 && LOOPBACK.check(host, isIP(host) === 4 ? 'ipv4' : 'ipv6'));
  if (url.protocol === 'http:' && !(allowLoopback && loopbackHost))
    throw new UrlNotAllowed('webhook URLs must use https');
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new UrlNotAllowed(`${url.protocol} URLs are not allowed; use https`);
  if (isIP(host) !== 0 && !addressAllowed(host, allowLoopback))
    throw new UrlNotAllowed(`${host} is a private, loopback or reserved address`);
  return url;
}

/** A DNS lookup for http(s).request that refuses names resolving to any address that is not allowed. */
export function guardedLookup(allowLoopback: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const refused = addresses.find((a) => !addressAllowed(a.address, allowLoopback));
      if (refused || addresses.length === 0)
        return callback(
          new UrlNotAllowed(`${hostname} resolves to ${refused?.address ?? 'nothing'}, which is not a public address`),
          '',
          0,
        );
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      return callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

/** Resolves the URL's host now and refuses it unless every address is allowed (at registration). */
export async function resolveWebhookUrl(url: URL, allowLoopback: boolean): Promise<void> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) !== 0) return;
  await new Promise<void>((resolve, reject) => {
    guardedLookup(allowLoopback)(host, { all: true }, (error) => {
      if (error instanceof UrlNotAllowed) reject(error);
      else if (error)
        reject(
          new UrlNotAllowed(`${host} cannot be resolved (${(error as NodeJS.ErrnoException).code ?? error.message})`),
        );
      else resolve();
    });
  });
}
