import { rulebook } from './rulebook.js';
import type { RegimeSummary } from './types.js';

/** Every regime the rulebook knows, UK regimes first. */
export function listRegimes(): RegimeSummary[] {
  return [...rulebook().regimes.values()].map((r) => ({
    id: r.id,
    title: r.title,
    kind: r.kind,
    labelling: r.label !== null,
    salesRestriction: r.salesRestriction !== 'none',
  }));
}

/** The ids of the UK regimes (the default set for `iotlabel assess`). */
export function ukRegimeIds(): string[] {
  return [...rulebook().regimes.values()].filter((r) => r.id.startsWith('uk-')).map((r) => r.id);
}
