// The one address policy for every connection the server opens to a URL a user gave it (evidence fetches,
// webhook deliveries): which IP addresses are refused, names resolved and judged before connecting, and a DNS
// lookup for node:http(s) that judges each answer again, so a redirect or a name that changes its answer
// between two look-ups (DNS rebinding) cannot reach an internal host. IPv6 forms that carry an IPv4 address
// are judged by what they reach, in every spelling (dotted or hex, bracketed or not, with a zone).
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { AddressNotAllowed } from './errors.js';

export interface AddressPolicy {
  /** Permit 127.0.0.0/8 and ::1 (development and tests only; everything else internal stays refused). */
  allowLoopback?: boolean;
}

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

// Not globally reachable (IANA IPv4 and IPv6 special-purpose registries), apart from loopback, which is above.
const INTERNAL = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this network", unspecified
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // CGNAT shared space
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const)
  INTERNAL.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 96], // unspecified and the deprecated IPv4-compatible ::a.b.c.d
  ['64:ff9b::', 96], // NAT64: the gateway decides where it goes
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard
  ['2001::', 23], // IETF protocol assignments, Teredo 2001::/32 among them
  ['2001:db8::', 32],
  ['2002::', 16], // 6to4
  ['3fff::', 20], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const)
  INTERNAL.addSubnet(net, prefix, 'ipv6');

/** The address without URL brackets or an IPv6 zone (`[fe80::1%eth0]` -> `fe80::1`). */
function bare(address: string): string {
  return address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
}

/** The eight 16-bit groups of a valid IPv6 address (a trailing dotted IPv4 part counts as two groups). */
function ipv6Groups(ip: string): number[] {
  let text = ip.toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? (text.split('::') as [string, string]) : [text, undefined];
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const front = parse(head);
  const back = tail === undefined ? [] : parse(tail);
  return [...front, ...Array<number>(8 - front.length - back.length).fill(0), ...back];
}

/** The IPv4 address an IPv4-mapped (::ffff:a.b.c.d) or IPv4-translated (::ffff:0:a.b.c.d) address stands for. */
function embeddedIpv4(groups: number[]): string | undefined {
  const zeros = (n: number) => groups.slice(0, n).every((g) => g === 0);
  const mapped = zeros(5) && groups[5] === 0xffff;
  const translated = zeros(4) && groups[4] === 0xffff && groups[5] === 0;
  if (!mapped && !translated) return undefined;
  const [hi, lo] = [groups[6]!, groups[7]!];
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** Why the server must not connect to `address` (an IP literal, brackets allowed), or null when it may. */
export function addressRefusal(address: string, policy: AddressPolicy = {}): string | null {
  const ip = bare(address);
  const family = isIP(ip);
  if (family === 0) return `${address} is not an IP address`;
  if (family === 6) {
    const v4 = embeddedIpv4(ipv6Groups(ip));
    // An IPv4 address written as IPv6 reaches that IPv4 address, so it is judged as that address.
    if (v4 !== undefined) return addressRefusal(v4, policy);
  }
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (LOOPBACK.check(ip, type)) return policy.allowLoopback ? null : `${ip} is a loopback address`;
  if (INTERNAL.check(ip, type)) return `${ip} is a private, link-local or reserved address`;
  return null;
}

/** True when the server may connect to `address`: public, or loopback when the policy allows it. */
export function addressAllowed(address: string, policy: AddressPolicy = {}): boolean {
  return addressRefusal(address, policy) === null;
}

/** True for 127.0.0.0/8, ::1, their IPv6-embedded forms, and the names localhost and *.localhost. */
export function isLoopbackHost(host: string): boolean {
  const ip = bare(host);
  if (isIP(ip) === 0) return /^localhost$|\.localhost$/i.test(ip);
  return addressRefusal(ip) !== null && addressRefusal(ip, { allowLoopback: true }) === null;
}

export type Resolve = (host: string) => Promise<string[]>;

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
  const name = bare(host);
  if (isIP(name) !== 0) {
    const why = addressRefusal(name, policy);
    if (why) throw new AddressNotAllowed(`the registry does not fetch from ${host}: ${why}`);
    return [name];
  }
  if (isLoopbackHost(name) && !policy.allowLoopback)
    throw new AddressNotAllowed(`the registry does not fetch from ${host}: a loopback name`);
  let addresses: string[];
  try {
    addresses = await resolve(name);
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
export type GuardedLookup = (hostname: string, options: LookupOptions, callback: LookupCallback) => void;

/**
 * A DNS lookup for http(s).request that fails the connection when a name resolves to nothing or to any
 * refused address; `refuse` builds the error the caller reports (it is given the refused address, if any).
 */
export function guardedLookup(
  policy: AddressPolicy,
  refuse: (hostname: string, address: string | undefined, why: string) => Error,
): GuardedLookup {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const refused = addresses
        .map((a) => ({ address: a.address, why: addressRefusal(a.address, policy) }))
        .find((r) => r.why !== null);
      if (refused || addresses.length === 0)
        return callback(refuse(hostname, refused?.address, refused?.why ?? 'no address') as NodeJS.ErrnoException, []);
      if (options.all) callback(null, addresses);
      else callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}
