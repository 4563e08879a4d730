// The label face, as the 2019 proposal describes it, headed like the BSI label and the US mark with the
// scheme's name and the registry that issued it: a shield with a tick or a cross and what it means, the
// date until which security updates are promised (in words), brand and model, a QR code across the
// label's width (so it still scans when printed small) and the label id. Accessible (role="img", <title>,
// <desc>, real <text>). After the support end date the face says the period ended; a revoked or suspended
// label replaces the shield with a band saying so, inside the border, leaving the date readable.
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
  /** What the QR code encodes: https://HOST/01/<GTIN-14>?label=<token>. */
  url: string;
  /** The scheme's name as printed, e.g. "UK IoT security label" (the regime's label rule names it). */
  scheme: string;
  /** Who issued the label, e.g. the registry's host "labels.example". */
  issuer: string;
}

/** small and large are print sizes (millimetres wide, see LABEL_WIDTH_MM); web is pixels for a page. */
export type LabelSize = 'small' | 'large' | 'web';

export interface RenderLabelOptions {
  /** The day of rendering, YYYY-MM-DD: after the support end date the face says the period ended. */
  at: string;
  status?: 'valid' | 'revoked' | 'suspended';
  size?: LabelSize;
}

/** Print widths. The height follows from the drawing (about twice the width). */
export const LABEL_WIDTH_MM: Readonly<Record<'small' | 'large', number>> = { small: 50, large: 70 };

const W = 400;
const FONT = "Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif";
const GREEN = '#00703c';
const RED = '#d4351c';
const INK = '#0b0c0c';
const GREY = '#505a5f';
const MEANING: Record<Shield, string> = {
  tick: 'Unique passwords and a way to report security problems',
  cross: 'Missing unique passwords or a way to report security problems',
};
const LABEL_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const MAX_NAME = 200;
/** The QR code's box: the label's width inside the border; 2 modules of quiet zone are inside it. */
const QR_X = 14;
const QR_BOX = W - 2 * QR_X;
const QR_QUIET = 2;

export function renderLabelSvg(face: LabelFace, options: RenderLabelOptions): string {
  checkFace(face, options);
  const ended = options.at > face.supportEndDate;
  const status = options.status ?? 'valid';
  const date = dateInWords(face.supportEndDate);
  const product = `${face.brand} ${face.model}`;
  const lead = ended ? 'Security updates ended on' : 'Security updates until';
  const meaning = MEANING[face.shield];
  const banner =
    status === 'revoked'
      ? 'REVOKED: this label has been withdrawn'
      : status === 'suspended'
        ? 'SUSPENDED: this label is on hold'
        : null;
  const id = `label-${face.labelId}`;
  const title = `${face.scheme} for ${product}${banner === null ? '' : ` (${status})`}`;
  const desc = [
    `Issued by ${face.issuer}`,
    banner ?? meaning,
    `${lead} ${date}`,
    ended ? 'The support period has ended' : null,
    `Label ID ${face.labelId}`,
    `Scan the QR code to check the label: ${face.url}`,
  ]
    .filter((s) => s !== null)
    .join('. ');

  // Top to bottom with a cursor: long names wrap onto a second line and push the rest down.
  const schemeLines = wrapText(face.scheme, 26, 2);
  const issuerLines = wrapText(`Issued by ${face.issuer}`, 40, 2);
  let y = 42;
  const header = textLines(schemeLines, 24, y, 22, 'bold', INK, 26);
  y += 26 * schemeLines.length;
  const issuer = textLines(issuerLines, 24, y, 16, 'normal', GREY, 20);
  y += 20 * (issuerLines.length - 1) + 14;
  const rule = `<path d="M14 ${y}H${W - 14}" stroke="${INK}" stroke-width="2"/>`;
  y += 14;
  const top =
    banner === null
      ? shield(face.shield, 28, y) + textLines(wrapText(meaning, 19, 5), 150, y + 26, 18, 'bold', INK, 23)
      : statusBand(status === 'revoked', banner, y);
  y += 130;
  const box = updatesBox(lead, date, ended, y);
  y += box.height + 34;
  const brandLines = wrapText(face.brand, 22, 2);
  const names =
    textLines(brandLines, 24, y, 24, 'bold', INK, 28) +
    textLines(wrapText(face.model, 32, 1), 24, y + 28 * (brandLines.length - 1) + 26, 20, 'normal', INK, 26);
  y += 28 * (brandLines.length - 1) + 38;
  const code = qr(face.url, QR_X, y, QR_BOX);
  y += QR_BOX + 24;
  const idLines = wrapText(`Label ID ${face.labelId}`, 36, 2);
  const footer =
    textLines(['Scan to check this label'], 24, y, 18, 'bold', INK, 22) +
    textLines(idLines, 24, y + 24, 16, 'normal', INK, 20);
  const height = y + 24 + 20 * (idLines.length - 1) + 20;
  const size = options.size ?? 'web';
  const [width, tall] =
    size === 'web'
      ? [`${W}`, `${height}`]
      : [`${LABEL_WIDTH_MM[size]}mm`, `${round((LABEL_WIDTH_MM[size] * height) / W)}mm`];

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${width}" height="${tall}" viewBox="0 0 ${W} ${height}" role="img" aria-labelledby="${id}-title ${id}-desc" font-family="${FONT}">`,
    `<title id="${id}-title">${escapeXml(title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(desc)}.</desc>`,
    `<rect x="4" y="4" width="${W - 8}" height="${height - 8}" rx="16" fill="#ffffff" stroke="${INK}" stroke-width="6"/>`,
    header + issuer + rule,
    top,
    box.svg,
    names,
    code,
    footer,
    '</svg>',
  ].join('\n');
}

function checkFace(face: LabelFace, options: RenderLabelOptions): void {
  if (!LABEL_ID.test(face.labelId))
    throw new LabelInputInvalid('labelId must be letters, digits, ".", "_" or "-" (at most 64)');
  if (!isCalendarDate(face.supportEndDate)) throw new LabelInputInvalid('supportEndDate must be a date YYYY-MM-DD');
  if (!isCalendarDate(options.at)) throw new LabelInputInvalid('"at" must be a date YYYY-MM-DD');
  if (face.shield !== 'tick' && face.shield !== 'cross')
    throw new LabelInputInvalid('shield must be "tick" or "cross"');
  if (options.size !== undefined && !['small', 'large', 'web'].includes(options.size))
    throw new LabelInputInvalid('size must be "small", "large" or "web"');
  for (const field of ['brand', 'model', 'scheme', 'issuer'] as const) {
    if (typeof face[field] !== 'string' || face[field].trim() === '' || face[field].length > MAX_NAME)
      throw new LabelInputInvalid(`${field} must be 1 to ${MAX_NAME} characters`);
  }
}

function shield(kind: Shield, x: number, y: number): string {
  const colour = kind === 'tick' ? GREEN : RED;
  const outline = `M${x + 50} ${y} L${x + 100} ${y + 18} V${y + 63} C${x + 100} ${y + 95} ${x + 77} ${y + 115} ${x + 50} ${y + 126} C${x + 23} ${y + 115} ${x} ${y + 95} ${x} ${y + 63} V${y + 18} Z`;
  const mark =
    kind === 'tick'
      ? `<path d="M${x + 25} ${y + 63} L${x + 43} ${y + 83} L${x + 76} ${y + 41}" fill="none" stroke="#ffffff" stroke-width="13" stroke-linecap="round" stroke-linejoin="round"/>`
      : `<path d="M${x + 29} ${y + 40} L${x + 71} ${y + 86} M${x + 71} ${y + 40} L${x + 29} ${y + 86}" fill="none" stroke="#ffffff" stroke-width="13" stroke-linecap="round"/>`;
  return `<g aria-hidden="true"><path d="${outline}" fill="${colour}" stroke="${INK}" stroke-width="3"/>${mark}</g>`;
}

/** The date box holds exactly its lines: the lead and the date, plus the "ended" note when it applies. */
function updatesBox(lead: string, date: string, ended: boolean, y: number): { svg: string; height: number } {
  const ink = ended ? RED : INK;
  const height = ended ? 112 : 86;
  const box = `<rect x="14" y="${y}" width="${W - 28}" height="${height}" rx="8" fill="${ended ? '#f3f2f1' : '#ffffff'}" stroke="${ink}" stroke-width="4"/>`;
  const words =
    textLines([lead], 30, y + 32, 20, 'normal', ink, 24) + textLines([date], 30, y + 68, 30, 'bold', ink, 32);
  const note = ended ? textLines(['The support period has ended'], 30, y + 96, 17, 'bold', RED, 20) : '';
  return { svg: box + words + note, height };
}

function qr(url: string, x: number, y: number, box: number): string {
  const symbol = qrSymbol(url);
  const scale = box / (symbol.size + 2 * QR_QUIET);
  return (
    `<rect x="${x}" y="${y}" width="${box}" height="${box}" fill="#ffffff"/>` +
    `<path aria-hidden="true" shape-rendering="crispEdges" fill="${INK}" transform="translate(${round(x + QR_QUIET * scale)} ${round(y + QR_QUIET * scale)}) scale(${round(scale)})" d="${symbol.path}"/>`
  );
}

/** Where the shield was: a withdrawn label makes no claim, so the band takes the shield's place. */
function statusBand(revoked: boolean, text: string, y: number): string {
  const fill = revoked ? RED : '#f47738';
  const ink = revoked ? '#ffffff' : INK;
  const [word, rest] = text.split(': ') as [string, string];
  return (
    `<rect x="14" y="${y}" width="${W - 28}" height="114" rx="6" fill="${fill}"/>` +
    `<text x="${W / 2}" y="${y + 52}" text-anchor="middle" font-size="40" font-weight="bold" fill="${ink}">${escapeXml(word)}</text>` +
    `<text x="${W / 2}" y="${y + 90}" text-anchor="middle" font-size="18" font-weight="bold" fill="${ink}">${escapeXml(capitalise(rest))}</text>`
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
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
