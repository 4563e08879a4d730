// An in-memory index of a snapshot's products, usable as the checker's ProductLookup. A delta replaces a
// product's record (its GTINs or model may have changed) or removes it.
import { brandModelKey } from './columns.js';
import type { ProductLookup, SellabilityFacts } from './types.js';

export class SnapshotIndex implements ProductLookup {
  private readonly products = new Map<string, SellabilityFacts>();
  private readonly gtins = new Map<string, SellabilityFacts>();
  private readonly models = new Map<string, SellabilityFacts>();

  /** Adds a product, or replaces the record of one already held. */
  add(facts: SellabilityFacts): void {
    this.remove(facts.productId);
    this.products.set(facts.productId, facts);
    for (const gtin of facts.gtins) this.gtins.set(gtin, facts);
    this.models.set(brandModelKey(facts.brand, facts.model), facts);
  }

  /** Drops a product; its GTINs and model name no longer answer (unless another product now holds them). */
  remove(productId: string): void {
    const old = this.products.get(productId);
    if (old === undefined) return;
    this.products.delete(productId);
    for (const gtin of old.gtins) if (this.gtins.get(gtin) === old) this.gtins.delete(gtin);
    const model = brandModelKey(old.brand, old.model);
    if (this.models.get(model) === old) this.models.delete(model);
  }

  has(productId: string): boolean {
    return this.products.has(productId);
  }

  get size(): number {
    return this.products.size;
  }

  byGtin(gtin14: string): SellabilityFacts | null {
    return this.gtins.get(gtin14) ?? null;
  }

  byBrandModel(brand: string, model: string): SellabilityFacts | null {
    return this.models.get(brandModelKey(brand, model)) ?? null;
  }
}
