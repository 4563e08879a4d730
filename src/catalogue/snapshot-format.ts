// The offline snapshot file, version 1:
//
//   iotlabel-snapshot/v1\n                      magic line: format and version
//   {"issuer":...,"createdAt":...,...}\n         header: one JSON object (SnapshotHeader)
//   <key id> <base64url Ed25519 signature>\n     signature over the bytes of the two lines above
//   <body>                                       gzip of NDJSON, one compact product record a line
//
// The header carries the body's SHA-256 and length, so the one signature covers every byte of the file:
// a reader checks the signature before it parses the header, then the body hash before it decompresses.
//
// A delta (GET /v1/snapshots/delta?since=) has the same layout under its own magic line,
// `iotlabel-snapshot-delta/v1`, so that a reader that knows only full snapshots refuses it instead of taking
// its few records for the whole registry. Its header adds `base` (the body hash of the snapshot it applies
// to), `result` (the body hash of the full snapshot that base plus delta equal, which names the next base)
// and `removed` (product ids to drop); its records replace the base's records of the same product.
import type { LabelFacts, RegimeFacts, SellabilityFacts } from './types.js';

export const SNAPSHOT_MAGIC = 'iotlabel-snapshot/v1';
export const SNAPSHOT_CONTENT_TYPE = 'application/vnd.iotlabel.snapshot';
export const SNAPSHOT_DELTA_MAGIC = 'iotlabel-snapshot-delta/v1';
export const SNAPSHOT_DELTA_CONTENT_TYPE = 'application/vnd.iotlabel.snapshot-delta';
/** Longest magic + header + signature prefix a reader accepts before giving up. */
export const MAX_SNAPSHOT_PREAMBLE = 64 * 1024;

export interface SnapshotHeader {
  issuer: string;
  createdAt: string;
  /** Regime ids, in the order each record's `r` array follows. */
  regimes: string[];
  count: number;
  /**
   * Every market's laws with the day each binds a sale there, as the registry that signed the snapshot has
   * them, so that an offline check by market judges as the registry does. Absent in snapshots made before it.
   */
  markets?: Record<string, SnapshotMarketLaw[]>;
  keyId: string;
  encoding: 'gzip';
  bodySha256: string;
  bodyLength: number;
}

export interface SnapshotDeltaHeader extends SnapshotHeader {
  /** bodySha256 of the snapshot this delta applies to. */
  base: string;
  /** bodySha256 of the full snapshot that base plus this delta equal: the base of the next delta. */
  result: string;
  /** Product ids in the base and no longer in the result. */
  removed: string[];
}

export interface SnapshotMarketLaw {
  regime: string;
  /** YYYY-MM-DD */
  from: string;
}

/** One product a line: p product id, g GTINs, b brand, m model, l label, r facts per header regime. */
export interface SnapshotRecord {
  p: string;
  g: string[];
  b: string;
  m: string;
  l: LabelTuple | null;
  /** Per header regime: outcome, sellable, support end date, reasons and, under a labelling regime, its label. */
  r: (
    | [RegimeFacts['outcome'], 0 | 1, string | null, string[]]
    | [RegimeFacts['outcome'], 0 | 1, string | null, string[], LabelTuple | null]
    | null
  )[];
}

// A revoked or suspended label adds its date and reason; readers that know only the first four ignore them.
type LabelTuple =
  | [string, LabelFacts['status'], string, LabelFacts['shield']]
  | [string, LabelFacts['status'], string, LabelFacts['shield'], string, string | null];

const labelTuple = (l: LabelFacts | null): LabelTuple | null =>
  l === null
    ? null
    : l.statusAt === undefined
      ? [l.id, l.status, l.regime, l.shield]
      : [l.id, l.status, l.regime, l.shield, l.statusAt, l.statusReason ?? null];
const labelFacts = (l: LabelTuple | null): LabelFacts | null =>
  l === null
    ? null
    : l.length === 6
      ? { id: l[0], status: l[1], regime: l[2], shield: l[3], statusAt: l[4], statusReason: l[5] }
      : { id: l[0], status: l[1], regime: l[2], shield: l[3] };

export function toRecord(facts: SellabilityFacts, regimes: readonly string[]): SnapshotRecord {
  const l = facts.label;
  return {
    p: facts.productId,
    g: facts.gtins,
    b: facts.brand,
    m: facts.model,
    l: labelTuple(l),
    r: regimes.map((id) => {
      const f = facts.regimes[id];
      if (f === undefined) return null;
      return f.label === undefined
        ? [f.outcome, f.sellable ? 1 : 0, f.supportEndDate, f.reasons]
        : [f.outcome, f.sellable ? 1 : 0, f.supportEndDate, f.reasons, labelTuple(f.label)];
    }),
  };
}

export function fromRecord(record: SnapshotRecord, regimes: readonly string[]): SellabilityFacts {
  const facts: SellabilityFacts = {
    productId: record.p,
    gtins: record.g,
    brand: record.b,
    model: record.m,
    regimes: {},
    label: labelFacts(record.l),
  };
  regimes.forEach((id, i) => {
    const f = record.r[i];
    if (!f) return;
    facts.regimes[id] =
      f.length > 4
        ? { outcome: f[0], sellable: f[1] === 1, supportEndDate: f[2], reasons: f[3], label: labelFacts(f[4] ?? null) }
        : { outcome: f[0], sellable: f[1] === 1, supportEndDate: f[2], reasons: f[3] };
  });
  return facts;
}

/** Bytes the signature covers: the magic line and the header line, each with its newline. */
export function signedPreamble(headerJson: string, magic: string = SNAPSHOT_MAGIC): Uint8Array {
  return new TextEncoder().encode(`${magic}\n${headerJson}\n`);
}
