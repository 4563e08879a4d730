import { test } from 'node:test';
import assert from 'node:assert/strict';
import { main } from '../../src/cli/main.js';
import { bufferIo } from '../../src/cli/io.js';

test('--help lists the program and exits 0', async () => {
  const io = bufferIo();
  const code = await main(['--help'], io);
  assert.equal(code, 0);
  assert.match(io.stdout(), /Usage: iotlabel/);
});

test('an unknown command is bad usage: exit 2 and one line on stderr', async () => {
  const io = bufferIo();
  const code = await main(['no-such-command'], io);
  assert.equal(code, 2);
  assert.match(io.stderr(), /^error: /);
  assert.doesNotMatch(io.stderr(), /\n\s+at /, 'no stack trace');
});
