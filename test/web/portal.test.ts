// Sign-in, sessions and the manufacturer portal through app.inject: cookie flags, the generic failure,
// rate limits, expiry, sign-out, role and ownership refusals, the declaration form in steps with errors
// mapped to fields, submit, amend (shortening refused), labels, and API keys.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Browserish, HOSTILE, openWebFixture, type WebFixture } from './support.js';

let f: WebFixture;
before(async () => {
  f = await openWebFixture({ web: { signInPerMinute: 30 } });
});
after(async () => {
  await f.close();
});

const declare = (productId: string, step = '') =>
  `/manufacturer/products/${productId}/declare${step ? `/${step}` : ''}`;

test('sign-in sets a Secure, HttpOnly, SameSite=Lax session cookie; a wrong password gets one generic message', async () => {
  const b = new Browserish(f.app);
  const wrong = await b.signIn(f.acme.email, 'not the password');
  assert.equal(wrong.statusCode, 400);
  assert.match(wrong.body, /Enter a correct email address and password/);
  const unknown = await b.signIn('nobody@example.com', 'not the password');
  assert.match(unknown.body, /Enter a correct email address and password/);
  const blank = await b.signIn('', '');
  assert.match(blank.body, /Enter your email address/);
  assert.match(blank.body, /Enter your password/);
  const ok = await b.signIn(f.acme.email, f.acme.password);
  assert.equal(ok.statusCode, 303);
  assert.equal(ok.headers.location, '/manufacturer');
  const cookie = ([] as string[])
    .concat(ok.headers['set-cookie'] as string[])
    .find((c) => c.startsWith('iotlabel_session='))!;
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /Secure/);
  assert.match(cookie, /SameSite=Lax/);
  const home = await b.get('/manufacturer');
  assert.equal(home.statusCode, 200);
  assert.match(home.body, /Signed in as <strong>manufacturer person<\/strong> for Acme Devices Ltd/);
  assert.equal(home.headers['cache-control'], 'no-store');
  const out = await b.submit('/manufacturer', '/sign-out', {});
  assert.equal(out.headers.location, '/signed-out');
  assert.equal((await b.get('/manufacturer')).statusCode, 303, 'signed out');
});

test('sign-in returns to the page asked for, but never to another site', async () => {
  const b = new Browserish(f.app);
  const asked = await b.get('/account/api-keys');
  assert.equal(asked.headers.location, '/sign-in?next=%2Faccount%2Fapi-keys');
  const page = (await b.get(asked.headers.location as string)).body;
  assert.match(page, /name="next" value="\/account\/api-keys"/);
  const back = await b.post('/sign-in', {
    _csrf: /name="_csrf" value="([^"]+)"/.exec(page)![1]!,
    email: f.acme.email,
    password: f.acme.password,
    next: '/account/api-keys',
  });
  assert.equal(back.headers.location, '/account/api-keys');
  const evil = new Browserish(f.app);
  const away = await evil.submit('/sign-in', '/sign-in', {
    email: f.acme.email,
    password: f.acme.password,
    next: '//evil.example/',
  });
  assert.equal(away.headers.location, '/manufacturer');
});

test('pages refuse the wrong role and other organisations, and a session ends after 30 idle minutes', async () => {
  const retailer = new Browserish(f.app);
  await retailer.signIn(f.retailer.email, f.retailer.password);
  const refused = await retailer.get('/manufacturer');
  assert.equal(refused.statusCode, 403);
  assert.match(refused.body, /You cannot see this page/);
  const brightly = new Browserish(f.app);
  await brightly.signIn(f.brightly.email, f.brightly.password);
  assert.equal((await brightly.get(`/manufacturer/products/${f.acme.productId}`)).statusCode, 404);
  assert.equal((await brightly.get(declare(f.acme.productId))).statusCode, 404);
  f.advance(31 * 60_000);
  const expired = await brightly.get('/manufacturer');
  assert.equal(expired.statusCode, 303);
  assert.match(expired.headers.location as string, /^\/sign-in/);
});

test('register a product, declare it in steps, fix an error, submit, amend, and get a label', async () => {
  const b = new Browserish(f.app);
  await b.signIn(f.acme.email, f.acme.password);
  const bad = await b.submit('/manufacturer/products/new', '/manufacturer/products/new', {
    brand: '',
    model: 'X1',
    name: 'Thing',
    category: '',
    gtins: '123',
  });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /href="#brand">Enter the brand/);
  assert.match(bad.body, /href="#category">Select the type of product/);
  const created = await b.submit('/manufacturer/products/new', '/manufacturer/products/new', {
    brand: 'Acme',
    model: HOSTILE,
    name: 'Acme Plug',
    category: 'smart-plug',
    gtins: '',
  });
  assert.equal(created.statusCode, 303);
  const productId = /\/manufacturer\/products\/(prd_\w+)/.exec(created.headers.location as string)![1]!;
  assert.ok(!(await b.get(`/manufacturer/products/${productId}`)).body.includes(HOSTILE));

  assert.equal((await b.get(declare(productId))).headers.location, declare(productId, 'rules'));
  const step = (name: string, form: Record<string, string>) =>
    b.submit(declare(productId, name), declare(productId, name), form);
  assert.equal((await step('rules', { regimes: 'uk-psti-2023' })).headers.location, declare(productId, 'product'));
  assert.equal(
    (
      await step('product', {
        manufacturerName: 'Acme Devices Ltd',
        productName: 'Acme Plug',
        category: 'smart-plug',
        gtins: '5012345678901',
      })
    ).statusCode,
    400,
    'bad check digit',
  );
  const gtinError = await step('product', {
    manufacturerName: 'Acme Devices Ltd',
    productName: 'Acme Plug',
    category: 'smart-plug',
    gtins: '5012345678901',
  });
  assert.match(gtinError.body, /href="#gtins">Barcode numbers \(GTINs\) \(line 1\)/);
  assert.equal(
    (
      await step('product', {
        manufacturerName: 'Acme Devices Ltd',
        productName: 'Acme Plug',
        category: 'smart-plug',
        gtins: '',
      })
    ).headers.location,
    declare(productId, 'passwords'),
  );
  assert.equal(
    (
      await step('passwords', {
        usesPasswords: 'yes',
        scheme: 'unique-per-device',
        generation: 'csprng',
        resettable: 'no',
      })
    ).statusCode,
    303,
  );
  const days = await step('disclosure', { contacts: 'mailto:security@acme.example', ackDays: 'five' });
  assert.equal(days.statusCode, 400);
  assert.match(days.body, /<title>Error: Reporting security problems/);
  assert.match(days.body, /href="#ackDays">Enter the days to acknowledge a report as a whole number from 0 to 365/);
  assert.ok(!days.body.includes('not a string'), 'no JSON type names');
  assert.equal(
    (await step('disclosure', { contacts: 'mailto:security@acme.example', ackDays: '5', updateDays: '30' })).statusCode,
    303,
  );
  const date = await step('support', { 'endDate-day': '31', 'endDate-month': '13', 'endDate-year': '2030' });
  assert.match(date.body, /href="#endDate-day">Date security updates end must be a real date/);
  const february = await step('support', { 'endDate-day': '31', 'endDate-month': '2', 'endDate-year': '2031' });
  assert.match(february.body, /31 February 2031 is not a real date/);
  const noMonth = await step('support', { 'endDate-day': '31', 'endDate-month': '', 'endDate-year': '2031' });
  assert.match(noMonth.body, /href="#endDate-month">Date security updates end must include a month/);
  assert.equal(
    (await step('support', { 'endDate-day': '31', 'endDate-month': '12', 'endDate-year': '2030' })).statusCode,
    303,
  );
  const na = await step('provisions', {
    catalog: 'etsi-en-303645-v2.1.1',
    's_5.1-1': 'implemented',
    's_5.7-1': 'not-applicable',
  });
  assert.match(na.body, /href="#t_5.7-1">Provision 5.7-1: explain why it does not apply/);
  assert.equal(
    (
      await step('provisions', {
        catalog: 'etsi-en-303645-v2.1.1',
        's_5.1-1': 'implemented',
        's_5.7-1': 'not-applicable',
        't_5.7-1': HOSTILE,
      })
    ).statusCode,
    303,
  );
  assert.equal(
    (
      await step('signatory', {
        signatoryName: 'Jane Smith',
        signatoryFunction: 'Head of Product Security',
        signatoryPlace: 'London',
        'signDate-day': '24',
        'signDate-month': '11',
        'signDate-year': '2026',
      })
    ).headers.location,
    declare(productId, 'check'),
  );
  const check = await b.get(declare(productId, 'check'));
  assert.match(check.body, /Check your answers/);
  assert.match(check.body, /31 December 2030/);
  // In words, as the form offered them: no codes or catalog ids.
  assert.match(check.body, /Each device has its own password/);
  assert.match(check.body, /Random, from a cryptographically secure generator/);
  assert.match(check.body, /ETSI EN 303 645/);
  assert.ok(!/unique-per-device|csprng|etsi-en-303645/.test(check.body.replace(/<(input|form|a)\b[^>]*>/g, '')));
  assert.ok(!check.body.includes(HOSTILE));
  const submitted = await b.submit(declare(productId, 'check'), declare(productId, 'check'), {});
  assert.equal(submitted.statusCode, 303);
  const result = await b.get(submitted.headers.location as string);
  assert.match(result.body, /Declaration submitted/);
  assert.match(result.body, /What to fix/);
  assert.match(result.body, /data-qa="regime-uk-psti-2023"/);

  // Amend: the form starts from version 1; an earlier end date is refused with the reason, on the date field.
  await b.get(declare(productId));
  await step('support', { 'endDate-day': '1', 'endDate-month': '1', 'endDate-year': '2029' });
  const shortened = await b.submit(declare(productId, 'check'), declare(productId, 'check'), {});
  assert.equal(shortened.statusCode, 409);
  assert.match(shortened.body, /The security update period can be extended but never shortened/);
  assert.match(shortened.body, new RegExp(`href="${declare(productId, 'support')}#endDate-day"`));
  await step('support', { 'endDate-day': '31', 'endDate-month': '12', 'endDate-year': '2031' });
  const v2 = await b.submit(declare(productId, 'check'), declare(productId, 'check'), {});
  assert.equal(v2.statusCode, 303);
  assert.match((await b.get(v2.headers.location as string)).body, /Version 2 for Acme/);
});

test('labels are issued from the portal, or refused with the reasons', async () => {
  const b = new Browserish(f.app);
  await b.signIn(f.acme.email, f.acme.password);
  const page = `/manufacturer/products/${f.acme.productId}`;
  const issued = await b.submit(page, `${page}/labels`, { regime: 'uk-2019-voluntary' });
  assert.equal(issued.statusCode, 303);
  const after = (await b.get(page)).body;
  assert.match(after, /data-qa="label-svg"/);
  assert.match(after, /Label [A-Z0-9]+<\/span> \(Voluntary label, declaration version \d+, valid\)/, 'regime in words');
  assert.match(
    after,
    /href="\/v1\/labels\/[A-Z0-9]+\.svg\?size=small" download data-qa="label-svg">SVG to print, 50 mm wide/,
  );
  assert.match(after, /statement\.pdf/);
  const refused = await b.submit(page, `${page}/labels`, { regime: 'uk-psti-2023' });
  assert.equal(refused.statusCode, 409);
  assert.match(refused.body, /No label:/);
});

test('API keys: created and shown once, listed by prefix only, revoked; only for your own organisation', async () => {
  const b = new Browserish(f.app);
  await b.signIn(f.acme.email, f.acme.password);
  const created = await b.submit('/account/api-keys', '/account/api-keys', { name: `CI ${HOSTILE}` });
  const key = /data-qa="new-key">(iotl_\w+)</.exec(created.body)![1]!;
  assert.equal(created.headers['cache-control'], 'no-store');
  const me = await f.app.inject({ url: '/v1/me', headers: { authorization: `Bearer ${key}` } });
  assert.equal(me.statusCode, 200);
  const list = (await b.get('/account/api-keys')).body;
  assert.ok(!list.includes(key) && !list.includes(HOSTILE));
  const keyId = /action="\/account\/api-keys\/(key_\w+)\/revoke"/.exec(list)![1]!;
  const brightly = new Browserish(f.app);
  await brightly.signIn(f.brightly.email, f.brightly.password);
  assert.equal((await brightly.submit('/account/api-keys', `/account/api-keys/${keyId}/revoke`, {})).statusCode, 404);
  assert.equal((await b.submit('/account/api-keys', `/account/api-keys/${keyId}/revoke`, {})).statusCode, 303);
  assert.equal((await f.app.inject({ url: '/v1/me', headers: { authorization: `Bearer ${key}` } })).statusCode, 401);
});

// Last: it uses up this address's sign-ins for the minute.
test('sign-in attempts are rate-limited per address', async () => {
  const b = new Browserish(f.app);
  let last = 0;
  for (let i = 0; i < 31; i++) last = (await b.signIn(`guess${i}@example.com`, 'whatever')).statusCode;
  assert.equal(last, 429);
});
