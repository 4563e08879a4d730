import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gtinDigitalLink, parseGtinDigitalLink } from '../../src/gs1/digital-link.js';

test('a label link puts the 14-digit GTIN under /01/ and the token in the fragment', () => {
  assert.equal(
    gtinDigitalLink('https://reg.example/', '5012345678900', 'abc.def.ghi'),
    'https://reg.example/01/05012345678900#abc.def.ghi',
  );
  assert.equal(gtinDigitalLink('https://reg.example', '12345678901231'), 'https://reg.example/01/12345678901231');
});

test('parsing returns the GTIN, serial and fragment', () => {
  assert.deepEqual(parseGtinDigitalLink('https://reg.example/01/05012345678900#tok'), {
    stem: 'https://reg.example',
    gtin: '05012345678900',
    fragment: 'tok',
  });
  assert.deepEqual(parseGtinDigitalLink('https://id.gs1.org/01/12312312312326/21/abc123'), {
    stem: 'https://id.gs1.org',
    gtin: '12312312312326',
    serial: 'abc123',
  });
});

test('bad links are refused with GTIN_INVALID', () => {
  for (const uri of [
    'https://reg.example/',
    'ftp://x/01/05012345678900',
    'https://x/01/05012345678901',
    'HtTp://x/01/05012345678900',
  ]) {
    assert.throws(() => parseGtinDigitalLink(uri), { code: 'GTIN_INVALID' }, uri);
  }
});

test('key qualifiers 22, 10 and 21 are written in GS1 order, escaped, and read back', () => {
  const uri = gtinDigitalLink('https://reg.example', '05012345678900', 'tok', { serial: 'S+1', lot: 'B7', cpv: '2A' });
  assert.equal(uri, 'https://reg.example/01/05012345678900/22/2A/10/B7/21/S%2B1#tok');
  assert.deepEqual(parseGtinDigitalLink(uri), {
    stem: 'https://reg.example',
    gtin: '05012345678900',
    cpv: '2A',
    lot: 'B7',
    serial: 'S+1',
    fragment: 'tok',
  });
  assert.throws(() => gtinDigitalLink('https://x', '05012345678900', undefined, { serial: 'x'.repeat(21) }), {
    code: 'GTIN_INVALID',
  });
  for (const bad of [
    'https://x/01/05012345678900/21/A/10/B',
    'https://x/01/05012345678900/99/A',
    'https://x/01/05012345678900/21/',
    'https://x/01/05012345678900/21/%00',
  ]) {
    assert.throws(() => parseGtinDigitalLink(bad), { code: 'GTIN_INVALID' }, bad);
  }
});
