// The registry's one public URL. Signed labels carry it (`iss`, status-list URIs, the QR link) and the log's
// origin is named after it, so all of them derive from this one value: the operator's --public-url when given,
// else the address `serve` is bound to. A label signed with an address nobody else can reach is useless, so a
// registry bound to a non-loopback address without an explicit public URL issues no labels (labelsRefused).
import { isIP } from 'node:net';

export interface PublicUrlChoice {
  /** The base URL (no trailing slash) labels, status lists and links are built on. */
  url: string;
  /** True when the operator gave it (--public-url or IOTLABEL_PUBLIC_URL); false when derived from the bind. */
  explicit: boolean;
  /** Why labels must not be issued with this URL, with the fix; undefined when issuing is fine. */
  labelsRefused?: string;
}

const WILDCARDS = new Set(['0.0.0.0', '::', '[::]', '']);

/** True for an address only this machine can reach: localhost, 127.0.0.0/8, ::1. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  return bare === '::1' || bare === '::ffff:127.0.0.1';
}

/**
 * The public URL for a registry listening on `host`:`port`. A loopback bind is reached as localhost (what
 * a browser on the machine types, and the long-standing default http://localhost:8080); another specific
 * address as itself; a wildcard bind (0.0.0.0, ::) has no one address, so it is shown as localhost too.
 */
export function choosePublicUrl(listen: { host: string; port: number }, explicit?: string): PublicUrlChoice {
  if (explicit !== undefined && explicit !== '') return { url: explicit.replace(/\/+$/, ''), explicit: true };
  const { host, port } = listen;
  const loopback = isLoopbackHost(host);
  const shown = loopback || WILDCARDS.has(host) ? 'localhost' : isIP(host) === 6 ? `[${host}]` : host;
  const choice: PublicUrlChoice = { url: `http://${shown}:${port}`, explicit: false };
  if (!loopback)
    choice.labelsRefused =
      `labels are not issued: the registry listens on ${host || 'every address'} but has no public URL, so labels ` +
      `would name ${choice.url}, which others cannot reach; restart with --public-url https://<the address people ` +
      `use> (or set IOTLABEL_PUBLIC_URL)`;
  return choice;
}
