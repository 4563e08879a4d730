// The shapes shared by the catalogue parsers, the checker, the snapshot and the result writers.
import type { LabelStatus } from '../labels/label-status.js';

/** Why a catalogue row could not be read. Every such row is reported with its line, never dropped. */
export type UnreadableKind =
  | 'gtin-invalid'
  | 'columns-missing'
  | 'encoding-invalid'
  | 'sku-duplicate'
  | 'json-malformed'
  | 'csv-malformed'
  | 'too-large';

export const UNREADABLE_KINDS: readonly UnreadableKind[] = [
  'gtin-invalid',
  'columns-missing',
  'encoding-invalid',
  'sku-duplicate',
  'json-malformed',
  'csv-malformed',
  'too-large',
];

/** One row of a retailer's catalogue as read, with the line it starts on (1-based, counting a CSV header). */
export interface CatalogueRow {
  line: number;
  sku: string | null;
  /** The GTIN-14 when readable; the text as found when `problem.kind` is 'gtin-invalid'. */
  gtin: string | null;
  brand: string | null;
  model: string | null;
  problem: { kind: UnreadableKind; message: string } | null;
}

export interface CatalogueLimits {
  /** Longest CSV record, NDJSON line or JSON array element, in characters. */
  maxLineLength: number;
  /** Longest single value (SKU, GTIN, brand, model). */
  maxFieldLength: number;
  /** More rows than this and the whole catalogue is refused (PAYLOAD_TOO_LARGE). */
  maxRows: number;
}

export const DEFAULT_LIMITS: CatalogueLimits = { maxLineLength: 64 * 1024, maxFieldLength: 256, maxRows: 10_000_000 };

export type CatalogueFormat = 'csv' | 'ndjson' | 'json';

export type { LabelStatus };

/** What an assessment under one regime says about selling the product. */
export interface RegimeFacts {
  /** The assessment's outcome; `not-declared` (registered, no declaration yet) and `withdrawn` come from the registry. */
  outcome: 'pass' | 'fail' | 'out-of-scope' | 'not-declared' | 'withdrawn';
  sellable: boolean;
  /** Plain sentences from the assessment; the first is shown to a shop assistant. */
  reasons: string[];
  supportEndDate: string | null;
  /**
   * Under a labelling regime: the product's current label under this regime (null: none issued). When absent,
   * the product-level `label` counts if it was issued under this regime.
   */
  label?: LabelFacts | null;
}

export interface LabelFacts {
  id: string;
  status: LabelStatus;
  regime: string;
  shield: 'tick' | 'cross';
  /** For a revoked or suspended label: since when (YYYY-MM-DD) and the reason given, when known. */
  statusAt?: string;
  statusReason?: string | null;
}

/** Everything the checker needs about one registered product. The registry derives it from its assessments. */
export interface SellabilityFacts {
  productId: string;
  gtins: string[];
  brand: string;
  model: string;
  regimes: Record<string, RegimeFacts>;
  label: LabelFacts | null;
}

export type LookupAnswer = SellabilityFacts | null | Promise<SellabilityFacts | null>;
export type LookupKey = { gtin: string } | { brand: string; model: string };

/**
 * Where the checker finds products: the server's database, the HTTP API or an offline snapshot.
 * Answers may be synchronous (a Map) or promises (a query); `many` answers a batch in one round trip.
 */
export interface ProductLookup {
  byGtin(gtin14: string): LookupAnswer;
  byBrandModel(brand: string, model: string): LookupAnswer;
  many?(keys: readonly LookupKey[]): Promise<readonly (SellabilityFacts | null)[]>;
}

export type RowOutcome =
  | 'pass'
  | 'fail'
  | 'out-of-scope'
  | 'label-revoked'
  | 'label-suspended'
  | 'no-label'
  | 'not-assessed'
  | 'not-declared'
  | 'withdrawn'
  | 'unknown-product'
  | 'unreadable';

export interface RowResult {
  line: number;
  sku: string | null;
  gtin: string | null;
  sellable: boolean;
  outcome: RowOutcome;
  /** One short sentence a shop assistant can act on. */
  reason: string;
  supportEndDate: string | null;
  labelId: string | null;
  labelStatus: LabelStatus | null;
  /** Set only when outcome is 'unreadable'. */
  problem: UnreadableKind | null;
}

export interface CheckSummary {
  /** The regime checked; for a market check, the laws binding a sale there on `at`, joined by "+" ("none"). */
  regime: string;
  /** Set for a market check: the market's code. */
  market?: string;
  at: string;
  rows: number;
  sellable: number;
  notSellable: number;
  unknownProduct: number;
  unreadable: number;
  unreadableByKind: Record<UnreadableKind, number>;
}
