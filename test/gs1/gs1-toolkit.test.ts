// The printed QR link against GS1's own toolkit, digital-link.js: today's form (the token in the "label"
// query attribute) is a valid GS1 Digital Link whose AI 01 is the label's GTIN; the older form (#token) is
// what the toolkit rejected, folding the token into the GTIN, and iotlabel still reads it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { gtinDigitalLink } from '../../src/gs1/digital-link.js';
import { labelLink, parseLabelLink } from '../../src/labels/label-link.js';
import { signLabel } from '../../src/labels/sign-label.js';
import { activeKey, sampleLabel } from '../labels/fixtures.js';

interface GS1DigitalLink {
  isValid(): boolean;
  getIdentifier(): Record<string, string>;
  getAttributes(): Record<string, string>;
}
const { DigitalLink } = createRequire(import.meta.url)('digital-link.js') as {
  DigitalLink: (uri: string) => GS1DigitalLink;
};

const token = signLabel(sampleLabel(), activeKey);
const gtin = sampleLabel().gtin;

test("today's link is a valid GS1 Digital Link for GS1's toolkit, with the label's GTIN as AI 01", () => {
  for (const base of ['https://labels.example', 'http://127.0.0.1:8080', 'https://registry.example/uk']) {
    const link = DigitalLink(labelLink(base, gtin, token));
    assert.equal(link.isValid(), true, base);
    assert.deepEqual(link.getIdentifier(), { '01': gtin });
    assert.equal(link.getAttributes().label, token, 'the token travels as a non-GS1 attribute');
  }
});

test('what iotlabel reads from the link is what the toolkit reads', () => {
  const uri = labelLink('https://labels.example', gtin, token);
  const ours = parseLabelLink(uri);
  assert.deepEqual([ours.gtin, ours.token, ours.form], [DigitalLink(uri).getIdentifier()['01'], token, 'query']);
});

test('the older #token form: the toolkit refuses it, iotlabel still reads the label', () => {
  const old = gtinDigitalLink('https://labels.example', gtin, token);
  assert.equal(DigitalLink(old).isValid(), false);
  assert.notEqual(DigitalLink(old).getIdentifier()['01'], gtin, 'the toolkit folds the token into the GTIN');
  assert.deepEqual(parseLabelLink(old), { stem: 'https://labels.example', gtin, token, form: 'fragment' });
});

test('a GTIN with a bad check digit: the toolkit and iotlabel both refuse the link', () => {
  const bad = `https://labels.example/01/05012345678901?label=${token}`;
  assert.equal(DigitalLink(bad).isValid(), false);
  assert.throws(() => parseLabelLink(bad), { code: 'LABEL_LINK_INVALID' });
});
