// The state of the market for the regulator pages, gathered through the registry's read use cases: every
// product on the market (not withdrawn) with its latest submitted declaration, its assessments and its
// labels. One pass over the registry, kept until the next write (services.writer.onCommit).
import type { Declaration } from '../../assessment/index.js';
import { disclosureContactVerdict } from '../../assessment/index.js';
import type { LabelView, Services } from '../../registry/index.js';

export interface MarketProduct {
  id: string;
  brand: string;
  model: string;
  category: string;
  manufacturer: { id: string; name: string };
  /** null: registered but never declared. */
  declaration: Declaration | null;
  declaredAt: string | null;
  supportEndDate: string | null;
  outcomes: ReadonlyMap<string, string>;
  contact: { ok: boolean; reasons: string[] } | null;
}

export interface Market {
  products: MarketProduct[];
  /** Labels that are revoked or suspended now, newest change first. */
  labelsNotValid: LabelView[];
}

const PAGE = 200;

export async function gatherMarket(services: Services): Promise<Market> {
  const products: MarketProduct[] = [];
  const labelsNotValid: LabelView[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await services.products.findProducts({ limit: PAGE, after });
    for (const p of page) {
      const latest = p.latestDeclaration
        ? await services.declarations.getDeclaration(null, p.latestDeclaration.id)
        : null;
      const declaration = (latest?.document ?? null) as Declaration | null;
      products.push({
        id: p.id,
        brand: p.brand,
        model: p.model,
        category: p.category,
        manufacturer: p.manufacturer,
        declaration,
        declaredAt: latest?.createdAt ?? null,
        supportEndDate: latest?.supportEndDate ?? null,
        outcomes: new Map((latest?.assessments ?? []).map((a) => [a.regime, a.outcome])),
        contact: declaration ? disclosureContactVerdict(declaration) : null,
      });
      for (const label of await services.labels.ofProduct(p.id))
        if (label.status.status !== 'valid') labelsNotValid.push(label);
    }
    if (page.length < PAGE) break;
    after = page.at(-1)!.id;
  }
  labelsNotValid.sort((a, b) => b.status.at.localeCompare(a.status.at));
  return { products, labelsNotValid };
}

/** The market, recomputed lazily after any write. */
export function marketCache(services: Services): () => Promise<Market> {
  let current: Promise<Market> | null = null;
  services.writer.onCommit(() => {
    current = null;
  });
  return () => {
    current ??= gatherMarket(services).catch((error: unknown) => {
      current = null;
      throw error;
    });
    return current;
  };
}

export const OUTCOMES = [
  { id: 'pass', text: 'Pass', style: 'pass' },
  { id: 'fail', text: 'Fail', style: 'fail' },
  { id: 'out-of-scope', text: 'Out of scope', style: 'neutral' },
  { id: 'not-declared', text: 'Not declared', style: 'warning' },
] as const;

export interface CategoryRow {
  category: string;
  counts: Record<(typeof OUTCOMES)[number]['id'], number>;
  total: number;
}

export function byCategoryAndOutcome(market: Market, regime: string): CategoryRow[] {
  const rows = new Map<string, CategoryRow>();
  for (const p of market.products) {
    const row = rows.get(p.category) ?? {
      category: p.category,
      counts: { pass: 0, fail: 0, 'out-of-scope': 0, 'not-declared': 0 },
      total: 0,
    };
    const outcome = (p.outcomes.get(regime) ?? 'not-declared') as keyof CategoryRow['counts'];
    row.counts[outcome in row.counts ? outcome : 'not-declared'] += 1;
    row.total += 1;
    rows.set(p.category, row);
  }
  return [...rows.values()].sort((a, b) => b.total - a.total || a.category.localeCompare(b.category));
}

/** Products by the year their security updates end; products with no end date are counted apart. */
export function supportEndsByYear(market: Market): { years: { year: string; count: number }[]; undeclared: number } {
  const counts = new Map<string, number>();
  let undeclared = 0;
  for (const p of market.products) {
    if (p.supportEndDate === null) undeclared += 1;
    else counts.set(p.supportEndDate.slice(0, 4), (counts.get(p.supportEndDate.slice(0, 4)) ?? 0) + 1);
  }
  const years = [...counts.keys()].sort();
  if (years.length === 0) return { years: [], undeclared };
  // Every year between the first and last, so a gap shows as a zero rather than vanishing.
  const out = [];
  for (let y = Number(years[0]); y <= Number(years.at(-1)); y++)
    out.push({ year: String(y), count: counts.get(String(y)) ?? 0 });
  return { years: out, undeclared };
}

/** The products whose security updates end soonest (ended ones first). */
export function shortestSupport(market: Market, limit = 10): MarketProduct[] {
  return market.products
    .filter((p) => p.supportEndDate !== null)
    .sort((a, b) => a.supportEndDate!.localeCompare(b.supportEndDate!) || a.id.localeCompare(b.id))
    .slice(0, limit);
}

export interface ContactGap {
  manufacturer: { id: string; name: string };
  products: MarketProduct[];
  reasons: string[];
}

/** Manufacturers with at least one declared product that names no working way to report a security problem. */
export function manufacturersWithoutContact(market: Market): ContactGap[] {
  const gaps = new Map<string, ContactGap>();
  for (const p of market.products) {
    if (p.contact === null || p.contact.ok) continue;
    const gap = gaps.get(p.manufacturer.id) ?? { manufacturer: p.manufacturer, products: [], reasons: [] };
    gap.products.push(p);
    for (const r of p.contact.reasons) if (!gap.reasons.includes(r)) gap.reasons.push(r);
    gaps.set(p.manufacturer.id, gap);
  }
  return [...gaps.values()].sort(
    (a, b) => b.products.length - a.products.length || a.manufacturer.name.localeCompare(b.manufacturer.name),
  );
}
