// Each vendor algorithm against its published test vector (reference §2 / §6.4), and a recipe for the
// ones without a published vector.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { thomsonSsid, VENDOR_ALGORITHMS } from '../../../src/evidence/passwords/index.js';

const alg = (id: string) => VENDOR_ALGORITHMS.find((a) => a.id === id)!;

test('Thomson/SpeedTouch: CP0615JT109 (53) -> 742DA831D2, SSID SpeedTouchF8A3D0', () => {
  // printf 'CP0615313039' | sha1sum  ->  742da831d2b6...e1ebf8a3d0
  assert.equal(alg('thomson').derive({ serial: 'CP0615JT109 (53)' }), '742DA831D2');
  assert.equal(thomsonSsid('CP0615JT109 (53)'), 'SpeedTouchF8A3D0');
  assert.ok(alg('thomson').matches('742da831d2', { serial: 'CP0615JT109' }));
});

test('Arcadyan EasyBox: 00:12:BF:91:0B:EC -> F9C8C9DEF', () => {
  assert.equal(alg('arcadyan').derive({ mac: '0012BF910BEC' }), 'F9C8C9DEF');
});

test('Belkin: Belkin.c0de 94:44:52:00:C0:DE -> 040D93B0', () => {
  assert.equal(alg('belkin').derive({ mac: '94445200C0DE' }), '040D93B0');
  assert.ok(alg('belkin').matches('040D93B0', { mac: '94445200C0DE' }));
});

test('TP-Link: F8:D1:11:1E:28:A5 -> 111E28A5', () => {
  assert.equal(alg('tplink').derive({ mac: 'F8D1111E28A5' }), '111E28A5');
});

test('Speedport 500: WLAN-903704 / 00:1D:19:90:37:DD includes SP-0947DD059', () => {
  const inputs = { mac: '001D199037DD', ssid: 'WLAN-903704' };
  assert.ok(alg('speedport500').matches('SP-0947DD059', inputs));
  assert.ok(!alg('speedport500').matches('SP-0947DD058', inputs), 'the first and last unknown digit are the same');
  assert.equal(alg('speedport500').derive(inputs, 59), 'SP-0947DD059');
});

test('ZyXEL (no published vector): md5(lowercase(MAC[0:8] + SSID suffix))[0:20] upper', () => {
  // printf '00134912ab3f' | md5sum, first 20 hex digits, upper case
  const want = createHash('md5').update('00134912ab3f').digest('hex').slice(0, 20).toUpperCase();
  assert.equal(alg('zyxel').derive({ mac: '00134912AAAA', ssid: 'ZyXELAB3F' }), want);
});

test('UBEE (no published vector): 8 upper-case letters, and the 24-bit truncation makes distinct MACs collide', () => {
  const ubee = alg('ubee');
  const seen = new Map<string, string>();
  let collisions = 0;
  for (let i = 0; i < 20_000; i++) {
    const mac = `647C34${i.toString(16).toUpperCase().padStart(6, '0')}`;
    const key = ubee.derive({ mac })!;
    assert.match(key, /^[A-Z]{8}$/);
    if (seen.has(key)) collisions++;
    seen.set(key, mac);
  }
  // 20,000 draws from at most 2^24 values: about 12 colliding pairs expected; a 26^8 keyspace would give none.
  assert.ok(collisions >= 3, `${collisions} collisions`);
});
