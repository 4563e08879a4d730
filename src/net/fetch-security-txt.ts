// fetchSecurityTxt: retrieves a site's security.txt the way RFC 9116 §3 (and internet.nl) expect, then validates it.
// Tries https /.well-known/security.txt, then the legacy https /security.txt, then the same over plain http
// only to diagnose (reported as invalid_uri_scheme); the first 200 answer whose redirects end at the same path wins.
import { parseSecurityTxt, unreadSecurityTxt } from '../evidence/securitytxt/parse.js';
import type { RetrievalFinding, SecurityTxtResult } from '../evidence/securitytxt/types.js';
import { isIotlabelError } from '../errors.js';
import { UrlNotAllowed } from './errors.js';
import { fetchLimited, type FetchFunction } from './fetch-limited.js';

export interface FetchSecurityTxtOptions {
  now: Date;
  fetch?: FetchFunction;
  /** Per request (default 5000 ms). */
  timeoutMs?: number;
  /** Default 32768 bytes, the validator's own limit. */
  maxBytes?: number;
  /** Default 5. */
  maxRedirects?: number;
  recommendUnknownFields?: boolean;
}

export interface FetchedSecurityTxt {
  /** The address that answered, or null when none did. */
  url: string | null;
  /** Addresses requested for the answer that was used, first to last. */
  chain: string[];
  /** The bytes that were validated (for signature verification), or null. */
  body: Uint8Array | null;
  result: SecurityTxtResult;
}

const WELL_KNOWN = '/.well-known/security.txt';
const LEGACY = '/security.txt';
const HOST =
  /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?::\d{1,5})?$|^\[[0-9a-f:.]+\](?::\d{1,5})?$/i;

/** The host (with port) of a domain name or an http(s) URL. */
export function securityTxtHost(target: string): string {
  let host = target.trim();
  if (/^https?:\/\//i.test(host)) {
    try {
      host = new URL(host).host;
    } catch {
      throw new UrlNotAllowed(`not a URL: ${target.slice(0, 200)}`);
    }
  }
  if (!HOST.test(host)) throw new UrlNotAllowed(`not a domain name or https URL: ${target.slice(0, 200)}`);
  return host.toLowerCase();
}

export async function fetchSecurityTxt(target: string, options: FetchSecurityTxtOptions): Promise<FetchedSecurityTxt> {
  const host = securityTxtHost(target);
  const maxBytes = options.maxBytes ?? 32_768;
  const findings: RetrievalFinding[] = [];
  for (const scheme of ['https', 'http'] as const) {
    for (const path of [WELL_KNOWN, LEGACY]) {
      const url = `${scheme}://${host}${path}`;
      const place: RetrievalFinding[] = [];
      if (scheme === 'http') place.push({ code: 'invalid_uri_scheme', detail: url });
      if (path === LEGACY) place.push({ code: 'location', detail: url });
      let answer;
      try {
        answer = await fetchLimited(url, {
          maxBytes,
          timeoutMs: options.timeoutMs ?? 5_000,
          maxRedirects: options.maxRedirects ?? 5,
          allowHttp: scheme === 'http',
          headers: { accept: 'text/plain' },
          ...(options.fetch ? { fetch: options.fetch } : {}),
        });
      } catch (error) {
        const code = isIotlabelError(error) ? error.code : '';
        if (code === 'TLS_CERTIFICATE_INVALID' && !findings.some((f) => f.code === 'invalid_cert')) {
          findings.push({ code: 'invalid_cert', detail: host });
        }
        if (code === 'RESPONSE_TOO_LARGE') {
          const tooLarge: RetrievalFinding = { code: 'file_too_large', detail: `${url}, limit ${maxBytes} bytes` };
          return {
            url,
            chain: [url],
            body: null,
            result: unreadSecurityTxt([...findings, ...place, tooLarge], options.now),
          };
        }
        continue;
      }
      // A redirect to some other page (a home page, a login form) is not a security.txt.
      if (answer.status !== 200 || !new URL(answer.url).pathname.endsWith(path)) continue;
      findings.push(...place, ...contentTypeFindings(answer.headers.get('content-type')));
      const result = parseSecurityTxt(answer.body, {
        now: options.now,
        urls: [answer.chain[0]!, answer.url],
        retrieval: findings,
        ...(options.recommendUnknownFields === undefined
          ? {}
          : { recommendUnknownFields: options.recommendUnknownFields }),
      });
      return { url: answer.url, chain: answer.chain, body: answer.body, result };
    }
  }
  return {
    url: null,
    chain: [],
    body: null,
    result: unreadSecurityTxt([...findings, { code: 'no_security_txt', detail: host }], options.now),
  };
}

/** RFC 9116 §3: text/plain, and a charset (when given) of utf-8. */
export function contentTypeFindings(header: string | null): RetrievalFinding[] {
  if (header === null || header.trim() === '') return [{ code: 'no_content_type' }];
  const [media, ...params] = header.split(';');
  const findings: RetrievalFinding[] = [];
  if (media!.trim().toLowerCase() !== 'text/plain')
    findings.push({ code: 'invalid_media', detail: media!.trim().slice(0, 100) });
  for (const param of params) {
    const [key, value = ''] = param.split('=');
    const charset = value.trim().replace(/^"|"$/g, '').toLowerCase();
    if (key!.trim().toLowerCase() === 'charset' && charset !== 'utf-8' && charset !== 'csutf8') {
      findings.push({ code: 'invalid_charset', detail: charset.slice(0, 40) });
    }
  }
  return findings;
}
