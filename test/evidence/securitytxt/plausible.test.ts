// Issue 18, point 4: evidence of the wrong kind. A file is refused as a security.txt when it is binary, has none
// of RFC 9116's fields, or is mostly lines that are not fields (a CSV); real files, signed or with fields the
// RFC does not define, are still security.txt files (the parser then says what is wrong with them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { notASecurityTxt } from '../../../src/evidence/securitytxt/plausible.js';
import { makeSignedFixture } from './signed-fixture.js';

const GOOD = 'Contact: mailto:security@example.com\nExpires: 2027-06-30T00:00:00.000Z\nPreferred-Languages: en\n';

test('security.txt files, including signed ones, odd field names and CRLF, are plausible', async () => {
  for (const text of [
    GOOD,
    GOOD.replace(/\n/g, '\r\n'),
    '# Our policy\n\nContact:mailto:a@example.com\n',
    'Bug Bounty Contact: bugbounty@example.com\nHiring: https://example.com/jobs\n# no RFC contact, still a security.txt\n',
    (await makeSignedFixture(GOOD)).signed,
  ])
    assert.equal(notASecurityTxt(text), undefined, text);
});

test('a CSV, JSON, an HTML page or a binary file is refused with the reason', () => {
  const cases: [string, RegExp][] = [
    ['gtin,sku,name\n05012345678900,A1,Camera\n05012345678917,A2,Plug\n', /none of the RFC 9116 fields/],
    ['{"foo":1}', /none of the RFC 9116 fields/],
    ['{\n  "Contact": "mailto:a@example.com"\n}\n', /none of the RFC 9116 fields/],
    ['<html><body>Not found</body></html>\n', /none of the RFC 9116 fields/],
    ['gtin,contact\n1,a\n2,b\n3,c\nContact: mailto:a@example.com\n', /4 of its 5 lines are not "Field: value"/],
    ['Contact: mailto:a@example.com\n\u0000\u0001\u0002', /binary file/],
    ['Contact: mailto:a@example.com\n\ufffd\ufffdPNG', /binary file/],
  ];
  for (const [text, reason] of cases) assert.match(notASecurityTxt(text) ?? 'accepted', reason, text);
});
