// Batch statistics behind PW-LOW-KEYSPACE, PW-STRUCTURED-BIAS and the alphabet/length part of
// PW-DECLARATION-MISMATCH: lengths, character-class templates and per-position character counts.
//
// The per-position estimate: a position whose characters are spread evenly (chi-squared test) over the
// alphabet observed for its character classes counts log2(alphabet size) bits; an uneven one counts its
// min-entropy -log2(p_max); a constant one counts 0. Summing assumes independence, so it is an upper
// bound: statistics can prove a keyspace small, never large (a hash of a serial looks uniform).

const POSITIONS = 64;
const SYMBOLS = 256;
const MAX_TEMPLATES = 512;
const CLASS_SIZE = { d: 10, l: 26, u: 26, s: 33 } as const;

export interface KeyspaceEstimate {
  positional: number;
  template: number;
  biasedPositions: number[];
  mostCommonLength: number;
}

export class KeyspaceCheck {
  readonly counts = new Uint32Array(POSITIONS * SYMBOLS);
  readonly lengths = new Map<number, number>();
  readonly templates = new Map<string, number>();
  /** Characters seen anywhere, per class. */
  private readonly seenFlags = new Uint8Array(SYMBOLS);
  otherTemplates = 0;
  rows = 0;
  minLength = Infinity;
  maxLength = 0;

  add(password: string): void {
    this.rows++;
    const n = password.length;
    this.lengths.set(n, (this.lengths.get(n) ?? 0) + 1);
    this.minLength = Math.min(this.minLength, n);
    this.maxLength = Math.max(this.maxLength, n);
    let mask = '';
    for (let i = 0; i < n; i++) {
      const code = Math.min(password.charCodeAt(i), SYMBOLS - 1);
      if (i < POSITIONS) this.counts[i * SYMBOLS + code]!++;
      this.seenFlags[code] = 1;
      if (i < 32) mask += classOf(code);
    }
    const count = this.templates.get(mask);
    if (count !== undefined) this.templates.set(mask, count + 1);
    else if (this.templates.size < MAX_TEMPLATES) this.templates.set(mask, 1);
    else this.otherTemplates++;
  }

  mostCommonLength(): number {
    let best = 0;
    let bestCount = -1;
    for (const [length, count] of this.lengths) if (count > bestCount) [best, bestCount] = [length, count];
    return best;
  }

  topTemplates(limit = 10): { mask: string; count: number }[] {
    return [...this.templates]
      .map(([mask, count]) => ({ mask, count }))
      .sort((a, b) => b.count - a.count || a.mask.localeCompare(b.mask))
      .slice(0, limit);
  }

  /** Characters observed at any position, as a string (for the declared-alphabet comparison). */
  observedAlphabet(): string {
    return this.seen()
      .map((c) => String.fromCharCode(c))
      .join('');
  }

  private seen(): number[] {
    const out: number[] = [];
    this.seenFlags.forEach((flag, code) => flag && out.push(code));
    return out;
  }

  estimate(): KeyspaceEstimate {
    const length = this.mostCommonLength();
    const alphabetByClass = new Map<string, number>();
    for (const code of this.seen()) alphabetByClass.set(classOf(code), (alphabetByClass.get(classOf(code)) ?? 0) + 1);
    let positional = 0;
    const biasedPositions: number[] = [];
    for (let pos = 0; pos < Math.min(length, POSITIONS); pos++) {
      const row = this.counts.subarray(pos * SYMBOLS, (pos + 1) * SYMBOLS);
      let total = 0;
      let max = 0;
      let distinct = 0;
      const classes = new Set<string>();
      for (let c = 0; c < SYMBOLS; c++) {
        const k = row[c]!;
        if (k === 0) continue;
        total += k;
        distinct++;
        max = Math.max(max, k);
        classes.add(classOf(c));
      }
      if (distinct <= 1 || total === 0) continue;
      let alphabet = 0;
      for (const cls of classes) alphabet += alphabetByClass.get(cls) ?? 0;
      const expected = total / alphabet;
      let chi2 = (alphabet - distinct) * expected;
      for (let c = 0; c < SYMBOLS; c++) {
        const k = row[c]!;
        if (k > 0) chi2 += ((k - expected) * (k - expected)) / expected;
      }
      const dof = alphabet - 1;
      // A generous bound (about 5 standard deviations) so that honest batches are not flagged by chance.
      const uniform = total < 5 * alphabet || chi2 <= dof + 5 * Math.sqrt(2 * dof) + 10;
      if (uniform) positional += Math.log2(alphabet);
      else {
        positional += -Math.log2(max / total);
        biasedPositions.push(pos);
      }
    }
    // Template bound: log2 of the sum over observed templates of the product of their class sizes.
    // With many templates (or long passwords) it says nothing the positional estimate doesn't.
    let template = Infinity;
    if (this.templates.size <= 64 && this.otherTemplates === 0 && this.maxLength <= 32) {
      const bits = [...this.templates.keys()].map((mask) =>
        [...mask].reduce((sum, ch) => sum + Math.log2(CLASS_SIZE[ch as keyof typeof CLASS_SIZE]), 0),
      );
      const top = Math.max(...bits);
      template = top + Math.log2(bits.reduce((sum, b) => sum + 2 ** (b - top), 0));
    }
    return { positional, template, biasedPositions, mostCommonLength: length };
  }
}

function classOf(code: number): 'd' | 'l' | 'u' | 's' {
  if (code >= 48 && code <= 57) return 'd';
  if (code >= 97 && code <= 122) return 'l';
  if (code >= 65 && code <= 90) return 'u';
  return 's';
}
