// What the adapters (pages, API, CLI, catalogue checks, labels) ask of the rulebooks, answered from the
// regimes' and catalogs' data, so that no adapter names a regime or catalog id.
import { rulebook } from './rulebook.js';
import type { Catalog, Regime } from './types.js';

const regimes = (): Regime[] => [...rulebook().regimes.values()];
const byOrder = (a: number | null, b: number | null): number => (a ?? Infinity) - (b ?? Infinity);

/** The regimes that issue labels, in listing order. */
export function labellingRegimeIds(): string[] {
  return regimes()
    .filter((r) => r.label !== null)
    .map((r) => r.id);
}

/** The labelling regimes in the order a page prefers their labels (the one a shopper meets first, first). */
export function labelPreferenceOrder(): string[] {
  return regimes()
    .filter((r) => r.label !== null)
    .sort((a, b) => byOrder(a.roles.labelPreference, b.roles.labelPreference))
    .map((r) => r.id);
}

/** The regime used when none is named: retail catalogue checks, the regulator's dashboard. */
export function defaultRetailRegime(): string {
  const all = regimes();
  return (all.find((r) => r.roles.defaultRegime) ?? all[0]!).id;
}

/** Orders regime ids for display: by each regime's displayOrder, then those without one (or unknown) by id. */
export function compareForDisplay(a: string, b: string): number {
  const book = rulebook().regimes;
  const order = (id: string) => book.get(id)?.roles.displayOrder ?? null;
  return byOrder(order(a), order(b)) || a.localeCompare(b);
}

/** Every regime id in display order. */
export function regimesInDisplayOrder(): string[] {
  return regimes()
    .map((r) => r.id)
    .sort(compareForDisplay);
}

/** A short name for tables and menus (the title when the data gives none). */
export function regimeShortName(id: string): string {
  return rulebook().regimes.get(id)?.roles.shortName ?? id;
}

/** The catalogs a declaration may state its provisions against, in the order the form offers them. */
export function declarationCatalogs(): Catalog[] {
  return offered((c) => c.declarationOrder);
}

/** The catalog a new declaration starts from: the first one offered. */
export function defaultDeclarationCatalog(): Catalog {
  return declarationCatalogs()[0]!;
}

/** The catalogs whose provisions the regulator's "what if this were mandatory" page offers, in order. */
export function whatIfCatalogs(): Catalog[] {
  return offered((c) => c.whatIfOrder);
}

/** The regime whose statement of compliance a declaration gets, and the standard that deems it met. */
export function statementOfComplianceRegime(): {
  regime: string;
  deemingCatalog: string | null;
  deemingStandard: { number: string; version: string; date: string };
} | null {
  const regime = regimes().find((r) => r.roles.statementOfCompliance !== null);
  if (regime === undefined || regime.roles.statementOfCompliance === null) return null;
  return {
    regime: regime.id,
    deemingCatalog: regime.deemedCompliance?.catalog ?? null,
    deemingStandard: regime.roles.statementOfCompliance.deemingStandard,
  };
}

function offered(order: (c: Catalog) => number | null): Catalog[] {
  return [...rulebook().catalogs.values()].filter((c) => order(c) !== null).sort((a, b) => byOrder(order(a), order(b)));
}
