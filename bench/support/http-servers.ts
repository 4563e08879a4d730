// Child processes for the HTTP benchmark, so the load generator does not share their event loop:
//   node --import tsx bench/support/http-servers.ts serve DATA_DIR   -> `iotlabel serve` on a free port
//   node --import tsx bench/support/http-servers.ts bare BODY_FILE   -> node:http answering BODY_FILE's bytes
// Each prints "listening on http://127.0.0.1:PORT" when ready.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { main } from '../../src/cli/main.js';

const [mode, arg] = process.argv.slice(2);
if (mode === 'bare') {
  const body = readFileSync(arg!);
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
    response.end(body);
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    console.log(`listening on http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
  });
} else if (mode === 'serve') {
  process.exitCode = await main(['serve', '--port', '0', '--host', '127.0.0.1', '--data-dir', arg!]);
} else {
  console.error('usage: http-servers.ts bare BODY_FILE | serve DATA_DIR');
  process.exitCode = 2;
}
