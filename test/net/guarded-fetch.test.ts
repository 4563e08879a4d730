// The SSRF guard: which addresses the registry refuses to fetch from, names resolved before fetching, and
// the loopback allowance (development and tests only) that never opens private or link-local ranges.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addressRefusal, checkHost } from '../../src/net/address-policy.js';
import { guardedFetch } from '../../src/net/guarded-fetch.js';
import { hasCode } from '../support/assert.js';

test('loopback, private, link-local, shared, multicast and reserved addresses are refused', () => {
  for (const ip of [
    '127.0.0.1',
    '127.8.9.10',
    '10.0.0.1',
    '10.255.255.255',
    '172.16.0.1',
    '172.31.255.254',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '198.18.0.1',
    '::1',
    '::',
    'fe80::1',
    'fd00::1',
    'fc00::1',
    'ff02::1',
    '::ffff:10.0.0.1',
    '::ffff:7f00:1',
    '::ffff:169.254.169.254',
    '[::1]',
  ]) {
    assert.notEqual(addressRefusal(ip), null, `${ip} must be refused`);
  }
  assert.match(addressRefusal('127.0.0.1')!, /loopback/);
  assert.match(addressRefusal('169.254.169.254')!, /private, link-local or reserved/);
});

test('public addresses are allowed', () => {
  for (const ip of [
    '93.184.216.34',
    '8.8.8.8',
    '172.32.0.1',
    '192.169.0.1',
    '2606:4700:4700::1111',
    '2a00:1450:4009:81f::200e',
    '::ffff:8.8.8.8',
  ]) {
    assert.equal(addressRefusal(ip), null, ip);
  }
});

test('allowing loopback opens 127.0.0.0/8 and ::1 only', () => {
  assert.equal(addressRefusal('127.0.0.1', { allowLoopback: true }), null);
  assert.equal(addressRefusal('::1', { allowLoopback: true }), null);
  for (const ip of ['10.1.2.3', '169.254.169.254', '192.168.0.1', 'fe80::1'])
    assert.notEqual(addressRefusal(ip, { allowLoopback: true }), null, ip);
});

test('checkHost resolves names and refuses when any address is internal', async () => {
  const resolver = (answers: Record<string, string[]>) => async (host: string) => {
    const found = answers[host];
    if (!found) throw Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' });
    return found;
  };
  const dns = resolver({
    'good.example': ['93.184.216.34'],
    'inside.example': ['10.0.0.5'],
    'mixed.example': ['93.184.216.34', '169.254.169.254'],
  });
  assert.deepEqual(await checkHost('good.example', {}, dns), ['93.184.216.34']);
  await assert.rejects(
    checkHost('inside.example', {}, dns),
    (e: unknown) => hasCode('ADDRESS_NOT_ALLOWED')(e) && /10\.0\.0\.5/.test((e as Error).message),
  );
  await assert.rejects(checkHost('mixed.example', {}, dns), hasCode('ADDRESS_NOT_ALLOWED'));
  await assert.rejects(checkHost('missing.example', {}, dns), hasCode('ADDRESS_NOT_ALLOWED'));
  await assert.rejects(checkHost('127.0.0.1', {}, dns), hasCode('ADDRESS_NOT_ALLOWED'));
  await assert.rejects(checkHost('10.1.1.1', {}, dns), hasCode('ADDRESS_NOT_ALLOWED'));
  await assert.rejects(checkHost('169.254.169.254', { allowLoopback: true }, dns), hasCode('ADDRESS_NOT_ALLOWED'));
  await assert.rejects(checkHost('localhost', {}, dns), hasCode('ADDRESS_NOT_ALLOWED'));
  assert.deepEqual(await checkHost('127.0.0.1', { allowLoopback: true }, dns), ['127.0.0.1']);
});

test('guardedFetch refuses an internal address literal without connecting, and records it', async () => {
  const guard = guardedFetch();
  await assert.rejects(
    guard.fetch('http://169.254.169.254/latest/meta-data', { method: 'GET' }),
    hasCode('ADDRESS_NOT_ALLOWED'),
  );
  await assert.rejects(guard.fetch('http://127.0.0.1:9/', { method: 'GET' }), hasCode('ADDRESS_NOT_ALLOWED'));
  assert.deepEqual(guard.refused, ['169.254.169.254', '127.0.0.1']);
});
