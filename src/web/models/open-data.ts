// Open-data records: one per product with its latest submitted declaration's assessments. Read through the
// registry's use cases, a page of products at a time. "Sellable" is the sale rule's answer (the same function
// as /v1/sellable and catalogue checks), not the assessment's alone: under a regime that sells only labelled
// products, a revoked or suspended label stops the sale whatever the declaration says.
import { todayUtc } from '../../calendar.js';
import { sellabilityVerdict } from '../../catalogue/sellability-verdict.js';
import type { SellabilityFacts } from '../../catalogue/types.js';
import type { ProductView, Services } from '../../registry/index.js';

/** The product's public fields as the API gives them, then what open data adds. */
export interface OpenDataRecord extends Pick<
  ProductView,
  'id' | 'manufacturer' | 'brand' | 'model' | 'name' | 'category' | 'gtins'
> {
  withdrawnAt: string | null;
  declaration: {
    id: string;
    version: number | null;
    createdAt: string;
    supportEndDate: string | null;
    sha256: string;
  } | null;
  assessments: { regime: string; at: string; outcome: string; sellable: boolean; shield: 'tick' | 'cross' | null }[];
}

const PAGE = 200;

export async function* openDataRecords(services: Services): AsyncGenerator<OpenDataRecord> {
  const at = todayUtc(services.clock);
  // Both walk the products in id order, so the facts are read alongside, a page at a time.
  const facts = services.facts.allFacts(at)[Symbol.asyncIterator]();
  let next: SellabilityFacts | undefined;
  const factsOf = async (id: string): Promise<SellabilityFacts | null> => {
    while (next === undefined || next.productId < id) {
      const step = await facts.next();
      if (step.done) return null;
      next = step.value;
    }
    return next.productId === id ? next : null;
  };
  const sellable = (f: SellabilityFacts | null, regime: string, assessed: boolean): boolean => {
    try {
      return sellabilityVerdict(f, regime, at, services.facts.rule(regime)).sellable;
    } catch {
      return assessed; // a regime retired from the rulebooks: its stored answer stands
    }
  };
  let after: string | undefined;
  for (;;) {
    const products = await services.products.findProducts({ limit: PAGE, after, includeWithdrawn: true });
    for (const p of products) {
      const f = await factsOf(p.id);
      const latest = p.latestDeclaration
        ? await services.declarations.getDeclaration(null, p.latestDeclaration.id)
        : null;
      yield {
        id: p.id,
        manufacturer: p.manufacturer,
        brand: p.brand,
        model: p.model,
        name: p.name,
        category: p.category,
        gtins: p.gtins,
        withdrawnAt: p.withdrawn?.at ?? null,
        declaration: latest
          ? {
              id: latest.id,
              version: latest.version,
              createdAt: latest.createdAt,
              supportEndDate: latest.supportEndDate,
              sha256: latest.sha256,
            }
          : null,
        assessments: (latest?.assessments ?? []).map((a) => ({
          regime: a.regime,
          at: a.at,
          outcome: a.outcome,
          sellable: sellable(f, a.regime, a.sellable),
          shield: a.label?.shield ?? null,
        })),
      };
    }
    if (products.length < PAGE) return;
    after = products.at(-1)!.id;
  }
}

export function openDataColumns(regimes: readonly string[]): string[] {
  return [
    'product_id',
    'manufacturer_id',
    'manufacturer',
    'brand',
    'model',
    'name',
    'category',
    'gtins',
    'withdrawn_at',
    'declaration_id',
    'declaration_version',
    'declared_at',
    'support_end_date',
    ...regimes.flatMap((r) => [`${r}_outcome`, `${r}_sellable`]),
  ];
}

export function csvRow(r: OpenDataRecord, regimes: readonly string[]): string[] {
  const byRegime = new Map(r.assessments.map((a) => [a.regime, a]));
  return [
    r.id,
    r.manufacturer.id,
    r.manufacturer.name,
    r.brand,
    r.model,
    r.name,
    r.category,
    r.gtins.join(' '),
    r.withdrawnAt ?? '',
    r.declaration?.id ?? '',
    r.declaration?.version?.toString() ?? '',
    r.declaration?.createdAt ?? '',
    r.declaration?.supportEndDate ?? '',
    ...regimes.flatMap((id) => {
      const a = byRegime.get(id);
      return a ? [a.outcome, a.sellable ? 'yes' : 'no'] : ['', ''];
    }),
  ];
}
