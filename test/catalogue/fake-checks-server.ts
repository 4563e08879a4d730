// A tiny stand-in for the registry's POST /v1/checks, built on the same checker, that follows the contract in
// docs/catalogue-checks.md: the catalogue as the request body, NDJSON results then a summary line back.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isIotlabelError } from '../../src/errors.js';
import { checkCatalogue } from '../../src/catalogue/check-catalogue.js';
import { formatForContentType, parseCatalogue } from '../../src/catalogue/parse-catalogue.js';
import type { ProductLookup } from '../../src/catalogue/types.js';
import { writeResults } from '../../src/catalogue/write-results.js';

export const RETAILER_KEY = 'retailer-test-key';

export async function startFakeChecksServer(
  lookup: ProductLookup,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const problem = (status: number, code: string, detail: string) => {
      res.writeHead(status, { 'content-type': 'application/problem+json' });
      res.end(JSON.stringify({ type: 'about:blank', title: code, status, code, detail }));
    };
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method !== 'POST' || url.pathname !== '/v1/checks') return problem(404, 'NOT_FOUND', 'no such route');
    if (req.headers.authorization !== `Bearer ${RETAILER_KEY}`)
      return problem(401, 'UNAUTHENTICATED', 'a retailer API key is required');
    const format = formatForContentType(req.headers['content-type'] ?? '');
    if (format === undefined)
      return problem(415, 'INPUT_INVALID', 'send text/csv, application/x-ndjson or application/json');
    const regime = url.searchParams.get('regime') ?? 'uk-psti-2023';
    const at = url.searchParams.get('at') ?? '2026-11-24';
    res.writeHead(200, { 'content-type': 'application/x-ndjson' });
    void (async () => {
      try {
        for await (const text of writeResults(
          checkCatalogue(parseCatalogue(req, format), lookup, { regime, at }),
          'ndjson',
        ))
          res.write(text);
      } catch (error) {
        const code = isIotlabelError(error) ? error.code : 'INTERNAL';
        res.write(
          `${JSON.stringify({ error: { code, detail: error instanceof Error ? error.message : String(error) } })}\n`,
        );
      }
      res.end();
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
