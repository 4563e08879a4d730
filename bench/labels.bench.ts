// Labels: offline verifications per second against raw node:crypto Ed25519 verifies of the same message in
// the same run (budget >= 0.8x), and label faces rendered per second (SVG and PNG).
import { verify } from 'node:crypto';
import { opsPerSecond, type BenchFigure } from './harness.js';
import { generateLabelKey, publicLabelJwk } from '../src/labels/keys.js';
import { jwksDocument } from '../src/labels/jwks.js';
import { signLabel } from '../src/labels/sign-label.js';
import { verifyLabel } from '../src/labels/verify-label.js';
import { decodeStatusList, encodeStatusList } from '../src/labels/status-list.js';
import { renderLabelSvg } from '../src/labels/label-svg.js';
import { renderLabelPng } from '../src/labels/label-png.js';
import { gtinDigitalLink } from '../src/gs1/digital-link.js';
import { keyringOf } from '../src/labels/keyring.js';

export async function run({ quick }: { quick: boolean }): Promise<BenchFigure[]> {
  const ms = quick ? 400 : 2000;
  const key = generateLabelKey();
  const keys = jwksDocument([publicLabelJwk(key)]);
  const uri = 'https://labels.example/v1/status-lists/1';
  const token = signLabel(
    {
      issuer: 'https://labels.example',
      labelId: '7K2Q9M4XRT',
      gtin: '05012345678900',
      regime: 'uk-2019-option-a',
      shield: 'tick',
      supportEndDate: '2030-12-31',
      issuedAt: 1_795_168_800,
      statusList: { uri, index: 1234 },
      logIndex: 42,
    },
    key,
  );
  // 100,000 labels, 1% revoked: a realistic list, decoded once as a till would cache it.
  const list = {
    ...decodeStatusList(encodeStatusList(Array.from({ length: 100_000 }, (_, i) => (i % 100 === 7 ? 1 : 0)))),
    uri,
  };
  const last = token.lastIndexOf('.');
  const message = Buffer.from(token.slice(0, last), 'latin1');
  const signature = Buffer.from(token.slice(last + 1), 'base64url');
  const publicKey = keyringOf(keys).get(key.kid)!.key;
  const raw = () => void verify(null, message, publicKey, signature);
  const ours = () => void verifyLabel(token, { keys, at: '2027-01-01', statusList: list });

  // Alternate the two so that both see the same machine load; keep each one's best.
  let rawRate = 0;
  let ourRate = 0;
  for (let round = 0; round < 3; round++) {
    rawRate = Math.max(rawRate, opsPerSecond(raw, ms / 2));
    ourRate = Math.max(ourRate, opsPerSecond(ours, ms / 2));
  }
  const ratio = ourRate / rawRate;

  const url = gtinDigitalLink('https://labels.example', '05012345678900', token);
  const face = {
    labelId: '7K2Q9M4XRT',
    brand: 'Acme',
    model: 'Indoor Camera CAM-200',
    shield: 'tick' as const,
    supportEndDate: '2030-12-31',
    url,
    scheme: 'UK IoT security label',
    issuer: 'labels.example',
  };
  const svgRate = opsPerSecond(() => void renderLabelSvg(face, { at: '2027-01-01' }), ms);
  const svg = renderLabelSvg(face, { at: '2027-01-01' });
  const pngRate = opsPerSecond(() => void renderLabelPng(svg, { width: 800 }), quick ? 1000 : 3000);

  return [
    {
      name: 'labels: offline verifyLabel (signature, claims, key, status list, support date)',
      value: ourRate,
      unit: 'verifications/s',
      baseline: { name: 'raw node:crypto Ed25519 verify of the same message', value: rawRate, unit: 'verifies/s' },
      ratio,
      ratioMeaning: 'verifyLabel rate / raw verify rate',
      target: '>= 0.8',
      met: ratio >= 0.8,
      notes: { tokenChars: token.length, statusListEntries: 100_000 },
    },
    { name: 'labels: label face rendered as SVG (with QR code)', value: svgRate, unit: 'labels/s' },
    {
      name: 'labels: label face rendered as PNG (resvg, 800 px wide)',
      value: pngRate,
      unit: 'labels/s',
      notes: { svgToPngOnly: 'yes' },
    },
  ];
}
