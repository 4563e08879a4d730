// Where label-signing keys live: 0600 files under <data-dir>/keys, or the environment; two processes on
// one database share the active key; a retired or missing key is refused with a clear code.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIALECTS, openTestStore, type TestStore } from '../../support/dialects.js';
import { fixedClock, operator } from '../../support/registry.js';
import {
  createServices,
  directoryKeySource,
  environmentKeySource,
  labelKeySourceFor,
  memoryKeySource,
} from '../../../src/registry/index.js';
import { exportLabelKey, generateLabelKey } from '../../../src/labels/index.js';
import { hasCode } from '../../support/assert.js';

for (const dialect of DIALECTS) {
  describe(`label-signing keys on ${dialect}`, () => {
    let dir: string;
    let t: TestStore;
    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'iotlabel-keys-'));
      t = await openTestStore(dialect);
    });
    after(async () => {
      await t.store.close();
      rmSync(dir, { recursive: true, force: true });
    });

    test('first start writes one key file with 0600 permissions in a 0700 folder; rotation replaces it', async () => {
      const keysDir = join(dir, 'keys');
      const s = createServices({ store: t.store, clock: fixedClock, labelKeySource: directoryKeySource(keysDir) });
      await s.labels.keys.ready();
      const files = readdirSync(keysDir);
      assert.equal(files.length, 1);
      assert.equal(statSync(join(keysDir, files[0]!)).mode & 0o777, 0o600);
      assert.equal(statSync(keysDir).mode & 0o777, 0o700);
      const { jwks } = await s.labels.keys.publishedKeys();
      assert.equal(files[0], `label-${jwks.keys[0]!.kid}.jwk`);
      assert.ok(JSON.parse(readFileSync(join(keysDir, files[0]!), 'utf8')).d, 'the file holds the private key');

      // A second process on the same database and folder uses the same key.
      const second = createServices({ store: t.store, clock: fixedClock, labelKeySource: directoryKeySource(keysDir) });
      await second.labels.keys.ready();
      assert.deepEqual((await second.labels.keys.publishedKeys()).jwks, jwks);

      const rotated = await s.labels.keys.rotate(operator);
      const after = readdirSync(keysDir);
      assert.deepEqual(after, [`label-${rotated.kid}.jwk`], 'the retired private key is deleted');
      assert.equal(statSync(join(keysDir, after[0]!)).mode & 0o777, 0o600);

      // A process with another folder cannot sign with the active key, and says why.
      const stranger = createServices({
        store: t.store,
        clock: fixedClock,
        labelKeySource: directoryKeySource(join(dir, 'elsewhere')),
      });
      await assert.rejects(stranger.labels.keys.ready(), hasCode('LABEL_KEY_UNAVAILABLE'));
    });

    test('a key given by environment becomes the active key; a retired one is refused; it cannot be rotated in place', async () => {
      const key = generateLabelKey();
      const env = { IOTLABEL_LABEL_KEY: JSON.stringify(exportLabelKey(key)) };
      const s = createServices({
        store: t.store,
        clock: fixedClock,
        labelKeySource: labelKeySourceFor(dir, env.IOTLABEL_LABEL_KEY),
      });
      await s.labels.keys.ready();
      const { jwks } = await s.labels.keys.publishedKeys();
      assert.equal(jwks.keys[0]!.kid, key.kid);
      assert.equal(jwks.keys[0]!.status, 'active');
      assert.ok(jwks.keys.slice(1).every((k) => k.status === 'retired'));
      await assert.rejects(s.labels.keys.rotate(operator), hasCode('LABEL_KEY_UNAVAILABLE'));

      // Another key takes over (the operator changed the variable); the first one may not come back.
      const next = createServices({
        store: t.store,
        clock: fixedClock,
        labelKeySource: environmentKeySource(JSON.stringify(exportLabelKey(generateLabelKey()))).source,
      });
      await next.labels.keys.ready();
      const back = createServices({
        store: t.store,
        clock: fixedClock,
        labelKeySource: labelKeySourceFor(dir, env.IOTLABEL_LABEL_KEY),
      });
      await assert.rejects(back.labels.keys.ready(), hasCode('LABEL_KEY_UNAVAILABLE'));
      assert.throws(() => environmentKeySource('{"kty":"OKP"}'), hasCode('LABEL_KEY_UNAVAILABLE'));
      assert.throws(() => environmentKeySource('not json'), hasCode('LABEL_KEY_UNAVAILABLE'));
    });

    test('the private key never reaches the database', async () => {
      const s = createServices({ store: t.store, clock: fixedClock, labelKeySource: memoryKeySource() });
      await s.labels.keys.rotate(operator);
      const rows = JSON.stringify(await t.store.db.selectFrom('labelKeys').selectAll().execute());
      const events = JSON.stringify(await s.journal.events(0, 1000));
      assert.ok(!/"d"\s*:/.test(rows) && !/"d"\s*:/.test(events));
    });
  });
}
