// `iotlabel serve` refuses a bulk rate limit or snapshot interval that cannot be right, before it opens
// anything: one line naming the option, exit 2.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../support/cli.js';

test('serve: --bulk-documents-per-minute and --snapshot-interval must be positive whole numbers', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'iotlabel-serve-options-'));
  try {
    for (const [flag, value] of [
      ['--bulk-documents-per-minute', '0'],
      ['--bulk-documents-per-minute', 'many'],
      ['--snapshot-interval', '-1'],
      ['--snapshot-interval', '1.5'],
    ] as const) {
      const r = await runCli('serve', '--data-dir', join(dir, 'data'), '--port', '0', flag, value);
      assert.equal(r.code, 2, `${flag} ${value}`);
      assert.equal(r.err, `iotlabel: ${flag} "${value}" is not a positive whole number\n`);
    }
    assert.deepEqual(readdirSync(dir), [], 'no database was created');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
