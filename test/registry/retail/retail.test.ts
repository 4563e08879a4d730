// Retail on both databases: the store-backed lookup, watch lists, notices from events and from the
// support-period scan (each once), and webhook subscriptions, signing, ordering, retries and the log.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServices, type Services } from '../../../src/registry/index.js';
import type { Actor } from '../../../src/registry/actor.js';
import { DIALECTS, openTestStore, type TestStore } from '../../support/dialects.js';
import { declarationFor, fixedClock, operator, TODAY } from '../../support/registry.js';
import { retailCatalogueCsv, seedRetail, UNDECLARED_GTIN, type RetailFixture } from './fixture.js';
import { gtinsFromCsv } from '../../../src/registry/retail/watch.js';
import { backoffMs } from '../../../src/registry/retail/webhooks-delivery.js';
import { hasCode } from '../../support/assert.js';

for (const dialect of DIALECTS) {
  describe(`retail on ${dialect}`, () => {
    let t: TestStore;
    let s: Services;
    let fx: RetailFixture;
    let shop: Actor;
    let other: Actor;
    let regulator: Actor;
    let clock = fixedClock();
    let receiver: Server;
    let port = 0;
    const received: { id: string; signature: string; body: string }[] = [];
    let answer = 200;

    before(async () => {
      t = await openTestStore(dialect);
      s = createServices({
        store: t.store,
        clock: () => clock,
        retail: { allowLoopbackWebhooks: true, retryBaseMs: 1000, retryMaxMs: 8000 },
      });
      fx = await seedRetail(s);
      const key = async (name: string, kind: 'retailer' | 'regulator') => {
        const org = await s.organisations.registerOrganisation(operator, { name, kind });
        return s.organisations.authenticate((await s.organisations.createKey(operator, org.id, {})).key);
      };
      shop = await key('Watching Shop', 'retailer');
      other = await key('Other Shop', 'retailer');
      regulator = await key('Watch Regulator', 'regulator');
      receiver = createServer((req, res) => {
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString()));
        req.on('end', () => {
          received.push({
            id: String(req.headers['iotlabel-event-id']),
            signature: String(req.headers['iotlabel-signature']),
            body,
          });
          res.writeHead(answer).end();
        });
      });
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
      port = (receiver.address() as AddressInfo).port;
    });
    after(async () => {
      receiver.close();
      await s.close();
      await t.close();
    });

    test('the store lookup answers a batch in input order, by GTIN and by folded brand + model, null when unknown', async () => {
      const lookup = s.facts.lookup(TODAY);
      const found = await lookup.many!([
        { gtin: '05012345678900' },
        { brand: ' BOLT ', model: 'hub  3' },
        { gtin: '09999999999994' },
        { gtin: UNDECLARED_GTIN },
      ]);
      assert.deepEqual(
        found.map((f) => f?.productId ?? null),
        [fx.products.cam, fx.products.hub, null, fx.products.undeclared],
      );
      assert.equal(found[0]!.regimes['uk-2019-option-a']!.label?.id, fx.labels.cam);
      assert.equal(found[3]!.regimes['uk-psti-2023']!.outcome, 'not-declared');
      const all = [];
      for await (const f of s.facts.allFacts(TODAY, 2)) all.push(f.productId);
      assert.deepEqual(all, [...all].sort());
      assert.equal(all.length, Object.keys(fx.products).length);
    });

    test('watch lists: replaced by upload, added to, removed from; bad GTINs change nothing; only retailers have one', async () => {
      const gtins = await gtinsFromCsv('Barcode,Name\n5012345678900,cam\n01234567890128,lock\n');
      assert.deepEqual(gtins, ['05012345678900', '01234567890128']);
      await assert.rejects(gtinsFromCsv('gtin\n5012345678901\n'), hasCode('INPUT_INVALID'));
      assert.deepEqual((await s.retail.watchlists.replace(shop, gtins)).gtins, ['01234567890128', '05012345678900']);
      const added = await s.retail.watchlists.add(shop, ['05012345678108', '05012345678900']);
      assert.equal(added.added, 1);
      await s.retail.watchlists.remove(shop, '5012345678108');
      await assert.rejects(s.retail.watchlists.remove(shop, '05012345678108'), hasCode('NOT_FOUND'));
      assert.equal((await s.retail.watchlists.get(shop)).count, 2);
      assert.deepEqual(await s.retail.watchlists.page(shop, 1, 10), { count: 2, gtins: ['05012345678900'] });
      assert.deepEqual(await s.retail.watchlists.page(shop, 5, 10), { count: 2, gtins: [] });
      await assert.rejects(s.retail.watchlists.page(regulator, 0, 10), hasCode('FORBIDDEN'));
      await assert.rejects(s.retail.watchlists.get(regulator), hasCode('FORBIDDEN'));
      assert.equal((await s.retail.watchlists.get(other)).count, 0);
      // A person signed in to the retailer pages acts for the organisation like its key.
      if (shop.kind !== 'key') throw new Error('the shop is a key');
      const person = {
        kind: 'user' as const,
        userId: 'u-1',
        organisationId: shop.organisationId,
        organisationName: shop.organisationName,
        role: 'retailer' as const,
      };
      assert.equal((await s.retail.watchlists.get(person)).count, 2);
      await assert.rejects(s.retail.watchlists.get({ ...person, role: 'manufacturer' }), hasCode('FORBIDDEN'));
      assert.deepEqual(await s.retail.webhooks.list(person), await s.retail.webhooks.list(shop));
      await assert.rejects(s.retail.webhooks.list({ ...person, role: 'manufacturer' }), hasCode('FORBIDDEN'));
      const events = (await s.journal.events(0, 10_000)).filter((e) => e.type.startsWith('watchlist-'));
      assert.ok(events.length >= 3);
      assert.ok(
        events.every((e) => !JSON.stringify(e).includes('5012345678900')),
        "events never list a retailer's GTINs",
      );
    });

    test('webhook URLs: https to public addresses only, unless loopback is allowed for development', async () => {
      const strict = createServices({ store: t.store, clock: () => clock });
      for (const url of [
        'http://example.com/hook',
        'https://127.0.0.1/hook',
        'https://10.1.2.3/hook',
        'https://[::1]/hook',
        'https://169.254.169.254/latest',
        'https://user:pw@example.com/',
        'ftp://example.com/',
        'https://localhost/hook',
        `http://127.0.0.1:${port}/`,
      ]) {
        await assert.rejects(strict.retail.webhooks.create(shop, { url }), hasCode('URL_NOT_ALLOWED'), url);
      }
      await assert.rejects(s.retail.webhooks.create(shop, { url: 'http://10.0.0.1/hook' }), hasCode('URL_NOT_ALLOWED'));
      await assert.rejects(
        s.retail.webhooks.create(regulator, { url: `http://127.0.0.1:${port}/` }),
        hasCode('FORBIDDEN'),
      );
    });

    test('events about watched products become notices once, queued to the webhook in order, signed, retried with backoff', async () => {
      const hook = await s.retail.webhooks.create(shop, {
        url: `http://127.0.0.1:${port}/hook`,
        secret: 'a-test-secret-of-some-length',
      });
      assert.match(hook.secret, /^a-test-secret/);
      await s.labels.changeStatus(regulator, fx.labels.cam, { status: 'suspended', reason: 'under investigation' });
      await s.declarations.submitDeclaration(
        await acmeActor(),
        fx.products.lock,
        declarationFor({ brand: 'Bolt', model: 'LOCK-9', gtins: ['01234567890128'] }, '2029-06-30'),
      );
      // (version 1 of the lock ended 2028-06-30: the new version extends it)
      await s.labels.changeStatus(regulator, fx.labels.cam, { status: 'valid', reason: 'cleared' });
      await s.declarations.submitDeclaration(
        await acmeActor(),
        fx.products.plug,
        declarationFor({ brand: 'Acme', model: 'PLUG-1', gtins: ['12345678901231'] }, '2031-06-30'),
      );
      assert.equal(await s.retail.notices.followEvents(), 3, 'the plug is not watched');
      assert.equal(await s.retail.notices.followEvents(), 0);
      const { notices } = await s.retail.notices.noticesOf((shop as { organisationId: string }).organisationId);
      assert.deepEqual(
        notices.map((n) => n.type),
        ['label-reinstated', 'declaration-changed', 'label-suspended'],
      );
      assert.equal(
        (await s.retail.notices.noticesOf((other as { organisationId: string }).organisationId)).notices.length,
        0,
      );

      answer = 500;
      assert.equal(await s.retail.delivery.deliverDue(), 0);
      assert.equal(received.length, 1, 'a failed head blocks the queue: order per webhook');
      let log = await s.retail.webhooks.deliveries(shop, hook.id);
      const head = log.find((d) => d.type === 'label-suspended')!;
      assert.deepEqual([head.status, head.attempts, head.log[0]!.statusCode], ['pending', 1, 500]);
      assert.equal(await s.retail.delivery.deliverDue(), 0, 'not due before the backoff has passed');
      assert.equal(received.length, 1);
      answer = 200;
      clock = new Date(clock.getTime() + backoffMs(1, 1000, 8000));
      assert.equal(await s.retail.delivery.deliverDue(), 3);
      assert.deepEqual(
        received.map((r) => r.id),
        [notices[2]!.id, notices[2]!.id, notices[1]!.id, notices[0]!.id],
      );
      for (const r of received) {
        const [, t1, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(r.signature)!;
        assert.equal(createHmac('sha256', 'a-test-secret-of-some-length').update(`${t1}.${r.body}`).digest('hex'), v1);
        assert.equal((JSON.parse(r.body) as { id: string }).id, r.id);
      }
      log = await s.retail.webhooks.deliveries(shop, hook.id);
      assert.ok(log.every((d) => d.status === 'delivered'));
      assert.equal(log.find((d) => d.type === 'label-suspended')!.log.length, 2);
      await assert.rejects(s.retail.webhooks.deliveries(other, hook.id), hasCode('NOT_FOUND'));
      await s.retail.webhooks.remove(shop, hook.id);
      assert.deepEqual(await s.retail.webhooks.list(shop), []);
    });

    test('support periods: ending within the warning days, then ended; each told once', async () => {
      assert.equal(
        await s.retail.notices.scanSupportPeriods(new Date('2029-01-01T00:00:00Z')),
        0,
        'the lock now ends 2029-06-30, the camera 2030-12-31',
      );
      assert.equal(await s.retail.notices.scanSupportPeriods(new Date('2029-05-01T00:00:00Z')), 1);
      assert.equal(await s.retail.notices.scanSupportPeriods(new Date('2029-05-02T00:00:00Z')), 0);
      assert.equal(await s.retail.notices.scanSupportPeriods(new Date('2030-11-01T00:00:00Z')), 2);
      assert.equal(await s.retail.notices.scanSupportPeriods(new Date('2031-01-01T00:00:00Z')), 1);
      assert.equal(await s.retail.notices.scanSupportPeriods(new Date('2031-01-02T00:00:00Z')), 0);
      const { notices } = await s.retail.notices.noticesOf((shop as { organisationId: string }).organisationId);
      const told = notices
        .filter((n) => n.type.startsWith('support-'))
        .map((n) => `${n.type} ${n.product.model} ${n.supportEndDate}`)
        .sort();
      assert.deepEqual(told, [
        'support-ended CAM-200 2030-12-31',
        'support-ended LOCK-9 2029-06-30',
        'support-ending CAM-200 2030-12-31',
        'support-ending LOCK-9 2029-06-30',
      ]);
    });

    async function acmeActor(): Promise<Actor> {
      const product = await s.products.getProduct(fx.products.lock);
      const key = await s.organisations.createKey(operator, product.manufacturer.id, {});
      return s.organisations.authenticate(key.key);
    }
  });
}

test('the catalogue fixture keeps its extra rows', () => {
  assert.match(new TextDecoder().decode(retailCatalogueCsv()), /S15,05012345678115/);
});

test('webhook addresses: public ones pass; private, loopback, link-local, CGNAT and mapped forms do not', async () => {
  const { addressAllowed: allowed } = await import('../../../src/net/address-policy.js');
  const addressAllowed = (a: string, allowLoopback: boolean) => allowed(a, { allowLoopback });
  for (const a of ['1.1.1.1', '8.8.8.8', '::ffff:8.8.8.8', '2606:4700::1111'])
    assert.equal(addressAllowed(a, false), true, a);
  for (const a of [
    '10.0.0.1',
    '172.16.5.5',
    '192.168.1.1',
    '127.0.0.1',
    '0.0.0.0',
    '169.254.169.254',
    '100.64.0.1',
    '::1',
    '::ffff:127.0.0.1',
    'fe80::1',
    'fd00::1',
    'not-an-ip',
  ])
    assert.equal(addressAllowed(a, false), false, a);
  assert.equal(addressAllowed('127.0.0.1', true), true, 'loopback only with the development option');
  assert.equal(addressAllowed('10.0.0.1', true), false, 'never other private ranges');
});

test('webhook secrets are sealed under a 0600 key file made on first use, and open only for their own webhook', async () => {
  const { mkdtempSync, rmSync, statSync, existsSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { sealerFor } = await import('../../../src/registry/retail/webhooks-secrets.js');
  const dir = mkdtempSync(join(tmpdir(), 'iotlabel-seal-'));
  try {
    const sealer = sealerFor(dir);
    assert.equal(existsSync(join(dir, 'keys', 'webhook-secrets.key')), false, 'no key file until a secret is sealed');
    const sealed = sealer.seal('whsec_example_secret', 'whk_a');
    assert.ok(!sealed.includes('whsec_example_secret'));
    assert.equal(statSync(join(dir, 'keys', 'webhook-secrets.key')).mode & 0o777, 0o600);
    assert.equal(
      sealerFor(dir).open(sealed, 'whk_a'),
      'whsec_example_secret',
      'another process with the same folder opens it',
    );
    assert.throws(() => sealer.open(sealed, 'whk_b'), hasCode('KEY_INVALID'));
    assert.throws(
      () => sealerFor(mkdtempSync(join(tmpdir(), 'iotlabel-seal-other-'))).open(sealed, 'whk_a'),
      hasCode('KEY_INVALID'),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
