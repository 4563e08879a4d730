// readInput: the CLI's one bounded reader of FILE or URL inputs. Every failure names the input and, where it
// applies, the limit, with the catalogue code (and so the exit code) the commands have always used.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ERROR_CATALOGUE, IotlabelError } from '../../src/errors.js';
import { readInput, readInputBytes, readInputFile } from '../../src/cli/read-input.js';

const dir = mkdtempSync(join(tmpdir(), 'iotlabel-read-input-'));
const small = join(dir, 'small.txt');
const big = join(dir, 'big.txt');
writeFileSync(small, 'hello');
writeFileSync(big, 'x'.repeat(2000));

function failsWith(code: string, pattern: RegExp) {
  return (error: unknown) => {
    assert.ok(error instanceof IotlabelError, String(error));
    assert.equal(error.code, code);
    assert.match(error.message, pattern);
    return true;
  };
}

describe('readInput from a file', () => {
  test('reads a file within the limit', async () => {
    assert.equal(await readInput(small, { maxBytes: 5, what: 'the sample' }), 'hello');
    assert.equal(await readInputFile(small, { maxBytes: 5, what: 'the sample' }), 'hello');
  });

  test('a file over the limit is PAYLOAD_TOO_LARGE (exit 2), naming the file and the limit', async () => {
    await assert.rejects(
      readInput(big, { maxBytes: 1000, what: '--keys' }),
      failsWith('PAYLOAD_TOO_LARGE', /big\.txt: --keys is larger than 1000 bytes/),
    );
    assert.equal(ERROR_CATALOGUE.PAYLOAD_TOO_LARGE.exit, 2);
  });

  test('a missing file is INPUT_UNREADABLE (exit 2), naming the file', async () => {
    await assert.rejects(
      readInput(join(dir, 'missing.json'), { maxBytes: 1000, what: '--keys' }),
      failsWith('INPUT_UNREADABLE', /no such file: \S*missing\.json/),
    );
    assert.equal(ERROR_CATALOGUE.INPUT_UNREADABLE.exit, 2);
  });

  test('a directory is not a file', async () => {
    await assert.rejects(
      readInputBytes(dir, { maxBytes: 1000, what: 'the sample' }),
      failsWith('INPUT_UNREADABLE', /cannot read the sample \(not a file\)/),
    );
  });

  test('readInputFile never fetches a URL', async () => {
    await assert.rejects(
      readInputFile('http://127.0.0.1:1/key', { maxBytes: 1000, what: '--key' }),
      failsWith('INPUT_UNREADABLE', /no such file: http:\/\/127\.0\.0\.1:1\/key/),
    );
  });
});

describe('readInput from a URL', () => {
  let server: Server;
  let base = '';
  before(async () => {
    server = createServer((req, res) => {
      if (req.url === '/ok') res.end('from the server');
      else if (req.url === '/big') res.end('y'.repeat(5000));
      else if (req.url === '/gone') {
        res.statusCode = 500;
        res.end('broken');
      } else {
        res.statusCode = 404;
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('reads a URL within the limit', async () => {
    assert.equal(await readInput(`${base}/ok`, { maxBytes: 100, what: 'the sample' }), 'from the server');
  });

  test('an answer over the limit is PAYLOAD_TOO_LARGE, naming the URL and the limit', async () => {
    await assert.rejects(
      readInput(`${base}/big`, { maxBytes: 1000, what: '--status' }),
      failsWith('PAYLOAD_TOO_LARGE', /\/big: --status is larger than 1000 bytes/),
    );
  });

  test('an error status is NETWORK_FAILED, naming the URL and the status', async () => {
    await assert.rejects(
      readInput(`${base}/gone`, { maxBytes: 1000, what: '--status' }),
      failsWith('NETWORK_FAILED', /\/gone: HTTP 500/),
    );
  });

  test('a URL nobody answers is NETWORK_FAILED, naming the URL', async () => {
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    await assert.rejects(
      readInput('http://127.0.0.1:1/keys.json', { maxBytes: 1000, what: '--keys' }),
      failsWith('NETWORK_FAILED', /127\.0\.0\.1:1\/keys\.json/),
    );
  });
});
