import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PNG } from 'pngjs';
import jsQRModule from 'jsqr';
import { Resvg } from '@resvg/resvg-js';
import { renderLabelSvg, type LabelFace } from '../../src/labels/label-svg.js';
import { renderLabelPng } from '../../src/labels/label-png.js';
import { qrSymbol } from '../../src/labels/qr.js';
import { signLabel } from '../../src/labels/sign-label.js';
import { verifyLabel } from '../../src/labels/verify-label.js';
import { labelLink, parseLabelLink } from '../../src/labels/label-link.js';
import { activeKey, jwks, sampleLabel, code } from './fixtures.js';

// jsqr is CommonJS whose module.exports carries the function as `default`.
const jsQR = (jsQRModule as unknown as { default: typeof jsQRModule.default }).default;
const token = signLabel(sampleLabel(), activeKey);
const url = labelLink('https://labels.example', sampleLabel().gtin, token);
const face: LabelFace = {
  labelId: '7K2Q9M4XRT',
  brand: 'Acme',
  model: 'CAM-200',
  shield: 'tick',
  supportEndDate: '2030-12-31',
  url,
};

describe('the QR code', () => {
  test('the label URL fits a QR code at error correction M, version 18 or lower (measured)', () => {
    const symbol = qrSymbol(url);
    assert.ok(url.length < 560, `URL is ${url.length} characters`);
    assert.ok(symbol.version <= 18, `version ${symbol.version}`);
    assert.equal(symbol.size, 17 + 4 * symbol.version);
  });

  test('a larger registry (long host, big indices) still fits version 19 or lower', () => {
    const big = signLabel(
      sampleLabel({
        issuer: 'https://labels.registry.example.org',
        statusList: { uri: 'https://labels.registry.example.org/v1/status-lists/123', index: 9_999_999 },
        logIndex: 99_999_999,
        labelId: '7K2Q9M4XRTAB',
      }),
      activeKey,
    );
    const symbol = qrSymbol(labelLink('https://labels.registry.example.org', sampleLabel().gtin, big));
    assert.ok(symbol.version <= 19, `version ${symbol.version}`);
  });
});

describe('renderLabelSvg', () => {
  test('is accessible: role img, title and desc referenced by aria-labelledby, real text', () => {
    const svg = renderLabelSvg(face, { at: '2027-01-01' });
    assert.match(svg, /<svg [^>]*role="img"[^>]*aria-labelledby="label-7K2Q9M4XRT-title label-7K2Q9M4XRT-desc"/);
    assert.match(svg, /<title id="label-7K2Q9M4XRT-title">Security label for Acme CAM-200<\/title>/);
    assert.match(
      svg,
      /<desc id="label-7K2Q9M4XRT-desc">Unique passwords and a way to report security problems\. Security updates until 31 December 2030\./,
    );
    for (const text of [
      'Security updates until',
      '31 December 2030',
      'Acme',
      'CAM-200',
      '7K2Q9M4XRT',
      'Scan to check',
    ]) {
      assert.match(svg, new RegExp(`<text [^>]*>${text}</text>`), text);
    }
  });

  test('a cross says what is missing', () => {
    assert.match(renderLabelSvg({ ...face, shield: 'cross' }, { at: '2027-01-01' }), /Missing unique/);
  });

  test('after the support end date it says visibly that the period ended', () => {
    const before = renderLabelSvg(face, { at: '2030-12-31' });
    const after = renderLabelSvg(face, { at: '2031-01-01' });
    assert.doesNotMatch(before, /ended/);
    assert.match(after, /<text [^>]*>Security updates ended on<\/text>/);
    assert.match(after, /<text [^>]*>The support period has ended<\/text>/);
  });

  test('a revoked or suspended label carries a band saying so', () => {
    assert.match(renderLabelSvg(face, { at: '2027-01-01', status: 'revoked' }), /<text [^>]*>REVOKED<\/text>/);
    assert.match(renderLabelSvg(face, { at: '2027-01-01', status: 'suspended' }), /<text [^>]*>SUSPENDED<\/text>/);
    assert.doesNotMatch(renderLabelSvg(face, { at: '2027-01-01' }), /REVOKED|SUSPENDED/);
  });

  test('sizes for packaging (mm) and web (px) with the same drawing', () => {
    assert.match(
      renderLabelSvg(face, { at: '2027-01-01', size: 'packaging' }),
      /width="60mm" height="84mm" viewBox="0 0 400 560"/,
    );
    assert.match(
      renderLabelSvg(face, { at: '2027-01-01', size: 'web' }),
      /width="400" height="560" viewBox="0 0 400 560"/,
    );
  });

  test('hostile brand and model names are escaped and the SVG stays well-formed', () => {
    const hostile = {
      ...face,
      brand: '<script>alert(1)</script>&"\'',
      model: '"><svg onload=alert(1)>\u0000\u0007\uD800',
    };
    const svg = renderLabelSvg(hostile, { at: '2027-01-01' });
    assert.doesNotMatch(svg, /<script|<svg onload/);
    assert.ok(!svg.includes('\u0000') && !svg.includes('\u0007'), 'no control characters');
    assert.match(svg, /&lt;script&gt;alert\(1\)&lt;\/script&gt;&amp;&quot;&#39;/);
    assert.doesNotThrow(() => new Resvg(svg).render());
  });

  test('bad facts are refused with INPUT_INVALID', () => {
    assert.equal(
      code(() => renderLabelSvg({ ...face, labelId: 'a b' }, { at: '2027-01-01' })),
      'INPUT_INVALID',
    );
    assert.equal(
      code(() => renderLabelSvg({ ...face, brand: '' }, { at: '2027-01-01' })),
      'INPUT_INVALID',
    );
    assert.equal(
      code(() => renderLabelSvg({ ...face, supportEndDate: '2030-13-01' }, { at: '2027-01-01' })),
      'INPUT_INVALID',
    );
  });
});

describe('renderLabelPng', () => {
  // jsQR needs about 5 pixels per module; phones read the printed label at far fewer.
  test('the QR code in the PNG decodes to the URL, whose token verifies', () => {
    const png = PNG.sync.read(renderLabelPng(renderLabelSvg(face, { at: '2027-01-01' }), { width: 1200 }));
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    assert.ok(decoded, 'a QR code was found');
    assert.equal(decoded.data, url);
    const link = parseLabelLink(decoded.data);
    const result = verifyLabel(link.token, { keys: jwks, at: '2027-01-01', gtin: link.gtin, offline: true });
    assert.deepEqual(result.label, sampleLabel());
  });

  test('text is drawn: the label has dark pixels in the text areas, not only the QR code', () => {
    const png = PNG.sync.read(renderLabelPng(renderLabelSvg(face, { at: '2027-01-01' }), { width: 400 }));
    // The brand line sits at y ~ 310..340 in a 400-wide render, right of the margin and above the QR code.
    let dark = 0;
    for (let y = 310; y < 340; y++) for (let x = 28; x < 200; x++) if (png.data[(y * png.width + x) * 4]! < 100) dark++;
    assert.ok(dark > 100, `${dark} dark pixels where the brand is written`);
  });
});
