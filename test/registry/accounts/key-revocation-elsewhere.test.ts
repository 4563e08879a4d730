// A valid key is believed for a moment without asking the store; a revocation made by another process on
// the same database still takes effect here within about a second, and one made here at once.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS } from '../../support/dialects.js';
import { manufacturer, openTestRegistry, operator, type TestRegistry } from '../../support/registry.js';
import { hasCode } from '../../support/assert.js';

for (const dialect of DIALECTS) {
  describe(`API keys revoked elsewhere on ${dialect}`, () => {
    let t: TestRegistry;
    before(async () => {
      t = await openTestRegistry(dialect);
    });
    after(async () => t.close());

    test('a key revoked by a second server is refused here within a second and a half', async () => {
      const here = t.services;
      const there = await t.second();
      const { org } = await manufacturer(here, 'Revoked Elsewhere Ltd');
      const key = await here.organisations.createKey(operator, org.id, { name: 'till' });
      assert.equal((await here.organisations.authenticate(key.key)).keyId, key.id);
      assert.equal((await there.organisations.authenticate(key.key)).keyId, key.id);
      await there.organisations.revokeKey(operator, key.id);
      // The server that revoked it refuses it at once, though it believed the key a moment before.
      await assert.rejects(there.organisations.authenticate(key.key), hasCode('UNAUTHENTICATED'));
      const started = performance.now();
      for (;;) {
        const refused = await here.organisations.authenticate(key.key).then(
          () => false,
          (error: unknown) => hasCode('UNAUTHENTICATED')(error),
        );
        if (refused) break;
        assert.ok(performance.now() - started < 1500, 'still accepted 1.5 s after the revocation');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await there.close();
    });
  });
}
