// guardedFetch: a FetchFunction (for fetchLimited) over node:http(s) whose every connection, redirects included,
// passes the address policy, both for IP literals in the URL and for each DNS answer at connect time.
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { Readable } from 'node:stream';
import { addressRefusal, guardedLookup, type AddressPolicy } from './address-policy.js';
import { AddressNotAllowed } from './errors.js';
import type { FetchFunction } from './fetch-limited.js';

export interface GuardedFetch {
  fetch: FetchFunction;
  /** Hosts refused during the fetches so far (a redirect or a re-resolution that pointed inside). */
  refused: string[];
}

export function guardedFetch(policy: AddressPolicy = {}): GuardedFetch {
  const refused: string[] = [];
  const lookup = guardedLookup(policy, (hostname, _address, why) => {
    refused.push(hostname);
    return new AddressNotAllowed(`${hostname}: ${why}`);
  });
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
