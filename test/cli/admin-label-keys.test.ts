// `iotlabel admin rotate-label-key` and `generate-label-key`: rotation from the command line keeps the
// old key published as retired; a generated key imports as a private JWK for IOTLABEL_LABEL_KEY.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRegistry } from '../../src/registry/index.js';
import { importLabelKey } from '../../src/labels/index.js';
import { runCli } from '../support/cli.js';

const run = runCli;

describe('iotlabel admin label keys (SQLite)', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'iotlabel-admin-keys-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('rotate-label-key makes a new active key and keeps the old one as retired', async () => {
    const dataDir = join(dir, 'data');
    const { services } = await openRegistry({ dataDir });
    let first: string;
    try {
      await services.labels.keys.ready();
      first = (await services.labels.keys.publishedKeys()).jwks.keys[0]!.kid;
    } finally {
      await services.close();
    }
    const rotated = await run('admin', 'rotate-label-key', '--json', '--data-dir', dataDir);
    assert.equal(rotated.code, 0, rotated.err);
    const answer = JSON.parse(rotated.out);
    assert.deepEqual(answer.retired, [first]);
    assert.deepEqual(
      answer.jwks.keys.map((k: { kid: string; status: string }) => [k.kid, k.status]),
      [
        [answer.kid, 'active'],
        [first, 'retired'],
      ],
    );
    // Other keys (the webhook-secret sealing key) share the folder; only label keys are counted here.
    const files = readdirSync(join(dataDir, 'keys')).filter((f) => f.startsWith('label-'));
    assert.deepEqual(files, [`label-${answer.kid}.jwk`]);
    assert.equal(statSync(join(dataDir, 'keys', files[0]!)).mode & 0o777, 0o600);
  });

  test('generate-label-key prints a private JWK that imports', async () => {
    const generated = await run('admin', 'generate-label-key');
    assert.equal(generated.code, 0);
    const key = importLabelKey(JSON.parse(generated.out));
    assert.equal(key.kid, JSON.parse(generated.out).kid);
  });
});
