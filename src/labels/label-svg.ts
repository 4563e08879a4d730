// The label face, as the 2019 proposal describes it: a shield with a tick or a cross and what it means, the
// date until which security updates are promised (in words), brand and model, a QR code and a short label
// id. Accessible (role="img", <title>, <desc>, real <text>). After the support end date the face says the
// period ended; a revoked or suspended label carries a band saying so.
import type { Shield } from './claims.js';
import { dateInWords, isCalendarDate } from '../calendar.js';
import { LabelInputInvalid } from './errors.js';
import { qrSymbol } from './qr.js';
import { escapeXml, wrapText } from './svg-text.js';

export interface LabelFace {
  labelId: string;
  brand: string;
  model: string;
  shield: Shield;
  supportEndDate: string;
  /** What the QR code encodes: https://HOST/01/<GTIN-14>#<token>. */
  url: string;
}

export type LabelSize = 'packaging' | 'web';

export interface RenderLabelOptions {
  /** The day of rendering, YYYY-MM-DD: after the support end date the face says the period ended. */
  at: string;
  status?: 'valid' | 'revoked' | 'suspended';
  /** packaging: 60 x 84 mm; web: 400 x 560 px. The drawing is the same. */
  size?: LabelSize;
}

const W = 400;
const H = 560;
const FONT = "Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif";
const GREEN = '#00703c';
const RED = '#d4351c';
const INK = '#0b0c0c';
const GREY = '#505a5f';
const SIZES: Record<LabelSize, { width: string; height: string }> = {
  packaging: { width: '60mm', height: '84mm' },
  web: { width: '400', height: '560' },
};
const MEANING: Record<Shield, string> = {
  tick: 'Unique passwords and a way to report security problems',
  cross: 'Missing unique passwords or a way to report security problems',
};
const LABEL_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const MAX_NAME = 200;

export function renderLabelSvg(face: LabelFace, options: RenderLabelOptions): string {
  checkFace(face, options);
  const ended = options.at > face.supportEndDate;
  const status = options.status ?? 'valid';
  const date = dateInWords(face.supportEndDate);
  const product = `${face.brand} ${face.model}`;
  const lead = ended ? 'Security updates ended on' : 'Security updates until';
  const updates = `${lead} ${date}`;
  const meaning = MEANING[face.shield];
  const banner =
    status === 'revoked'
      ? 'REVOKED: this label has been withdrawn'
      : status === 'suspended'
        ? 'SUSPENDED: this label is on hold'
        : null;
  const id = `label-${face.labelId}`;
  const title = `Security label for ${product}${banner === null ? '' : ` (${status})`}`;
  const desc = [
    meaning,
    updates,
    ended ? 'The support period has ended.' : null,
    `Label ID ${face.labelId}.`,
    banner === null ? null : `${banner}.`,
    `Scan the QR code to check the label: ${face.url}`,
  ]
    .filter((s) => s !== null)
    .join('. ')
    .replace(/\.\./g, '.');
  const { width, height } = SIZES[options.size ?? 'web'];

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${width}" height="${height}" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${id}-title ${id}-desc" font-family="${FONT}">`,
    `<title id="${id}-title">${escapeXml(title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(desc)}</desc>`,
    `<rect x="4" y="4" width="${W - 8}" height="${H - 8}" rx="16" fill="#ffffff" stroke="${INK}" stroke-width="6"/>`,
    shield(face.shield, 28, 26),
    textLines(wrapText(meaning, 17, 5), 156, 50, 19, 'bold', INK, 24),
    updatesBox(lead, date, ended),
    textLines(wrapText(face.brand, 22, 1), 28, 332, 24, 'bold', INK, 30),
    textLines(wrapText(face.model, 28, 1), 28, 362, 20, 'normal', INK, 26),
    qr(face.url, 24, 374, 156),
    textLines(['Scan to check', 'this label'], 200, 420, 18, 'bold', INK, 24),
    textLines(['Label ID'], 200, 482, 16, 'normal', GREY, 20),
    textLines(wrapText(face.labelId, 14, 2), 200, 506, 18, 'bold', INK, 22),
  ];
  if (banner !== null) parts.push(statusBand(banner, status === 'revoked'));
  parts.push('</svg>');
  return parts.join('\n');
}

function checkFace(face: LabelFace, options: RenderLabelOptions): void {
  if (!LABEL_ID.test(face.labelId))
    throw new LabelInputInvalid('labelId must be letters, digits, ".", "_" or "-" (at most 64)');
  if (!isCalendarDate(face.supportEndDate)) throw new LabelInputInvalid('supportEndDate must be a date YYYY-MM-DD');
  if (!isCalendarDate(options.at)) throw new LabelInputInvalid('"at" must be a date YYYY-MM-DD');
  if (face.shield !== 'tick' && face.shield !== 'cross')
    throw new LabelInputInvalid('shield must be "tick" or "cross"');
  for (const field of ['brand', 'model'] as const) {
    if (typeof face[field] !== 'string' || face[field].trim() === '' || face[field].length > MAX_NAME)
      throw new LabelInputInvalid(`${field} must be 1 to ${MAX_NAME} characters`);
  }
}

function shield(kind: Shield, x: number, y: number): string {
  const colour = kind === 'tick' ? GREEN : RED;
  const outline = `M${x + 55} ${y} L${x + 110} ${y + 20} V${y + 70} C${x + 110} ${y + 105} ${x + 85} ${y + 128} ${x + 55} ${y + 140} C${x + 25} ${y + 128} ${x} ${y + 105} ${x} ${y + 70} V${y + 20} Z`;
  const mark =
    kind === 'tick'
      ? `<path d="M${x + 28} ${y + 70} L${x + 48} ${y + 92} L${x + 84} ${y + 46}" fill="none" stroke="#ffffff" stroke-width="14" stroke-linecap="round" stroke-linejoin="round"/>`
      : `<path d="M${x + 32} ${y + 44} L${x + 78} ${y + 96} M${x + 78} ${y + 44} L${x + 32} ${y + 96}" fill="none" stroke="#ffffff" stroke-width="14" stroke-linecap="round"/>`;
  return `<g aria-hidden="true"><path d="${outline}" fill="${colour}" stroke="${INK}" stroke-width="3"/>${mark}</g>`;
}

function updatesBox(lead: string, date: string, ended: boolean): string {
  const ink = ended ? RED : INK;
  const box = `<rect x="20" y="186" width="${W - 40}" height="116" rx="8" fill="${ended ? '#f3f2f1' : '#ffffff'}" stroke="${ink}" stroke-width="4"/>`;
  const words = textLines([lead], 36, 220, 20, 'normal', ink, 24) + textLines([date], 36, 256, 30, 'bold', ink, 32);
  const note = ended ? textLines(['The support period has ended'], 36, 288, 17, 'bold', RED, 20) : '';
  return box + words + note;
}

function qr(url: string, x: number, y: number, box: number): string {
  const symbol = qrSymbol(url);
  const quiet = 2;
  const scale = box / (symbol.size + 2 * quiet);
  return (
    `<rect x="${x}" y="${y}" width="${box}" height="${box}" fill="#ffffff"/>` +
    `<path aria-hidden="true" shape-rendering="crispEdges" fill="${INK}" transform="translate(${x + quiet * scale} ${y + quiet * scale}) scale(${round(scale)})" d="${symbol.path}"/>`
  );
}

function statusBand(text: string, revoked: boolean): string {
  const fill = revoked ? RED : '#f47738';
  const ink = revoked ? '#ffffff' : INK;
  return (
    `<g><rect x="4" y="214" width="${W - 8}" height="64" fill="${fill}" stroke="${INK}" stroke-width="3" transform="rotate(-8 ${W / 2} 246)"/>` +
    `<text x="${W / 2}" y="258" text-anchor="middle" font-size="34" font-weight="bold" fill="${ink}" transform="rotate(-8 ${W / 2} 246)">${escapeXml(revoked ? 'REVOKED' : 'SUSPENDED')}</text>` +
    `<text x="${W / 2}" y="${H - 14}" text-anchor="middle" font-size="14" fill="${revoked ? RED : INK}" font-weight="bold">${escapeXml(text)}</text></g>`
  );
}

function textLines(
  lines: string[],
  x: number,
  y: number,
  size: number,
  weight: string,
  fill: string,
  leading: number,
): string {
  return lines
    .map(
      (line, i) =>
        `<text x="${x}" y="${y + i * leading}" font-size="${size}" font-weight="${weight}" fill="${fill}">${escapeXml(line)}</text>`,
    )
    .join('');
}

function round(n: number): string {
  return n.toFixed(4).replace(/0+$/, '').replace(/\.$/, '');
}
