// The client side of POST /v1/checks (docs/catalogue-checks.md): the catalogue goes up as it is read, with
// its own content type; the answer comes back as NDJSON, one result a line and then one summary line.
import { ERROR_CATALOGUE, IotlabelError, type ErrorCode } from '../../../errors.js';
import type { CatalogueCheck } from '../../../catalogue/check-catalogue.js';
import { CATALOGUE_CONTENT_TYPES } from '../../../catalogue/parse-catalogue.js';
import { rowStream } from '../../../catalogue/row-stream.js';
import { countResult, emptySummary } from '../../../catalogue/summary.js';
import type { CatalogueFormat, CheckSummary, RowResult } from '../../../catalogue/types.js';

export interface ServerCheckRequest {
  server: string;
  apiKey: string | undefined;
  /** One of regime or market. */
  regime?: string;
  market?: string;
  at: string;
  format: CatalogueFormat;
  body: AsyncIterable<Uint8Array>;
}

export async function checkViaServer(request: ServerCheckRequest): Promise<CatalogueCheck> {
  const url = new URL('v1/checks', request.server.endsWith('/') ? request.server : `${request.server}/`);
  if (request.market !== undefined) url.searchParams.set('market', request.market);
  else url.searchParams.set('regime', request.regime ?? '');
  url.searchParams.set('at', request.at);
  const headers: Record<string, string> = {
    'content-type': CATALOGUE_CONTENT_TYPES[request.format],
    accept: 'application/x-ndjson',
  };
  if (request.apiKey !== undefined) headers.authorization = `Bearer ${request.apiKey}`;
  let response: Response;
  try {
    // undici streams an async iterable body; `duplex: 'half'` is required for a streamed request body.
    response = await fetch(url, {
      method: 'POST',
      headers,
      body: request.body as unknown as BodyInit,
      duplex: 'half',
    } as RequestInit);
  } catch (error) {
    throw new IotlabelError(
      'NETWORK_FAILED',
      `${url.origin}: ${(error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message}`,
    );
  }
  if (!response.ok || response.body === null) throw await problemError(response, 'the check');
  const summary = emptySummary(request.regime ?? request.market ?? '', request.at, request.market);
  const body = response.body;
  async function* results(): AsyncGenerator<RowResult[]> {
    let server: CheckSummary | undefined;
    for await (const batch of lines(body)) {
      const out: RowResult[] = [];
      for (const line of batch) {
        const item = parseLine(line);
        if ('summary' in item) server = item.summary;
        else if ('error' in item)
          throw new IotlabelError(knownCode(item.error.code), `the server stopped the check: ${item.error.detail}`);
        else {
          countResult(summary, item);
          out.push(item);
        }
      }
      if (out.length > 0) yield out;
    }
    if (server === undefined)
      throw new IotlabelError('NETWORK_FAILED', "the server's answer ended before its summary line");
    if (server.rows !== summary.rows)
      throw new IotlabelError('NETWORK_FAILED', `the server reported ${server.rows} rows but sent ${summary.rows}`);
    // A market check: the server names the laws that bound the sale on the day.
    if (request.market !== undefined && typeof server.regime === 'string') summary.regime = server.regime;
  }
  return { summary, ...rowStream(results) };
}

type Line = RowResult | { summary: CheckSummary } | { error: { code: string; detail: string } };

function parseLine(line: string): Line {
  try {
    const item = JSON.parse(line) as Line;
    if (
      typeof item === 'object' &&
      item !== null &&
      ('summary' in item || 'error' in item || typeof (item as RowResult).line === 'number')
    )
      return item;
  } catch {
    // fall through: reported below with the same code
  }
  throw new IotlabelError('NETWORK_FAILED', `the server sent a line that is not a check result: ${line.slice(0, 80)}`);
}

/** The complete, non-empty lines of the body, a batch for each chunk received (`iotlabel declare` reads them too). */
export async function* lines(body: ReadableStream<Uint8Array>): AsyncGenerator<string[]> {
  const decoder = new TextDecoder();
  let carry = '';
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    const parts = (carry + decoder.decode(chunk, { stream: true })).split('\n');
    carry = parts.pop()!;
    yield parts.filter((part) => part.length > 0);
  }
  carry += decoder.decode();
  if (carry.length > 0) yield [carry];
}

/** The server's problem document as an IotlabelError with its code, saying it refused `what`. */
export async function problemError(response: Response, what: string): Promise<IotlabelError> {
  let detail = `${response.status} ${response.statusText}`;
  let code: ErrorCode =
    response.status === 401 ? 'UNAUTHENTICATED' : response.status === 403 ? 'FORBIDDEN' : 'NETWORK_FAILED';
  try {
    const problem = (await response.json()) as { code?: string; detail?: string; title?: string };
    if (typeof problem.code === 'string') code = knownCode(problem.code, code);
    detail = problem.detail ?? problem.title ?? detail;
  } catch {
    // not problem+json: keep the status line
  }
  return new IotlabelError(code, `the server refused ${what}: ${detail}`);
}

export function knownCode(code: string, fallback: ErrorCode = 'NETWORK_FAILED'): ErrorCode {
  return code in ERROR_CATALOGUE ? (code as ErrorCode) : fallback;
}
