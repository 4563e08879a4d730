// The one address policy, form by form: every IPv6 spelling that reaches an internal IPv4 address (mapped,
// translated, compatible, 6to4, NAT64, Teredo; dotted or hex; bracketed as in a URL) is refused, as are the
// internal IPv6 ranges, and the two callers (evidence fetch, webhooks) give the same answer for each form.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addressAllowed, addressRefusal, isLoopbackHost } from '../../src/net/address-policy.js';
import { checkWebhookUrl } from '../../src/net/webhook-url.js';

const refused: [form: string, address: string][] = [
  ['IPv4 loopback', '127.0.0.1'],
  ['IPv4 loopback, not .1', '127.255.0.9'],
  ['IPv4 private 10/8', '10.1.2.3'],
  ['IPv4 private 172.16/12', '172.20.0.1'],
  ['IPv4 private 192.168/16', '192.168.0.1'],
  ['IPv4 link-local (cloud metadata)', '169.254.169.254'],
  ['IPv4 CGNAT', '100.100.0.1'],
  ['IPv4 multicast', '239.1.1.1'],
  ['IPv4 reserved', '240.0.0.1'],
  ['IPv4 broadcast', '255.255.255.255'],
  ['IPv4 unspecified', '0.0.0.0'],
  ['IPv4 this-network', '0.1.2.3'],
  ['IPv4 documentation', '203.0.113.7'],
  ['IPv4 benchmarking', '198.19.0.1'],
  ['IPv4 6to4 relay anycast', '192.88.99.1'],
  ['IPv6 loopback', '::1'],
  ['IPv6 loopback, full', '0:0:0:0:0:0:0:1'],
  ['IPv6 unspecified', '::'],
  ['IPv4-mapped, dotted', '::ffff:127.0.0.1'],
  ['IPv4-mapped, hex', '::ffff:7f00:1'],
  ['IPv4-mapped, full', '0:0:0:0:0:ffff:a9fe:a9fe'],
  ['IPv4-mapped private, dotted', '::ffff:10.0.0.1'],
  ['IPv4-translated, dotted', '::ffff:0:127.0.0.1'],
  ['IPv4-translated, hex', '::ffff:0:a00:1'],
  ['IPv4-compatible, dotted', '::127.0.0.1'],
  ['IPv4-compatible, hex', '::a9fe:a9fe'],
  ['IPv4-compatible public (deprecated form)', '::8.8.8.8'],
  ['6to4 of a private address', '2002:a00:1::1'],
  ['6to4 of a public address', '2002:808:808::1'],
  ['local-use NAT64', '64:ff9b:1::a00:1'],
  ['NAT64 of a private address, dotted', '64:ff9b::10.0.0.1'],
  ['NAT64 of loopback, hex', '64:ff9b::7f00:1'],
  ['Teredo', '2001:0:4136:e378:8000:63bf:3fff:fdd2'],
  ['Teredo, short', '2001::1'],
  ['IPv6 documentation', '2001:db8::1'],
  ['IPv6 discard', '100::1'],
  ['site-local', 'fec0::1'],
  ['site-local, upper end', 'feff::1'],
  ['unique local fc00::/7', 'fc00::1'],
  ['unique local fd', 'fd12:3456::1'],
  ['link-local', 'fe80::1'],
  ['link-local with a zone', 'fe80::1%eth0'],
  ['IPv6 multicast', 'ff02::1'],
  ['bracketed loopback', '[::1]'],
  ['bracketed mapped hex', '[::ffff:7f00:1]'],
  ['bracketed mapped dotted', '[::ffff:169.254.169.254]'],
  ['bracketed 6to4', '[2002:7f00:1::]'],
  ['upper-case hex', '::FFFF:7F00:1'],
  ['not an address', 'example.com'],
];

const allowed: [form: string, address: string][] = [
  ['public IPv4', '93.184.216.34'],
  ['public IPv4 next to 172.16/12', '172.32.0.1'],
  ['public IPv4 next to 100.64/10', '100.128.0.1'],
  ['public IPv6', '2606:4700:4700::1111'],
  ['public IPv6, bracketed', '[2a00:1450:4009:81f::200e]'],
  ['IPv4-mapped public, dotted', '::ffff:8.8.8.8'],
  ['IPv4-mapped public, hex', '::ffff:808:808'],
  ['IPv4-translated public', '::ffff:0:808:808'],
];

for (const [form, address] of refused)
  test(`refused: ${form} (${address})`, () => {
    assert.notEqual(addressRefusal(address), null);
    assert.equal(addressAllowed(address), false);
  });

for (const [form, address] of allowed)
  test(`allowed: ${form} (${address})`, () => {
    assert.equal(addressRefusal(address), null);
  });

test('the loopback allowance opens loopback in every spelling and nothing else', () => {
  for (const a of ['127.0.0.1', '::1', '[::1]', '::ffff:127.0.0.1', '::ffff:7f00:1'])
    assert.equal(addressRefusal(a, { allowLoopback: true }), null, a);
  for (const a of [
    '10.0.0.1',
    '169.254.169.254',
    '::',
    '::ffff:10.0.0.1',
    '2002:7f00:1::',
    '64:ff9b::7f00:1',
    'fe80::1',
  ])
    assert.notEqual(addressRefusal(a, { allowLoopback: true }), null, a);
  assert.equal(isLoopbackHost('[::ffff:7f00:1]'), true);
  assert.equal(isLoopbackHost('localhost'), true);
  assert.equal(isLoopbackHost('10.0.0.1'), false);
});

test('webhook URLs with a refused literal host are refused, however the URL spells it', () => {
  for (const raw of [
    'https://[::ffff:7f00:1]/hook',
    'https://[::ffff:127.0.0.1]/hook',
    'https://[::ffff:0:127.0.0.1]/hook',
    'https://[::127.0.0.1]/hook',
    'https://[2002:a00:1::1]/hook',
    'https://[64:ff9b:1::a00:1]/hook',
    'https://[64:ff9b::10.0.0.1]/hook',
    'https://[2001::1]/hook',
    'https://[fec0::1]/hook',
    'https://[fd00::1]/hook',
    'https://[fe80::1]/hook',
    'https://2130706433/hook', // 127.0.0.1 as one decimal number
    'https://0x7f.1/hook', // 127.0.0.1 in hex and short form
    'https://169.254.169.254/latest/meta-data',
  ])
    assert.throws(
      () => checkWebhookUrl(raw, false),
      (e: unknown) => (e as { code?: string }).code === 'URL_NOT_ALLOWED',
      raw,
    );
  assert.equal(checkWebhookUrl('https://[::ffff:808:808]/hook', false).hostname, '[::ffff:808:808]');
  assert.equal(checkWebhookUrl('http://[::1]:8080/hook', true).port, '8080');
});
