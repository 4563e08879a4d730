// An in-memory index of a snapshot's products, usable as the checker's ProductLookup.
import { brandModelKey } from './columns.js';
import type { ProductLookup, SellabilityFacts } from './types.js';

export class SnapshotIndex implements ProductLookup {
  private readonly gtins = new Map<string, SellabilityFacts>();
  private readonly models = new Map<string, SellabilityFacts>();
  private products = 0;

  add(facts: SellabilityFacts): void {
    this.products++;
    for (const gtin of facts.gtins) this.gtins.set(gtin, facts);
    this.models.set(brandModelKey(facts.brand, facts.model), facts);
  }

  get size(): number {
    return this.products;
  }

  byGtin(gtin14: string): SellabilityFacts | null {
    return this.gtins.get(gtin14) ?? null;
  }

  byBrandModel(brand: string, model: string): SellabilityFacts | null {
    return this.models.get(brandModelKey(brand, model)) ?? null;
  }
}
