import { rulebook, type Rulebook } from './rulebook.js';
import type { Regime, RegimeSummary } from './types.js';

/** Every regime the rulebook knows, UK regimes first, then any registered at run time. */
export function listRegimes(): RegimeSummary[] {
  return [...rulebook().regimes.values()].map(summaryOf);
}

// On the sellability hot path: one lookup table per rulebook (a registered regime makes a new rulebook).
const summaries = new WeakMap<Rulebook, Map<string, RegimeSummary>>();

/** The summary of one regime, or undefined for an id the rulebook does not know. */
export function findRegimeSummary(id: string): RegimeSummary | undefined {
  const book = rulebook();
  let byId = summaries.get(book);
  if (byId === undefined) {
    byId = new Map(listRegimes().map((r) => [r.id, r]));
    summaries.set(book, byId);
  }
  return byId.get(id);
}

/** The ids of the UK regimes (the default set for `iotlabel assess`). */
export function ukRegimeIds(): string[] {
  return [...rulebook().regimes.values()].filter((r) => r.roles.jurisdiction === 'UK').map((r) => r.id);
}

function summaryOf(r: Regime): RegimeSummary {
  return {
    id: r.id,
    title: r.title,
    kind: r.kind,
    labelling: r.label !== null,
    salesRestriction: r.salesRestriction !== 'none',
  };
}
