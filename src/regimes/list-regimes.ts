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

/** The ids of the UK regimes (the default set for `iotlabel assess`): their data's jurisdiction is UK. */
export function ukRegimeIds(): string[] {
  return [...rulebook().regimes.values()].filter((r) => r.roles.jurisdiction === 'UK').map((r) => r.id);
}

/**
 * Every rulebook for listings (`iotlabel regimes`): the regimes, then catalogs that are rulebooks in their own
 * right without a regime (the Code of Practice, which has a territory and a nature but nothing to assess).
 */
export function listRulebooks(): (RegimeSummary & { catalogOnly?: true })[] {
  const book = rulebook();
  const catalogOnly = [...book.catalogs.values()]
    .filter((c) => c.nature !== null && !book.regimes.has(c.id))
    .map((c) => ({
      id: c.id,
      title: c.title,
      kind: 'conformance' as const,
      labelling: false,
      salesRestriction: false,
      territory: c.territory,
      nature: c.nature!,
      effectiveFrom: c.published || null,
      until: null,
      versions: [{ id: c.version, from: c.published }],
      catalogOnly: true as const,
    }));
  return [...listRegimes(), ...catalogOnly];
}

function summaryOf(r: Regime): RegimeSummary {
  return {
    id: r.id,
    title: r.title,
    kind: r.kind,
    labelling: r.label !== null,
    salesRestriction: r.salesRestriction !== 'none',
    territory: r.roles.jurisdiction,
    nature: r.nature,
    effectiveFrom: r.effectiveFrom ?? r.versions[0]?.from ?? null,
    until: r.until ?? null,
    versions: r.versions.map((v) => ({ id: v.id, from: v.from })),
  };
}
