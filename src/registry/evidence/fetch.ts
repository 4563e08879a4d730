// The SSRF guard for URLs that users give the registry (a declaration's securityTxtUrl). fetchLimited checks
// schemes and sizes but not where a name points, so the registry (1) resolves the host before fetching and
// refuses loopback, private, link-local, shared, multicast and reserved addresses, and (2) fetches through
// guardedFetch, whose connections resolve names through the same check, so a redirect to an internal host
// or a name that changes its answer between the two look-ups (DNS rebinding) is refused too.
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP } from 'node:net';
import { Readable } from 'node:stream';
import type { FetchFunction } from '../../net/fetch-limited.js';
import { AddressNotAllowed } from './errors.js';

export interface AddressPolicy {
  /** Permit 127.0.0.0/8 and ::1 (development and tests only; everything else internal stays refused). */
  allowLoopback?: boolean;
}

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

// Not globally reachable (IANA special-purpose registries), apart from loopback, which is above.
const INTERNAL = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
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
  INTERNAL.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const)
  INTERNAL.addSubnet(net, prefix, 'ipv6');

/** Why the registry must not connect to `address` (an IP literal), or null when it may. */
export function addressRefusal(address: string, policy: AddressPolicy = {}): string | null {
  const ip = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(ip);
  if (family === 0) return `${address} is not an IP address`;
  // An IPv4 address written as IPv6 (::ffff:10.0.0.1) is judged as the IPv4 address it is.
  const mapped = family === 6 ? (/^::ffff:(?:0:)?(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1] ?? hexMapped(ip)) : undefined;
  if (mapped !== undefined) return addressRefusal(mapped, policy);
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (LOOPBACK.check(ip, type)) return policy.allowLoopback ? null : `${ip} is a loopback address`;
  if (INTERNAL.check(ip, type)) return `${ip} is a private, link-local or reserved address`;
  return null;
}

/** ::ffff:a00:1 (the same mapped address in hex) as dotted IPv4. */
function hexMapped(ip: string): string | undefined {
  const m = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(ip);
  if (!m) return undefined;
  const hi = parseInt(m[1]!, 16);
  const lo = parseInt(m[2]!, 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

type Resolve = (host: string) => Promise<string[]>;
const systemResolve: Resolve = (host) =>
  new Promise((resolve, reject) =>
    dnsLookup(host, { all: true, verbatim: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses.map((a) => a.address)),
    ),
  );

/** Resolves `host` and throws ADDRESS_NOT_ALLOWED when it is, or any of its addresses is, refused. */
export async function checkHost(
  host: string,
  policy: AddressPolicy = {},
  resolve: Resolve = systemResolve,
): Promise<string[]> {
  const bare = host.replace(/^\[|\]$/g, '');
  if (isIP(bare) !== 0) {
    const why = addressRefusal(bare, policy);
    if (why) throw new AddressNotAllowed(`the registry does not fetch from ${host}: ${why}`);
    return [bare];
  }
  if (/^localhost$|\.localhost$/i.test(bare) && !policy.allowLoopback)
    throw new AddressNotAllowed(`the registry does not fetch from ${host}: a loopback name`);
  let addresses: string[];
  try {
    addresses = await resolve(bare);
  } catch {
    throw new AddressNotAllowed(`the registry could not resolve ${host}`);
  }
  for (const address of addresses) {
    const why = addressRefusal(address, policy);
    if (why) throw new AddressNotAllowed(`the registry does not fetch from ${host}: it resolves to ${why}`);
  }
  if (addresses.length === 0) throw new AddressNotAllowed(`the registry could not resolve ${host}`);
  return addresses;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

export interface GuardedFetch {
  fetch: FetchFunction;
  /** Hosts refused during the fetches so far (a redirect or a re-resolution that pointed inside). */
  refused: string[];
}

/** A FetchFunction (for fetchLimited) over node:http(s) whose every connection passes the address check. */
export function guardedFetch(policy: AddressPolicy = {}): GuardedFetch {
  const refused: string[] = [];
  const lookup = (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const why = addresses.map((a) => addressRefusal(a.address, policy)).find((w) => w !== null);
      if (why || addresses.length === 0) {
        refused.push(hostname);
        return callback(
          new AddressNotAllowed(`${hostname}: ${why ?? 'no address'}`) as unknown as NodeJS.ErrnoException,
          [],
        );
      }
      if (options.all) callback(null, addresses);
      else callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
  const fetch: FetchFunction = (url, init) =>
    new Promise<Response>((resolve, reject) => {
      const target = new URL(url);
      const literal = target.hostname.replace(/^\[|\]$/g, '');
      if (isIP(literal) !== 0) {
        const why = addressRefusal(literal, policy);
        if (why) {
          refused.push(literal);
          return reject(new AddressNotAllowed(`${literal}: ${why}`));
        }
      }
      const client = target.protocol === 'https:' ? https : http;
      const request = client.request(
        target,
        {
          method: 'GET',
          headers: init.headers as Record<string, string>,
          signal: init.signal ?? undefined,
          lookup: lookup as never,
        },
        (res) => {
          const headers = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            if (Array.isArray(value)) for (const v of value) headers.append(name, v);
            else if (value !== undefined) headers.set(name, value);
          }
          const status = res.statusCode ?? 502;
          const body = status === 204 || status === 304 ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>);
          if (body === null) res.resume();
          resolve(new Response(body, { status: status < 200 || status > 599 ? 502 : status, headers }));
        },
      );
      request.on('error', reject);
      request.end();
    });
  return { fetch, refused };
}
