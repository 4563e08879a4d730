// The registry's promises, checked over its log by a monitor (`iotlabel log verify`): each product's entries
// chain through `previous`, a support end date never moves earlier, every label points at a logged
// declaration of the same product with the same hash, and every status change is about a label that was
// issued. Pure: the monitor keeps the few facts it needs between runs in its state file (PromiseState).
import type { ErrorCode } from '../../errors.js';
import { IotlabelError } from '../../errors.js';
import type { LabelStatus } from '../../labels/label-status.js';
import { parseLogRecord, type LogRecord } from './entry.js';

export interface PromiseState {
  /** Per product: its newest entry, and the latest support end date promised (and where). */
  products: Record<string, ProductPromise>;
  /** Declaration entries by index: their product and document hash. */
  declarations: Record<string, { product: string | null; sha256: string | null }>;
  /** Issued labels by label id: the entry that issued them, their product and their status as the log has it. */
  labels: Record<string, LabelPromise>;
}

export interface ProductPromise {
  last: number;
  supportEnd: string | null;
  supportEndAt: number | null;
  /** What the registry must serve for the product now, as its newest entries say (absent in older state files). */
  current?: ProductFacts;
}

/** A product's facts as the log has them: the answer the registry serves must agree. */
export interface ProductFacts {
  gtins: string[];
  supportEnd: string | null;
  /** The newest declaration entry: its index, declaration id, version and document hash. */
  declaration: { index: number; id: string; version: number | null; sha256: string | null } | null;
  withdrawn: boolean;
}

export interface LabelPromise {
  index: number;
  product: string | null;
  /** The label's status after the newest status entry (absent in older state files: valid unless changed). */
  status?: LabelStatus;
  statusAt?: number;
}

export interface PromiseViolation {
  code: ErrorCode;
  message: string;
  indices: number[];
}

export const emptyPromiseState = (): PromiseState => ({ products: {}, declarations: {}, labels: {} });

/** Checks new entries (in index order) against what earlier runs saw; returns the violations and the new state. */
export function checkPromises(
  entries: readonly { index: number; data: Uint8Array }[],
  before: PromiseState,
): { violations: PromiseViolation[]; state: PromiseState; records: Map<number, LogRecord> } {
  const state: PromiseState = structuredClone(before);
  const violations: PromiseViolation[] = [];
  const records = new Map<number, LogRecord>();
  const report = (code: ErrorCode, message: string, indices: (number | null | undefined)[]) =>
    violations.push({ code, message, indices: indices.filter((i): i is number => typeof i === 'number') });

  for (const { index, data } of entries) {
    let record: LogRecord;
    try {
      record = parseLogRecord(data);
    } catch (error) {
      report(
        error instanceof IotlabelError ? error.code : 'LOG_ENTRY_MALFORMED',
        `entry ${index}: ${(error as Error).message}`,
        [index],
      );
      continue;
    }
    records.set(index, record);
    const product = record.product;
    if (product !== null) {
      const seen = state.products[product];
      const expected = seen?.last ?? null;
      if (record.previous !== expected) {
        report(
          'LOG_HISTORY_BROKEN',
          `entry ${index} for product ${product} names ${record.previous ?? 'no'} previous entry, but the product's last entry was ${expected ?? 'none'}`,
          [index, expected],
        );
      }
      const promised = seen?.supportEnd ?? null;
      if (promised !== null && (record.supportEnd === null || record.supportEnd < promised)) {
        report(
          'LOG_SUPPORT_SHORTENED',
          `entry ${index} gives product ${product} a support end of ${record.supportEnd ?? 'none'}, earlier than ${promised} promised in entry ${seen!.supportEndAt}`,
          [seen!.supportEndAt, index],
        );
      }
      const later = record.supportEnd !== null && (promised === null || record.supportEnd > promised);
      state.products[product] = {
        last: index,
        supportEnd: later ? record.supportEnd : promised,
        supportEndAt: later ? index : (seen?.supportEndAt ?? null),
        current: nextFacts(seen?.current, record, index),
      };
    }
    switch (record.type) {
      case 'declaration':
        state.declarations[String(index)] = { product, sha256: record.sha256 };
        break;
      case 'label-issued': {
        const declaration =
          record.declaration === undefined ? undefined : state.declarations[String(record.declaration)];
        if (declaration === undefined) {
          report(
            'LOG_LABEL_UNMATCHED',
            `label ${record.subject} (entry ${index}) points at ${record.declaration === undefined ? 'no declaration entry' : `entry ${record.declaration}, which is not a declaration`}`,
            [index, record.declaration],
          );
        } else if (declaration.product !== product || declaration.sha256 !== (record.declarationSha256 ?? null)) {
          report(
            'LOG_LABEL_UNMATCHED',
            `label ${record.subject} (entry ${index}) does not match declaration entry ${record.declaration}: ${declaration.product !== product ? `product ${product} vs ${declaration.product}` : 'the declaration hash differs'}`,
            [index, record.declaration],
          );
        }
        state.labels[record.subject] = { index, product, status: 'valid', statusAt: index };
        break;
      }
      case 'label-revoked':
      case 'label-suspended':
      case 'label-reinstated': {
        const label = state.labels[record.subject];
        if (label === undefined)
          report(
            'LOG_STATUS_UNKNOWN_LABEL',
            `entry ${index} records ${record.type} for label ${record.subject}, which the log never issued`,
            [index],
          );
        else if (label.product !== product)
          report(
            'LOG_STATUS_UNKNOWN_LABEL',
            `entry ${index} records ${record.type} for label ${record.subject} of product ${label.product} under product ${product}`,
            [label.index, index],
          );
        else state.labels[record.subject] = { ...label, status: STATUS_AFTER[record.type], statusAt: index };
        break;
      }
      default:
        break;
    }
  }
  return { violations, state, records };
}

/** A label's status after a status entry of this type. */
export const STATUS_AFTER = {
  'label-revoked': 'revoked',
  'label-suspended': 'suspended',
  'label-reinstated': 'valid',
} as const satisfies Record<string, LabelStatus>;

/** The product's facts after `record`: a declaration entry sets them; every entry carries GTINs and support end. */
export function nextFacts(before: ProductFacts | undefined, record: LogRecord, index: number): ProductFacts {
  const facts: ProductFacts = {
    gtins: [...record.gtins],
    supportEnd: record.supportEnd,
    declaration: before?.declaration ?? null,
    withdrawn: (before?.withdrawn ?? false) || record.type === 'product-withdrawn',
  };
  if (record.type === 'declaration')
    facts.declaration = { index, id: record.subject, version: record.version ?? null, sha256: record.sha256 };
  return facts;
}
