// The composition root puts the API and the pages side by side; the API on its own has no pages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createApiApp, registerApi } from '../../src/http/index.js';
import { buildApp } from '../../src/server/index.js';
import { openTestRegistry } from '../support/registry.js';

test('the API alone answers /v1 and no page; the server adds the pages beside it', async () => {
  const t = await openTestRegistry('sqlite');
  const api = await createApiApp(t.services, { logger: false });
  await api.register(async (site) => registerApi(site, t.services, {}));
  const full = await buildApp(t.services, { logger: false });
  try {
    assert.equal((await api.inject('/v1/regimes')).statusCode, 200);
    const page = await api.inject({ url: '/sign-in', headers: { accept: 'text/html' } });
    assert.equal(page.statusCode, 404);
    assert.doesNotMatch(page.body, /<html/i);
    assert.equal((await full.inject('/v1/regimes')).statusCode, 200);
    const signIn = await full.inject({ url: '/sign-in', headers: { accept: 'text/html' } });
    assert.equal(signIn.statusCode, 200);
    assert.match(signIn.body, /<html/i);
  } finally {
    await api.close();
    await full.close();
    await t.close();
  }
});
