// Child processes for the HTTP benchmark, so the load generator does not share their event loop:
//   node --import tsx bench/support/http-servers.ts serve DATA_DIR   -> `iotlabel serve` on a free port
//   node --import tsx bench/support/http-servers.ts bare BODY_FILE   -> node:http answering BODY_FILE's bytes
//   node --import tsx bench/support/http-servers.ts pages PAGES_FILE -> node:http answering each recorded page
//     (PAGES_FILE: JSON [{path, headers, body (base64)}]) with its own headers and bytes, 404 for any other path
// Each prints "listening on http://127.0.0.1:PORT" when ready.
import { createServer, type RequestListener } from 'node:http';
import { readFileSync } from 'node:fs';
import { main } from '../../src/cli/main.js';

function listen(handler: RequestListener): void {
  const server = createServer(handler);
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    console.log(`listening on http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
  });
}

const [mode, arg] = process.argv.slice(2);
if (mode === 'bare') {
  const body = readFileSync(arg!);
  listen((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
    response.end(body);
  });
} else if (mode === 'pages') {
  type Recorded = { path: string; headers: Record<string, string>; body: string };
  const recorded = JSON.parse(readFileSync(arg!, 'utf8')) as Recorded[];
  const pages = new Map(recorded.map((p) => [p.path, { headers: p.headers, body: Buffer.from(p.body, 'base64') }]));
  listen((request, response) => {
    const page = pages.get(request.url ?? '');
    if (page === undefined) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { ...page.headers, 'content-length': page.body.length });
    response.end(page.body);
  });
} else if (mode === 'serve') {
  process.exitCode = await main(['serve', '--port', '0', '--host', '127.0.0.1', '--data-dir', arg!]);
} else {
  console.error('usage: http-servers.ts bare BODY_FILE | pages PAGES_FILE | serve DATA_DIR');
  process.exitCode = 2;
}
