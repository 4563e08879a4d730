// Retailer webhooks page through app.inject: add (the secret shown once), list, delivery log, delete;
// refusals for other roles and without a CSRF token; a hostile address is escaped in the error summary.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Browserish, HOSTILE, openWebFixture, type WebFixture } from '../support.js';
import { signedIn } from '../roles-support.js';

let f: WebFixture;
before(async () => {
  f = await openWebFixture({ web: { signInPerMinute: 100 } });
});
after(async () => {
  await f.close();
});

test('a retailer adds a webhook, sees its secret once, reads its delivery log and deletes it', async () => {
  const b = await signedIn(f, f.retailer);
  const empty = await b.get('/retailer/webhooks');
  assert.equal(empty.statusCode, 200);
  assert.match(empty.body, /You have no webhooks/);
  assert.match(empty.body, /href="\/retailer\/webhooks"/, 'in the navigation');

  const created = await b.submit('/retailer/webhooks', '/retailer/webhooks', { url: 'http://127.0.0.1:9/hook' });
  assert.equal(created.statusCode, 200);
  const secret = /data-qa="webhook-secret">([^<]+)</.exec(created.body)?.[1];
  assert.ok(secret?.startsWith('whsec_'), 'the secret is shown');
  const listed = await b.get('/retailer/webhooks');
  assert.equal((listed.body.match(/data-qa="webhook-row"/g) ?? []).length, 1);
  assert.ok(!listed.body.includes(secret!), 'the secret is shown only once');
  const id = /href="\/retailer\/webhooks\/(whk[^"]+)"/.exec(listed.body)?.[1];
  assert.ok(id);
  const log = await b.get(`/retailer/webhooks/${id}`);
  assert.equal(log.statusCode, 200);
  assert.match(log.body, /Nothing has been sent to this webhook yet/);

  const deleted = await b.submit('/retailer/webhooks', `/retailer/webhooks/${id}/delete`, {});
  assert.equal(deleted.statusCode, 303);
  assert.match((await b.get('/retailer/webhooks?notice=deleted')).body, /You have no webhooks/);
  assert.equal((await b.get(`/retailer/webhooks/${id}`)).statusCode, 404);
});

test('a bad address is shown in an error summary, escaped', async () => {
  const b = await signedIn(f, f.retailer);
  const bad = await b.submit('/retailer/webhooks', '/retailer/webhooks', { url: `ftp://x/${HOSTILE}` });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /govuk-error-summary/);
  assert.ok(!bad.body.includes(HOSTILE));
});

test('the webhooks pages are refused to other roles, to visitors, and without a CSRF token', async () => {
  const maker = await signedIn(f, f.acme);
  assert.equal((await maker.get('/retailer/webhooks')).statusCode, 403);
  assert.equal(
    (await maker.submit('/manufacturer', '/retailer/webhooks', { url: 'http://127.0.0.1:9/' })).statusCode,
    403,
  );
  const visitor = await new Browserish(f.app).get('/retailer/webhooks');
  assert.ok([302, 303].includes(visitor.statusCode));
  const shop = await signedIn(f, f.retailer);
  assert.equal(
    (await shop.post('/retailer/webhooks', { _csrf: 'forged', url: 'http://127.0.0.1:9/' })).statusCode,
    403,
  );
});
