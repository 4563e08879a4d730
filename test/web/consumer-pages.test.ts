// What a shopper sees: search results with each product's verdict, a product page that says first, in one
// sentence, whether the product meets the rules and may be sold (and why not, in a buyer's words, with no
// advice meant for the manufacturer), a revoked label with its reason and what the buyer can do; and the
// registry's own sign-in link, security.txt, favicon and transparency log page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { systemActor } from '../../src/registry/index.js';
import { declarationFor } from '../support/registry.js';
import { openWebFixture, type WebFixture } from './support.js';

let f: WebFixture;
before(async () => {
  f = await openWebFixture();
});
after(async () => {
  await f.close();
});

const verdictOf = (html: string) => /data-qa="consumer-verdict"[^>]*>([\s\S]*?)<\/p>/.exec(html)?.[1] ?? '';
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ')
    .trim();

test('search results show each product’s verdict', async () => {
  const res = await f.app.inject({ url: '/search?q=Acme' });
  assert.equal(res.statusCode, 200);
  const results = res.body.split('data-qa="product-result"').slice(1);
  assert.ok(results.length >= 1);
  for (const r of results) assert.match(text(verdictOf(r)), /may (not )?be sold in the UK/);
  const cam = results.find((r) => r.includes('CAM-200'))!;
  assert.match(cam, /data-sellable="(yes|no)"/);
  assert.match(cam, /Security updates until 31 December 2030/);
});

test('the product page says first whether the product may be sold, and why not in a buyer’s words', async () => {
  // A declaration without a way to report problems and without a support period: fails the UK rules.
  const doc = declarationFor({ brand: 'Acme', model: 'BULB-1', gtins: ['05012345678962'] }, '2030-12-31');
  doc.vulnerabilityDisclosure = { contacts: [] } as never;
  const submitted = await f.services.declarations.submitForModel(systemActor('test'), doc, {
    organisationId: f.acme.orgId,
  });
  const page = await f.app.inject({ url: `/products/${submitted.product.id}` });
  const main = page.body.slice(page.body.indexOf('<main'));
  const first = main.indexOf('data-qa="consumer-verdict"');
  assert.ok(first > 0 && first < main.indexOf('data-qa="support-period"'), 'the verdict comes first');
  assert.match(text(verdictOf(main)), /^It does not meet the UK security rules, so it may not be sold in the UK\.$/);
  const why = /data-qa="consumer-why">([\s\S]*?)<\/ul>/.exec(main)?.[1] ?? '';
  assert.match(why, /how to report a security problem/);
  // Advice for the manufacturer (field names, "Declare …") stays on the manufacturer's pages.
  assert.ok(!/vulnerabilityDisclosure\.|provisions\.statements|Declare \d/.test(main), 'no manufacturer advice');
});

test('a revoked label says why and what the buyer can do, and the support date is not shown large', async () => {
  await f.services.labels.changeStatus({ kind: 'system', via: 'test' }, f.acme.labelId, {
    status: 'revoked',
    reason: 'Market surveillance found a universal password',
  });
  const page = await f.app.inject({ url: `/products/${f.acme.productId}` });
  const status = text(/data-qa="label-status">([\s\S]*?)<\/div>\s*<\/div>/.exec(page.body)?.[1] ?? '');
  assert.match(status, /revoked on 24 November 2026, because: Market surveillance found a universal password/);
  assert.match(page.body, /data-qa="buyer-advice">[^<]*ask the seller or the manufacturer/);
  assert.match(page.body, /class="govuk-body" data-qa="support-period"/);
  // The face shows a REVOKED band where the shield was; its text alternative says the same.
  assert.match(
    page.body,
    /<img class="app-label-image" [^>]*alt="The security label, marked revoked in place of its shield,/,
  );
});

test('every page links to sign-in; the registry serves its own security.txt, favicon and a log explanation', async () => {
  for (const url of ['/', '/search?q=Acme', `/products/${f.acme.productId}`, '/transparency-log', '/security'])
    assert.match((await f.app.inject({ url })).body, /href="\/sign-in" data-qa="sign-in-link"/, url);
  const txt = await f.app.inject({ url: '/.well-known/security.txt' });
  assert.equal(txt.statusCode, 200);
  assert.match(txt.headers['content-type'] as string, /^text\/plain/);
  assert.match(txt.body, /^Contact: https?:\/\/[^\n]+\/security$/m);
  const expires = /^Expires: (\S+)$/m.exec(txt.body)?.[1];
  assert.ok(expires && Date.parse(expires) > Date.parse('2026-11-24'), 'expires in the future');
  assert.ok(Date.parse(expires) - Date.parse('2026-11-24') < 366 * 86_400_000, 'and within a year (RFC 9116)');
  const icon = await f.app.inject({ url: '/favicon.ico' });
  assert.equal(icon.statusCode, 200);
  assert.match(icon.body, /^<svg/);
  const home = await f.app.inject({ url: '/' });
  assert.match(home.body, /href="\/transparency-log">Transparency log/);
  assert.match(home.body, /<link rel="icon" href="\/favicon.svg"/);
  const log = await f.app.inject({ url: '/transparency-log' });
  assert.equal(log.statusCode, 200);
  assert.match(log.body, /<h1[^>]*>The transparency log<\/h1>/);
  const checkpoint = (await f.app.inject({ url: '/log/checkpoint' })).body.split('\n');
  assert.match(
    text(/data-qa="log-state">([\s\S]*?)<\/dl>/.exec(log.body)?.[1] ?? ''),
    new RegExp(`Entries ?${checkpoint[1]}\\b`),
  );
  assert.ok(log.body.includes(checkpoint[2]!), 'the root hash is the checkpoint’s');
});

test('the label check pages name the registry whose keys they check against', async () => {
  for (const url of ['/l', '/01/05012345678900']) {
    const page = await f.app.inject({ url });
    assert.match(
      page.body,
      /data-qa="issuer">Labels are checked against the published signing keys of the registry that issues them: https?:\/\//,
      url,
    );
    assert.match(page.body, /data-qa="verdict" tabindex="-1"/, `${url}: the verdict can take focus`);
  }
});
