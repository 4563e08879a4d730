// Counts of a catalogue check. Every row lands in exactly one of sellable, notSellable, unknownProduct or
// unreadable, so the four add up to `rows`.
import { UNREADABLE_KINDS, type CheckSummary, type RowResult } from './types.js';

export function emptySummary(regime: string, at: string, market?: string): CheckSummary {
  const unreadableByKind = Object.fromEntries(UNREADABLE_KINDS.map((k) => [k, 0])) as CheckSummary['unreadableByKind'];
  return {
    regime,
    ...(market === undefined ? {} : { market }),
    at,
    rows: 0,
    sellable: 0,
    notSellable: 0,
    unknownProduct: 0,
    unreadable: 0,
    unreadableByKind,
  };
}

export function countResult(summary: CheckSummary, result: RowResult): void {
  summary.rows++;
  if (result.problem !== null) {
    summary.unreadable++;
    summary.unreadableByKind[result.problem]++;
  } else if (result.outcome === 'unknown-product') summary.unknownProduct++;
  else if (result.sellable) summary.sellable++;
  else summary.notSellable++;
}

/** True when every row may be sold: the CLI's exit 0. */
export function allSellable(summary: CheckSummary): boolean {
  return summary.sellable === summary.rows;
}
