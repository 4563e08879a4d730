// fetchLimited: one outbound HTTP GET with a hard time limit, a streamed byte cap and redirects followed by hand,
// so every hop is checked (https only unless allowHttp) and counted. Other modules fetch through this.
import { isIotlabelError } from '../errors.js';
import {
  NetworkFailed,
  NetworkTimeout,
  ResponseTooLarge,
  TlsCertificateInvalid,
  TooManyRedirects,
  UrlNotAllowed,
} from './errors.js';

export type FetchFunction = (url: string, init: RequestInit) => Promise<Response>;

export interface FetchLimitedOptions {
  /** Largest body accepted, in bytes. */
  maxBytes: number;
  /** Time limit for the whole exchange: every redirect hop and the body. */
  timeoutMs: number;
  /** Redirects followed before giving up (0 = none). */
  maxRedirects: number;
  /** Permit plain http (default: https only, for the first URL and every redirect). */
  allowHttp?: boolean;
  headers?: Record<string, string>;
  /** The fetch to use (tests inject a fake); defaults to Node's global fetch. */
  fetch?: FetchFunction;
}

export interface LimitedResponse {
  /** The address that answered (after redirects). */
  url: string;
  status: number;
  headers: Headers;
  body: Uint8Array;
  /** Every address requested, in order: the first is the one asked for, the last the one that answered. */
  chain: string[];
}

const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);
const TIMEOUT_CAUSES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);
const TLS_CAUSE = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/;

export function checkedUrl(raw: string | URL, allowHttp: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UrlNotAllowed(`not a URL: ${String(raw).slice(0, 200)}`);
  }
  if (url.protocol !== 'https:' && !(allowHttp && url.protocol === 'http:')) {
    throw new UrlNotAllowed(
      `${url.protocol.replace(':', '')} is not allowed (${allowHttp ? 'http or https' : 'https only'}): ${url.href}`,
    );
  }
  if (url.username || url.password) throw new UrlNotAllowed(`credentials in the URL are not allowed: ${url.host}`);
  return url;
}

export async function fetchLimited(url: string, options: FetchLimitedOptions): Promise<LimitedResponse> {
  const fetchFn = options.fetch ?? globalThis.fetch;
  const allowHttp = options.allowHttp ?? false;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  const chain: string[] = [];
  let current = checkedUrl(url, allowHttp);
  try {
    for (;;) {
      chain.push(current.href);
      const response = await request(fetchFn, current, controller.signal, options.headers);
      const location = response.headers.get('location');
      if (REDIRECT_STATUS.has(response.status) && location !== null) {
        await response.body?.cancel().catch(() => undefined);
        if (chain.length > options.maxRedirects)
          throw new TooManyRedirects(`more than ${options.maxRedirects} redirects from ${chain[0]}`);
        current = checkedUrl(new URL(location, current), allowHttp);
        continue;
      }
      const body = await readCapped(response, options.maxBytes, current.href);
      return { url: current.href, status: response.status, headers: response.headers, body, chain };
    }
  } catch (error) {
    if (controller.signal.aborted)
      throw new NetworkTimeout(`no complete answer from ${current.href} within ${options.timeoutMs} ms`);
    if (isIotlabelError(error)) throw error;
    throw new NetworkFailed(`reading the answer from ${current.href} failed`, error);
  } finally {
    clearTimeout(timer);
  }
}

async function request(
  fetchFn: FetchFunction,
  url: URL,
  signal: AbortSignal,
  headers?: Record<string, string>,
): Promise<Response> {
  try {
    return await fetchFn(url.href, {
      method: 'GET',
      redirect: 'manual',
      signal,
      headers: { 'user-agent': 'iotlabel', ...headers },
    });
  } catch (error) {
    if (signal.aborted) throw error;
    const code = causeCode(error);
    if (TIMEOUT_CAUSES.has(code)) throw new NetworkTimeout(`timed out connecting to ${url.host} (${code})`);
    if (TLS_CAUSE.test(code))
      throw new TlsCertificateInvalid(`TLS certificate of ${url.host} could not be verified (${code})`, error);
    throw new NetworkFailed(`request to ${url.href} failed${code ? ` (${code})` : ''}`, error);
  }
}

function causeCode(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  return typeof cause?.code === 'string' ? cause.code : '';
}

async function readCapped(response: Response, maxBytes: number, url: string): Promise<Uint8Array> {
  const announced = Number(response.headers.get('content-length') ?? NaN);
  if (announced > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new ResponseTooLarge(`${url} announces ${announced} bytes, limit ${maxBytes}`);
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new ResponseTooLarge(`${url} sent more than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
