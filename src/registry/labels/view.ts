// How a label leaves the registry: its facts, status with history, the signed token and links. Built
// from rows; the public base URL makes the links absolute (they are printed and scanned).
import { IotlabelError } from '../../errors.js';
import { labelLink as qrLabelLink, type LabelClaims } from '../../labels/index.js';
import type { LabelRow, LabelStatusChangeRow } from '../../store/index.js';
import type { LogReference } from '../log/consistency.js';
import type { LabelStatus } from '../../labels/label-status.js';

export interface LabelStatusView {
  status: LabelStatus;
  at: string;
  reason: string | null;
}

export interface LabelView {
  id: string;
  productId: string;
  manufacturer: { id: string; name: string };
  brand: string;
  model: string;
  regime: string;
  gtin: string;
  shield: 'tick' | 'cross';
  supportEndDate: string;
  issuedAt: string;
  declaration: { id: string; version: number };
  status: LabelStatusView;
  /** Every status change, oldest first (empty while the label was never changed). */
  history: (LabelStatusView & { previous: LabelStatus })[];
  /** The label issued for a later declaration version, if any: this one is then history. */
  supersededBy: string | null;
  statusList: { number: number; index: number; uri: string };
  kid: string;
  token: string;
  claims: LabelClaims;
  links: { self: string; svg: string; png: string; qr: string; statusList: string; keys: string; product: string };
  /** One label's answer: the log entry its status rests on (absent in lists). */
  log?: LogReference;
}

export interface LabelProductFacts {
  brand: string;
  model: string;
  manufacturer: { id: string; name: string };
}

/** `https://labels.example` (no trailing slash, no query): the registry's public base URL, checked. */
export function normalisePublicUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new IotlabelError('USAGE', `public URL "${url}" is not a URL`);
  }
  if (!/^https?:$/.test(parsed.protocol) || parsed.search || parsed.hash || parsed.username)
    throw new IotlabelError(
      'USAGE',
      `public URL "${url}" must be http(s)://host[/path] without query, fragment or credentials`,
    );
  return `${parsed.origin}${parsed.pathname}`.replace(/\/+$/, '');
}

export const statusListUri = (publicUrl: string, list: number) => `${publicUrl}/v1/status-lists/${list}`;
export const labelUrl = (publicUrl: string, id: string) => `${publicUrl}/v1/labels/${id}`;
/** What the QR code encodes: a GS1 Digital Link on the registry's domain, the token in its "label" attribute. */
export const labelLink = (publicUrl: string, row: Pick<LabelRow, 'gtin' | 'token'>) =>
  qrLabelLink(publicUrl, row.gtin, row.token);

export function labelView(
  publicUrl: string,
  row: LabelRow,
  product: LabelProductFacts,
  changes: readonly LabelStatusChangeRow[],
): LabelView {
  const self = labelUrl(publicUrl, row.id);
  const list = Number(row.statusList);
  return {
    id: row.id,
    productId: row.productId,
    manufacturer: product.manufacturer,
    brand: product.brand,
    model: product.model,
    regime: row.regime,
    gtin: row.gtin,
    shield: row.shield,
    supportEndDate: row.supportEndDate,
    issuedAt: row.issuedAt,
    declaration: { id: row.declarationId, version: Number(row.declarationVersion) },
    status: { status: row.status, at: row.statusAt, reason: row.statusReason },
    history: changes.map((c) => ({ status: c.status, previous: c.previous, at: c.at, reason: c.reason })),
    supersededBy: row.supersededBy,
    statusList: { number: list, index: Number(row.statusIndex), uri: statusListUri(publicUrl, list) },
    kid: row.kid,
    token: row.token,
    claims: JSON.parse(row.claims) as LabelClaims,
    links: {
      self,
      svg: `${self}.svg`,
      png: `${self}.png`,
      qr: labelLink(publicUrl, row),
      statusList: statusListUri(publicUrl, list),
      keys: `${publicUrl}/.well-known/iotlabel/keys`,
      product: `${publicUrl}/v1/products/${row.productId}`,
    },
  };
}
