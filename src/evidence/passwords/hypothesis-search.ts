// Expensive derivation tests (hash catalogue, vendor algorithms) run in full only on discovery rows: the
// first rows of the batch and then every `stride`-th row. A derivation found there becomes a hypothesis
// that is then checked, cheaply, on every later row, so counts stay exact without hashing every
// identifier form of a million rows dozens of times.
import { Tally } from './tally.js';

export interface Hypothesis {
  key: string;
  matched: number;
  checked: number;
}

export interface SearchRow {
  deviceId: string;
  password: string;
  credentialType: string;
}

export interface HypothesisSearchOptions<R> {
  /** Every hypothesis key this row matches (exhaustive). */
  discover(row: R): string[];
  /** Whether this row matches one hypothesis. */
  verify(key: string, row: R): boolean;
  discoveryRows?: number;
  stride?: number;
  maxHypotheses?: number;
}

export class HypothesisSearch<R extends SearchRow> {
  readonly hypotheses = new Map<string, Hypothesis>();
  readonly rows = new Tally();
  private index = 0;
  private readonly discoveryRows: number;
  private readonly stride: number;
  private readonly max: number;

  constructor(private readonly options: HypothesisSearchOptions<R>) {
    this.discoveryRows = options.discoveryRows ?? 64;
    this.stride = options.stride ?? 1000;
    this.max = options.maxHypotheses ?? 32;
  }

  add(row: R): void {
    const index = this.index++;
    const discovering = index < this.discoveryRows || index % this.stride === 0;
    const found = discovering ? new Set(this.options.discover(row)) : undefined;
    if (found) for (const key of found) this.admit(key);
    let hit = false;
    for (const h of this.hypotheses.values()) {
      h.checked++;
      const match = found ? found.has(h.key) : this.options.verify(h.key, row);
      if (match) {
        h.matched++;
        hit = true;
      }
    }
    if (hit) this.rows.add(row.deviceId, row.password, row.credentialType);
  }

  /** Hypotheses that matched at least `min` rows, best first. */
  ranked(min = 1): Hypothesis[] {
    return [...this.hypotheses.values()]
      .filter((h) => h.matched >= min)
      .sort((a, b) => b.matched - a.matched || a.key.localeCompare(b.key));
  }

  private admit(key: string): void {
    if (this.hypotheses.has(key)) return;
    if (this.hypotheses.size >= this.max) {
      // Chance matches (one hit in many checks) make room for new candidates.
      for (const [k, h] of this.hypotheses) if (h.matched <= 1 && h.checked > 1000) this.hypotheses.delete(k);
      if (this.hypotheses.size >= this.max) return;
    }
    this.hypotheses.set(key, { key, matched: 0, checked: 0 });
  }
}
